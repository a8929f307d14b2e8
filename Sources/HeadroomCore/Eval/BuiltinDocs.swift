/// Writes `docs/builtins.md` from the registry, running every example for its result.
/// A test compares the file with this output, so the reference cannot drift from the code.
public enum BuiltinDocs {
    public static func markdown(
        _ registry: BuiltinRegistry, title: String = "Builtins",
        intro: String = "", appendix: String = ""
    ) -> String {
        var out = "# \(title)\n\n"
        out +=
            "<!-- Generated from the builtin registry by `HEADROOM_RECORD=1 swift test --filter Docs`. Do not edit. -->\n\n"
        if !intro.isEmpty { out += intro + "\n\n" }
        for b in registry.all.sorted(by: { $0.name < $1.name }) {
            out += "## `\(b.signature)`\n\n\(b.summary)\n\n"
            for (name, text) in b.exampleFiles.sorted(by: { $0.key < $1.key }) {
                out += "With `\(name)`:\n\n```\n\(text)```\n\n"
            }
            if b.example.hasPrefix("#! ") {
                // Needs a live source (a server, kubectl): shown, not run here; docs/metrics.md runs replays.
                out += "```\n\(b.example.dropFirst(3))\n```\n\n"
                continue
            }
            out += "```plan\n\(b.example)\n```\n"
            out += "gives `\(result(of: b.example, registry, files: b.exampleFiles))`\n\n"
        }
        return out + appendix
    }

    /// What an example shows (its last value, or its printed text), as one line.
    public static func result(of example: String, _ registry: BuiltinRegistry, files: [String: String] = [:]) -> String
    {
        let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
        host.files = files
        let session = Session(host: host, builtins: registry)
        do { try session.run(SourceFile(name: "example", text: example)) } catch {
            return "error: " + (error.diagnostics.first?.message ?? "?")
        }
        if let v = host.shown.last { return ValueFormatter.inline(v, nested: true) }
        return host.printed.joined(separator: " / ")
    }
}
