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

    init(json: Bool, today: Int64?) {
        self.json = json
        self.today = today
    }

    func show(_ value: Value, span: Span) {
        SystemIO.write((json ? JSONRenderer.value(value) : ValueFormatter.display(value)) + "\n", to: .out)
    }

    func printText(_ text: String) {
        SystemIO.write((json ? JSONRenderer.printed(text) : text) + "\n", to: .out)
    }

    func now() -> Int64 { today ?? SystemIO.now() }

    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
        let resolved = from.hasPrefix("<") ? path : SystemIO.resolve(path, relativeTo: from)
        do { return (resolved, try SystemIO.readFile(resolved)) } catch { throw HostError(error.message) }
    }

    func isCancelled() -> Bool { false }
}
