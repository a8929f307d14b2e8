/// Everything a session has defined. A value type: the REPL keeps a copy before each
/// entry and puts it back if the entry fails, so a failed entry changes nothing.
public struct SessionState: Sendable {
    public var globals: [String: Value] = [:] {
        didSet { globalsGeneration = Generation.next() }
    }
    /// Changes whenever `globals` does, never to a number used before (in any session), so
    /// a compiled name can keep what it found while this number stays the same. A state put
    /// back after a failed entry brings back its own number with its own globals.
    public private(set) var globalsGeneration = Generation.next()
    public var units = UnitRegistry()
    public var declaredUnits: Set<String> = []
    /// Names of files already imported (each file runs once).
    public var imported: Set<String> = []
    /// Static types of globals, for the checker.
    public var types: [String: StaticType] = [:]
    /// Where each global was last defined, for the checker's use-to-definition table.
    public var definitions: [String: Span] = [:]
    /// State owned by runtimes registered into the core (the metrics source, for one), by
    /// key. Values like the rest, so an entry that fails rolls them back, `:reset` forgets
    /// them, and a copy of the state is an independent session.
    public var extensions: [String: any Sendable] = [:]

    public init() {}
}
