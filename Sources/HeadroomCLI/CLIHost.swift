import HeadroomCore
import HeadroomIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The host for scripts: values to stdout as text or JSON lines, files from disk.
final class CLIHost: PlanHost {
    let json: Bool
    let today: Int64?
    let options: DisplayOptions
    /// `--quiet`: values, prints and notes are not shown; errors still are.
    var quiet = false

    init(json: Bool, today: Int64?, options: DisplayOptions = .standard) {
        self.json = json
        self.today = today
        self.options = options
    }

    func show(_ value: Value, span: Span) {
        if quiet { return }
        let text = json ? JSONRenderer.value(value, options) : ValueFormatter.display(value, options: options)
        SystemIO.write(text + "\n", to: .out)
    }

    func print(_ values: [Value]) {
        if quiet { return }
        let text = Render.printLine(values, options)
        SystemIO.write((json ? JSONRenderer.printed(text) : text) + "\n", to: .out)
    }

    func now() -> Int64 { today ?? SystemIO.now() }

    private var noted: Set<String> = []
    func note(_ text: String) {
        guard !quiet, noted.insert(text).inserted else { return }
        SystemIO.flush()
        SystemIO.write("note: \(text)\n", to: .err)
    }

    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
        let resolved = from.hasPrefix("<") ? path : SystemIO.resolve(path, relativeTo: from)
        do { return (resolved, try SystemIO.readFile(resolved)) } catch { throw HostError(error.message) }
    }

    func isCancelled() -> Bool { false }
}
