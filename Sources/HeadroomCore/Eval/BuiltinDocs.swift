/// Writes `docs/builtins.md` from the registry, running every example for its result.
/// A test compares the file with this output, so the reference cannot drift from the code.
public enum BuiltinDocs {
    /// How to read the signatures; the top of `docs/builtins.md`.
    public static let intro = """
        Every function Headroom provides, with an example and the value it gives (the tests run each
        example). Each form of a function is one line: `name(parameter: type, ...) -> result`.
        Arguments can be given by position or by name (`round(x, digits: 2)`); `p?: T` marks an
        optional parameter, `p: T = v` one whose default is `v`. A function with several lines has
        several forms, tried in order (`runway(usage, capacity, rate)` and `runway(series, capacity)`).

        Types: `number` is a plain number (percentages are numbers: `80%` is 0.8); `Time`, `Bytes`,
        `Cores` are quantities of that dimension; `Q` stands for one dimension throughout a call, so
        `runway(usage: Q, capacity: Q, rate: Q/Time)` takes a rate in the usage's unit per time, and
        `1/Time` is a percentage per time (`10%/month`); `Money` is an amount in one currency;
        `series<Q>` is a series of such values; `[T]` a list; `{a: T, ...}` a record; `fn` a
        function; `value` a result whose shape the checker cannot know (what a server answers; with
        `unit:` a query's dimension is still checked). `xs...: T` takes
        the items one by one or as one list (`max(a, b, c)` is `max([a, b, c])`). The checker reads
        these signatures: a wrong argument, or a wrong use of a result, is an error before anything
        runs.
        """

    public static func markdown(
        _ registry: BuiltinRegistry, title: String = "Builtins",
        intro: String = "", appendix: String = ""
    ) -> String {
        var out = "# \(title)\n\n"
        out +=
            "<!-- Generated from the builtin registry by `HEADROOM_RECORD=1 swift test --filter Docs`. Do not edit. -->\n\n"
        if !intro.isEmpty { out += intro + "\n\n" }
        for b in registry.all.sorted(by: { $0.name < $1.name }) {
            // One line per form: its parameters with their types and defaults, and its result.
            out += "## \(b.name)\n\n```\n\(b.signatures.joined(separator: "\n"))\n```\n\n\(b.summary)\n\n"
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
