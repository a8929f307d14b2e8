import HeadroomCore

/// A `:command` typed at the prompt. Parsing is separate from running, so it is tested
/// without a terminal.
public enum ReplCommand: Equatable, Sendable {
    case help(String?)
    case vars
    case units
    case load(String)
    case save(String)
    case connect(String)
    case source
    case set(String?, String?)
    case reset
    case quit

    /// Every command, with its argument and what it does: for `:help` and completion.
    public static let table: [(name: String, argument: String, summary: String)] = [
        ("help", "[NAME]", "this list, or the signature, summary and example of NAME"),
        ("vars", "", "the names this session has defined, with their values"),
        ("units", "", "every unit, by dimension"),
        ("load", "FILE", "run a .plan file into this session"),
        (
            "save", "FILE",
            "write this session's successful entries as a runnable .plan, or as a notebook with outputs (.md)"
        ),
        ("connect", "URL", "query this Prometheus-compatible server from now on"),
        ("source", "", "where metrics come from now: a live server, a recording, or a replayed snapshot"),
        ("set", "[digits N]", "show the display settings, or set the significant digits numbers show (1 to 15)"),
        ("reset", "", "forget every definition and start afresh"),
        ("quit", "", "leave (Ctrl-D on an empty line does the same)"),
    ]

    public static var names: [String] { table.map { ":" + $0.name } }

    public struct ParseError: Error, Equatable, Sendable {
        public let message: String
        public let notes: [String]
    }

    /// Parses a line starting with `:`. Returns nil for lines that are not commands.
    public static func parse(_ line: String) -> Result<ReplCommand, ParseError>? {
        var trimmed = Substring(line.drop { $0 == " " || $0 == "\t" })
        while let last = trimmed.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            trimmed.removeLast()
        }
        guard trimmed.hasPrefix(":") else { return nil }
        let words = trimmed.dropFirst().split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else {
            return .failure(ParseError(message: "':' needs a command", notes: ["try :help"]))
        }
        let name = String(first)
        let arg = words.count > 1 ? String(words[1]) : ""
        func needs(_ what: String, _ make: (String) -> ReplCommand) -> Result<ReplCommand, ParseError> {
            arg.isEmpty
                ? .failure(
                    ParseError(message: ":\(name) needs \(what)", notes: ["usage: :\(name) \(what.uppercased())"]))
                : .success(make(arg))
        }
        func none(_ c: ReplCommand) -> Result<ReplCommand, ParseError> {
            arg.isEmpty ? .success(c) : .failure(ParseError(message: ":\(name) takes no argument", notes: []))
        }
        switch name {
        case "help", "h", "?": return .success(.help(arg.isEmpty ? nil : arg))
        case "vars": return none(.vars)
        case "units": return none(.units)
        case "load": return needs("a file", ReplCommand.load)
        case "save": return needs("a file", ReplCommand.save)
        case "connect": return needs("a URL", ReplCommand.connect)
        case "source": return none(.source)
        case "set":
            let parts = arg.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count <= 2 else {
                return .failure(ParseError(message: ":set takes a name and a value", notes: ["usage: :set digits 4"]))
            }
            return .success(.set(parts.first, parts.count > 1 ? parts[1] : nil))
        case "reset": return none(.reset)
        case "quit", "q", "exit": return none(.quit)
        default:
            return .failure(
                ParseError(
                    message: "unknown command ':\(name)'",
                    notes: Suggest.notes(for: ":" + name, among: names) + ["try :help"]))
        }
    }
}
