import Foundation
import HeadroomCore
import HeadroomIO
import HeadroomPlanning

/// What the prompt does with one finished entry, independent of the terminal: run it (or a
/// `:command`), show results as `= value`, keep `ans`, and remember what succeeded for `:save`.
public final class ReplSession {
    public private(set) var session: Session
    let host: ReplHost
    /// Successful entries, in order, as `:save` writes them.
    public private(set) var transcript = Transcript()
    /// The last entry showed a value (so it set `ans`).
    var lastShowed = false
    let out: (String) -> Void
    let err: (String) -> Void
    let color: Bool
    let makeBuiltins: () -> BuiltinRegistry
    /// Says where metrics come from in a session state (the front end knows the metrics runtime).
    let describeSource: (SessionState) -> String
    /// Whether the session's metrics server answers: nil, or why not.
    let probeSource: (SessionState) -> String?

    public init(
        today: Int64?, color: Bool, builtins: @escaping () -> BuiltinRegistry = { .standard() },
        describeSource: @escaping (SessionState) -> String = { _ in "no metrics source" },
        probeSource: @escaping (SessionState) -> String? = { _ in nil },
        options: DisplayOptions = .standard,
        out: @escaping (String) -> Void, err: @escaping (String) -> Void
    ) {
        self.describeSource = describeSource
        self.probeSource = probeSource
        self.out = out
        self.err = err
        self.color = color
        makeBuiltins = builtins
        host = ReplHost(today: today, write: out)
        host.writeNote = { [color] text in err((color ? "\u{1B}[2mnote\u{1B}[0m" : "note") + ": \(text)\n") }
        host.options = options
        session = Session(host: host, builtins: builtins(), stackBudget: 512 << 20)
    }

    public enum Outcome: Equatable { case ok, failed, quit }

    /// Tab completion over this session: names, the fields of a value after `.` (from the
    /// checker's types, so nothing runs), and a call's argument labels.
    public func completer(listDirectory: @escaping (String) -> [String]) -> Completer {
        let names = completionNames
        return Completer(
            names: names.names, functions: names.functions, listDirectory: listDirectory,
            fieldsOf: { [session] receiver in
                let analysis = session.analyze(SourceFile(name: "<completion>", text: receiver))
                let t = analysis.type(endingAt: receiver.utf8.count, file: analysis.file) ?? .unknown
                return Analysis.fields(of: t)
            },
            labelsOf: { [session] function in
                if case .function(let f)? = session.state.globals[function], case .closure(let c) = f.body {
                    return c.params.map(\.name)
                }
                return session.builtins[function]?.params.map(\.name) ?? []
            })
    }

    /// Names for completion: the session's definitions, builtins, units, keywords.
    public var completionNames: (names: [String], functions: Set<String>) {
        let globals = Array(session.state.globals.keys)
        let fns = Set(
            session.state.globals.filter {
                if case .function = $0.value { return true }; return false
            }.keys
        )
        .union(session.builtins.names)
        let keywords = Keyword.allCases.map(\.rawValue)
        return (globals + session.builtins.names + session.state.units.spellings + keywords, fns)
    }

    /// Runs one entry: a `:command` or plan text.
    @discardableResult
    public func submit(_ entry: String) -> Outcome {
        if entry.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" }) { return .ok }
        if let parsed = ReplCommand.parse(entry) {
            switch parsed {
            case .success(let command): return run(command)
            case .failure(let e):
                err(paint("error", "1;31") + ": " + e.message + "\n" + e.notes.map { "  = \($0)\n" }.joined())
                return .failed
            }
        }
        guard evaluate(SourceFile(name: "<input>", text: entry)) else { return .failed }
        transcript.append(.code(entry.hasSuffix("\n") ? String(entry.dropLast()) : entry, showed: lastShowed))
        return .ok
    }

    /// Runs a file given with `headroom -i FILE` before the prompt opens; it counts as `:load`.
    public func load(_ source: SourceFile) {
        if evaluate(source) {
            transcript.append(
                source.name.hasPrefix("<")
                    ? .code(source.fullText, showed: lastShowed) : .file(SystemIO.absolute(source.name)))
        }
    }

