import HeadroomCore
import HeadroomIO
import HeadroomPlanning

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive prompt: reads entries (continuing over lines while one is unfinished),
/// hands them to a `ReplSession`, and keeps the history.
public struct Repl {
    public let replSession: ReplSession
    let historyPath: String?

    public init(
        today: Int64?, color: Bool, environment: [String: String],
        builtins: @escaping () -> BuiltinRegistry = { .standard() },
        describeSource: @escaping (SessionState) -> String = { _ in "no metrics source" },
        probeSource: @escaping (SessionState) -> String? = { _ in nil },
        options: DisplayOptions = .standard
    ) {
        replSession = ReplSession(
            today: today, color: color, builtins: builtins, describeSource: describeSource,
            probeSource: probeSource, options: options,
            out: {
                SystemIO.write($0, to: .out); SystemIO.flush()
            },
            err: { SystemIO.write($0, to: .err) })
        historyPath = HistoryLocation.path(environment: environment)
    }

    /// Runs until `:quit` or Ctrl-D. Returns the exit status (0).
    public func run() -> Int32 {
        Interrupt.install()
        guard let editor = LineEditor(historyPath: historyPath) else {
            SystemIO.write("error: cannot start the line editor\n", to: .err)
            return 1
        }
        editor.complete = { before in replSession.completer(listDirectory: SystemIO.listDirectory).complete(before) }
        SystemIO.write("Headroom \(Repl.version). :help for help, Ctrl-D to leave.\n", to: .out)
        SystemIO.flush()
        var pending = ""
        while true {
            // The continuation prompt lines up with "headroom> ", so continued code aligns.
            switch editor.read(prompt: pending.isEmpty ? "headroom> " : "     ...> ") {
            case .end:
                if pending.isEmpty {
                    SystemIO.write("\n", to: .out)
                    SystemIO.flush()
                    return 0
                }
                pending = ""  // Ctrl-D inside an unfinished entry drops it
                SystemIO.write("\n", to: .out)
            case .interrupted:
                pending = ""
                SystemIO.write("^C\n", to: .out)
                SystemIO.flush()
            case .line(let line):
                let blank = line.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" }
                pending += line.hasSuffix("\n") ? line : line + "\n"
                // An empty line ends an unfinished entry anyway, so its error shows.
                if !blank, !pending.hasPrefix(":"), Completeness.needsMoreInput(pending) { continue }
                let entry = pending
                pending = ""
                editor.remember(entry)
                if replSession.submit(entry) == .quit { return 0 }
            }
        }
    }

    public static let version = "0.1.0"
}
