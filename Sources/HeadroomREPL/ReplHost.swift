import HeadroomCore
import HeadroomIO

/// The host for the prompt: values are collected per entry, `print` writes at once, files
/// come from disk, and Ctrl-C cancels an evaluation.
final class ReplHost: PlanHost {
    var shown: [Value] = []
    let write: (String) -> Void
    let today: Int64?

    init(today: Int64?, write: @escaping (String) -> Void) {
        self.today = today
        self.write = write
    }

    func show(_ value: Value, span: Span) { shown.append(value) }
    /// Display settings (`:set digits`), for shown and printed values alike.
    var options = DisplayOptions.standard
    func print(_ values: [Value]) { write(Render.printLine(values, options) + "\n") }
    func now() -> Int64 { today ?? SystemIO.now() }
    /// Notes go beside the values, once per entry.
    var noted: Set<String> = []
    var writeNote: (String) -> Void = { _ in }
    func note(_ text: String) { if noted.insert(text).inserted { writeNote(text) } }

    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
        let resolved = from.hasPrefix("<") ? path : SystemIO.resolve(path, relativeTo: from)
        do { return (resolved, try SystemIO.readFile(resolved, cancelled: { Interrupt.isSet })) } catch {
            throw HostError(error.message)
        }
    }

    func isCancelled() -> Bool { Interrupt.isSet }
}