    /// Runs a source in the session; shows values; sets `ans`. False if it failed.
    @discardableResult
    func evaluate(_ source: SourceFile) -> Bool {
        host.shown = []
        host.noted = []
        lastShowed = false
        Interrupt.clear()
        let ok: Bool = withLargeStack(bytes: 1 << 30) { [self] in
            do {
                try session.run(source)
                return true
            } catch let list as DiagnosticList {
                let r = DiagnosticRenderer(sources: session.sources, color: color)
                // After Ctrl-C the terminal has echoed "^C": start on a fresh line.
                let lead = list.diagnostics.first?.code == .interrupted ? "\n" : ""
                err(lead + list.diagnostics.map { r.render($0) }.joined(separator: "\n"))
                return false
            } catch {
                return false
            }
        }
        Interrupt.clear()
        for v in host.shown { out(result(v)) }
        if ok, let last = host.shown.last {
            lastShowed = true
            session.state.globals["ans"] = last
            session.state.types["ans"] = StaticType(of: last)
        }
        return ok
    }

    /// `= value`, with the lines of a table or long record indented under the first.
    func result(_ v: Value) -> String {
        var o = host.options
        o.width = o.width.map { $0 - 2 }  // the "= " in front
        let lines = ValueFormatter.display(v, options: o).split(separator: "\n", omittingEmptySubsequences: false)
        var s = paint("=", "2") + " " + (lines.first.map(String.init) ?? "") + "\n"
        for l in lines.dropFirst() { s += "  " + l + "\n" }
        return s
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func run(_ command: ReplCommand) -> Outcome {
        switch command {
        case .quit: return .quit
        case .help(let name): return help(name)
        case .vars:
            let globals = session.state.globals.sorted { $0.key < $1.key }
            if globals.isEmpty { out("nothing defined yet\n") }
            for (n, value) in globals {
                var text = ValueFormatter.inline(value, nested: true)
                if text.count > 100 { text = String(text.prefix(99)) + "…" }
                out("\(n) = \(text)\n")
            }
        case .units:
            var byDimension: [(String, [String])] = []
            for a in session.state.units.atoms {
                let d = a.dimension.description
                let name = a.plural.map { "\(a.symbol) (\($0))" } ?? a.symbol
                if let i = byDimension.firstIndex(where: { $0.0 == d }) {
                    byDimension[i].1.append(name)
                } else {
                    byDimension.append((d, [name]))
                }
            }
            for (d, names) in byDimension { out("\(d): \(names.joined(separator: ", "))\n") }
        case .load(let path):
            let bytes: [UInt8]
            do { bytes = try SystemIO.readFile(path, cancelled: { Interrupt.isSet }) } catch {
                err(paint("error", "1;31") + ": cannot read \(path): \(error.message)\n")
                return .failed
            }
            guard evaluate(SourceFile(name: path, bytes: bytes)) else { return .failed }
            transcript.append(.file(SystemIO.absolute(path)))
        case .save(let path):
            if path.hasSuffix(".md") { return saveNotebook(path) }
            do { try SystemIO.writeFile(path, transcript.plan(savedAt: path)) } catch {
                err(paint("error", "1;31") + ": cannot write \(path): \(error.message)\n")
                return .failed
            }
            out("saved \(transcript.count) entr\(transcript.count == 1 ? "y" : "ies") to \(path)\n")
        case .connect(let url):
            let call = "connect('\(url.replacingOccurrences(of: "'", with: "\\'"))')"
            guard evaluate(SourceFile(name: "<input>", text: call)) else { return .failed }
            transcript.append(.code(call, showed: false))
            let shown = url.split(separator: "@").last.map(String.init) ?? url
            // The setting stays either way: the server may come up later.
            if let problem = probeSource(session.state) {
                err(
                    paint("warning", "1;33") + ": \(shown) does not answer: \(problem)\n"
                        + "  = queries will still go there; :connect another URL to change it\n")
            } else {
                out("connected to \(shown)\n")
            }
        case .source:
            out(describeSource(session.state) + "\n")
        case .set(let name, let value):
            return set(name, value)
        case .reset:
            // The session's whole state goes, the metrics source included: back to the flags' one.
            session = Session(host: host, builtins: makeBuiltins(), stackBudget: 512 << 20)
            transcript.removeAll()
            out("session reset\n")
        }
        return .ok
    }
}
