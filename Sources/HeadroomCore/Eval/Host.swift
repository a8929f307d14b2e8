/// What the language needs from the world, supplied by the front end (CLI, REPL, tests).
/// The core itself does no I/O.
public protocol PlanHost: AnyObject {
    /// A top-level expression statement produced a value.
    func show(_ value: Value, span: Span)
    /// `print(...)` wrote a line of these values (the host renders them, as it renders
    /// shown values; `Render.printLine` is the usual way).
    func print(_ values: [Value])
    /// Current time, seconds since the epoch, for `today()`.
    func now() -> Int64
    /// Reads an imported file. `path` is as written; `from` is the importing file's name.
    /// Returns the resolved name (used to import each file once) and its bytes.
    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8])
    /// Asked between steps; `true` stops the evaluation (Ctrl-C in the REPL).
    func isCancelled() -> Bool
    /// A remark beside the values, not one of them (why a column is empty): stderr for the
    /// CLI. Said once per distinct text in a run.
    func note(_ text: String)
}

extension PlanHost {
    public func note(_ text: String) {}
}

public struct HostError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A host that collects output in memory: for tests and embedding.
public final class MemoryHost: PlanHost {
    public var shown: [Value] = []
    public var printed: [String] = []
    public var notes: [String] = []
    public func note(_ text: String) { if !notes.contains(text) { notes.append(text) } }
    public var files: [String: String] = [:]
    public var clock: Int64

    public init(now: Int64 = CivilDate.daysFromCivil(2026, 1, 1) * 86_400) { clock = now }

    public func show(_ value: Value, span: Span) { shown.append(value) }
    public func print(_ values: [Value]) { printed.append(Render.printLine(values)) }
    public func now() -> Int64 { clock }
    public func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
        guard let text = files[path] else { throw HostError("no such file") }
        return (path, Array(text.utf8))
    }
    /// The host's answer to "stop?" (Ctrl-C at a prompt): yes from the `stopAt`-th question
    /// on (never by default). `asked` counts the questions, so a test can stop a run part way.
    public var stopAt = Int.max
    public private(set) var asked = 0
    public func isCancelled() -> Bool {
        asked += 1
        return asked >= stopAt
    }
}
