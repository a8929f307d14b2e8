import HeadroomCore

extension ReplSession {
    static let overview = """
        Type an expression to see its value, e.g. 2 TB -> TiB. Definitions (x = ..., fn f(x) = ...)
        stay for the session; `ans` is the last value. An entry that fails changes nothing.

        Commands:
        \(ReplCommand.table.map { "  :\($0.name) \($0.argument)".padding(to: 16) + $0.summary }.joined(separator: "\n"))

        Keys: Emacs bindings (Ctrl-A/E, Ctrl-K, Alt-B/F ...), Up/Down for history, Ctrl-R to
        search it, Tab to complete names, units and file names. Ctrl-C clears the line or stops
        a running evaluation; Ctrl-D on an empty line leaves.
        More: docs/language.md, docs/builtins.md, docs/repl.md.

        """

    func help(_ name: String?) -> Outcome {
        guard let name else {
            out(ReplSession.overview)
            return .ok
        }
        if let b = session.builtins[name] {
            out(
                "\(b.signature)\n  \(b.summary)\n  example: \(b.example)\n         = \(BuiltinDocs.result(of: b.example, session.builtins, files: b.exampleFiles))\n"
            )
            return .ok
        }
        if let c = ReplCommand.table.first(where: { ":" + $0.name == name || $0.name == name }) {
            out(":\(c.name) \(c.argument)\n  \(c.summary)\n")
            return .ok
        }
        if let v = session.state.globals[name] {
            if case .function(let f) = v {
                out("\(f.signature)  (defined in this session)\n")
            } else {
                out("\(name) = \(ValueFormatter.inline(v, nested: true))\n")
            }
            return .ok
        }
        if let u = session.state.units.lookup(name) {
            let size = u.dimension.isNone ? "" : ", \(ValueFormatter.quantity(Quantity(1, UnitProduct(u))))"
            out("\(name): \(u.summary.isEmpty ? u.symbol : u.summary) (unit of \(u.dimension)\(size))\n")
            return .ok
        }
        if let k = Keyword(rawValue: name) {
            out("'\(k.rawValue)' is a keyword: see docs/language.md\n")
            return .ok
        }
        let all = session.builtins.names + Array(session.state.globals.keys) + session.state.units.spellings
        err(
            paint("error", "1;31") + ": nothing called '\(name)'\n"
                + Suggest.notes(for: name, among: all).map { "  = \($0)\n" }.joined())
        return .failed
    }
}

extension String {
    func padding(to n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }

}
