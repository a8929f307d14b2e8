import Foundation
import HeadroomCSV
import HeadroomCore

/// `command([...], format:)`: any tool as a metrics source (trino, talosctl, a script), run by
/// argument array (never a shell), its output parsed, recorded and replayed like every other
/// source. A tool runs with the rights of whoever runs the plan (docs/metrics.md).
enum Command {
    typealias P = Parameter

    static func register(into r: BuiltinRegistry, context initial: MetricsContext) {
        r.register(
            Builtin(
                "command",
                [
                    P("argv", .oneOf([.list(.string), .string])), P("format", .string, default: "\"text\""),
                    P("timeout", .duration, optional: true),
                ], .dynamic("the tool's output: a string, number, table or record"),
                summary: """
                    Runs a tool with these arguments (no shell: `["trino", "--execute", "SELECT 1"]`) and \
                    parses what it prints: `format: "text"` (a string), "number", "json" (records, lists, \
                    numbers, strings) or "csv" (a table: a header row, then numbers where a cell is one). The \
                    tool is `argv[0]` on PATH, or the path in the variable of its name in capitals (`TRINO`); \
                    it runs with the plan's rights. `--record` stores its output and `--replay` answers from it. \
                    A non-zero exit, a timeout (default the session's, 30 s) or output that is not what \
                    `format` says is an error naming the tool.
                    """,
                example: "#! command([\"talosctl\", \"-n\", \"k8s-1\", \"usage\", \"/var/lib\"], format: \"csv\")"
            ) { c throws(Diagnostic) in
                let argv: [String]
                switch c.value(0) {
                case .string(let s):
                    guard !s.contains(" ") else {
                        throw c.fail(
                            "give the command as a list of words, not one string", 0,
                            notes: [
                                "command(\(Render.inline(.list(s.split(separator: " ").map { .string(String($0)) }))), ...): it never runs through a shell"
                            ])
                    }
                    argv = [s]
                case .list(let xs):
                    argv = try xs.enumerated().map { i, v throws(Diagnostic) in
                        guard case .string(let s) = v else {
                            throw c.fail("argument \(i) is \(v.typeName), not a string", 0)
                        }
                        return s
                    }
                default: throw c.typeError(0, "a list of strings")
                }
                guard let tool = argv.first, !tool.isEmpty else { throw c.fail("the command is empty", 0) }
                let format = c.has(1) ? try c.string(1) : "text"
                guard ["text", "number", "json", "csv"].contains(format) else {
                    throw c.fail("format is \"text\", \"number\", \"json\" or \"csv\", not \"\(format)\"", 1)
                }
                var context = MetricsBuiltins.current(c, initial)
                let saved = context.timeout
                if c.has(2) {
                    let t = try c.duration(2)
                    guard t > 0, t <= 86_400 else { throw c.fail("the timeout must be from a moment to a day", 2) }
                    context.timeout = t
                }
                defer {
                    context.timeout = saved
                    MetricsBuiltins.store(context, c)
                }
                let variable = String(tool.split(separator: "/").last ?? "").uppercased().map {
                    $0.isLetter || $0.isNumber ? $0 : "_"
                }
                let host = c.interpreter.host
                let data: Data
                do {
                    data = try context.command(
                        tool, variable: String(variable), Array(argv.dropFirst()), cancelled: { host.isCancelled() })
                } catch let e as TransportError { throw c.fail(.toolFailed, e.message, nil) } catch {
                    throw c.fail(.toolFailed, "\(error)", nil)
                }
                let shown = argv.joined(separator: " ")
                guard data.count <= 64 << 20 else {
                    throw c.fail(.toolFailed, "\(shown) printed \(data.count >> 20) MiB; at most 64 MiB is read", nil)
                }
                let text = String(decoding: data, as: UTF8.self)
                switch format {
                case "number":
                    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard let v = Double(t), v.isFinite else {
                        throw c.fail(.toolFailed, "\(shown) printed \"\(t.prefix(40))\", not a number", nil)
                    }
                    return .number(v)
                case "json":
                    let object: Any
                    do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                        throw c.fail(.toolFailed, "\(shown) did not print JSON (\(data.count) bytes)", nil)
                    }
                    return value(object)
                case "csv": return try csv(text, shown, c)
                default:
                    var t = text
                    while t.hasSuffix("\n") || t.hasSuffix("\r") { t.removeLast() }
                    return .string(t)
                }
            })
    }

    /// JSON as plan values: objects are records, arrays lists, null a missing value.
    static func value(_ o: Any) -> Value {
        switch o {
        case let d as [String: Any]:
            return .record(Record(d.keys.sorted().map { (name: $0, value: value(d[$0] as Any)) }))
        case let a as [Any]: return .list(a.map(value))
        case let b as Bool where isBool(o): return .bool(b)
        case let n as NSNumber: return .number(n.doubleValue)
        case let s as String: return .string(s)
        default: return .missing(Missing(reason: "null in the tool's JSON"))
        }
    }

    /// JSON's true and false, told from the numbers 1 and 0 (which also cast to Bool): by
    /// their runtime type, as Foundation gives them back on Linux and on Darwin.
    static func isBool(_ o: Any) -> Bool {
        type(of: o) == type(of: true as NSNumber) || String(describing: type(of: o)).contains("Bool")
    }

    /// A header row and rows: a table whose cells are numbers where they read as one.
    static func csv(_ text: String, _ shown: String, _ c: BuiltinCall) throws(Diagnostic) -> Value {
        var parser = CSVParser(Array(text.utf8))
        func next() throws(Diagnostic) -> [ArraySlice<UInt8>]? {
            do { return try parser.next()?.fields.map { CSVParser.trimmed($0) } } catch {
                throw c.fail(.toolFailed, "\(shown) did not print CSV: line \(error.line): \(error.message)", nil)
            }
        }
        guard let header = try next()?.map({ CSVParser.string($0) }), !header.allSatisfy(\.isEmpty) else {
            throw c.fail(.toolFailed, "\(shown) printed no CSV header row", nil)
        }
        var rows: [Value] = []
        while let row = try next() {
            if row.allSatisfy({ $0.isEmpty }) { continue }
            rows.append(
                .record(
                    Record(
                        header.enumerated().map { i, name in
                            let cell = i < row.count ? row[i] : []
                            return (
                                name: name,
                                value: CSVParser.number(cell).map { .number($0) } ?? .string(CSVParser.string(cell))
                            )
                        })))
        }
        return .list(rows)
    }
}
