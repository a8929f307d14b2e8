/// Everything a session has defined. A value type: the REPL keeps a copy before each
/// entry and puts it back if the entry fails, so a failed entry changes nothing.
public struct SessionState: Sendable {
    public var globals: [String: Value] = [:]
    public var units = UnitRegistry()
    public var declaredUnits: Set<String> = []
    /// Names of files already imported (each file runs once).
    public var imported: Set<String> = []
    /// Static types of globals, for the checker.
    public var types: [String: StaticType] = [:]

    public init() {}
}
