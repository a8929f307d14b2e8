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
        let width = max(40, host.options.width ?? 100)
        var found = false
        if let b = session.builtins[name] {
            let result = BuiltinDocs.result(of: b.example, session.builtins, files: b.exampleFiles)
            out(b.signatures.joined(separator: "\n") + "\n" + ReplSession.wrap(b.summary, width: width, indent: "  "))
            out("  example: \(b.example)\n         = \(result)\n")
            found = true
        }
        // A name can be a function and a unit (`year`): say both.
        if let u = session.state.units.lookup(name) {
            out(unitHelp(name, u))
            found = true
        }
        if found { return .ok }
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

extension ReplSession {
    /// `day: day, a unit of Time: 1 day = 86400 s`: what it is and its size in the dimension's
    /// base unit (or, for a declared unit, in the unit it was defined by).
    func unitHelp(_ name: String, _ u: UnitAtom) -> String {
        let what = u.summary.isEmpty ? u.symbol : u.summary
        var line = "\(name): \(what), a unit of \(u.dimension)"
        if let reference = session.state.units.atoms.first(where: { $0.dimension == u.dimension && $0.factor == 1 }),
            reference != u
        {
            line += ": 1 \(u.symbol) = \(NumberFormat.format(u.factor, significant: 15)) \(reference.symbol)"
        }
        return line + "\n"
    }

    /// `text` wrapped at word boundaries to `width` columns, each line after `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 + "\n" }.joined()
    }
}

extension String {
    func padding(to n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }

}
