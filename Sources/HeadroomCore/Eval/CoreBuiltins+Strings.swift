/// Strings: tests, cutting and joining, case (names of pods, namespaces, models).
extension CoreBuiltins {
    static func registerStrings(into r: BuiltinRegistry) {
        for (name, summary, test) in [
            ("contains", "Whether `s` contains `part`.", { (s: String, p: String) in p.isEmpty || s.contains(p) }),
            ("starts_with", "Whether `s` begins with `part`.", { (s: String, p: String) in s.hasPrefix(p) }),
            ("ends_with", "Whether `s` ends with `part`.", { (s: String, p: String) in s.hasSuffix(p) }),
        ] as [(String, String, (String, String) -> Bool)] {
            r.register(
                Builtin(
                    name, [P("s", .string), P("part", .string)], .bool, summary: summary,
                    example: "\(name)(\"spark-etl-nightly\", \"spark\")"
                ) { c throws(Diagnostic) in .bool(test(try c.string(0), try c.string(1))) })
        }
        r.register(
            Builtin(
                "split", [P("s", .string), P("separator", .string)], .list(.string),
                summary: "The parts of `s` between separators (empty parts kept).",
                example: "split(\"data-platform/spark\", \"/\")"
            ) { c throws(Diagnostic) in
                let s = try c.string(0), sep = try c.string(1)
                guard !sep.isEmpty else { throw c.fail("the separator must not be empty", 1) }
                return .list(s.split(separator: sep, omittingEmptySubsequences: false).map { .string(String($0)) })
            })
        r.register(
            Builtin(
                "join", [P("parts", .list(.any)), P("separator", .string, default: "\"\"")], .string,
                summary: "The items as text (as `print` shows them), with `separator` between.",
                example: "join([\"k8s-1\", \"k8s-2\"], \", \")"
            ) { c throws(Diagnostic) in
                let sep = c.has(1) ? try c.string(1) : ""
                return .string(try c.list(0).map { Render.inline($0) }.joined(separator: sep))
            })
        for (name, upper) in [("lower", false), ("upper", true)] {
            r.register(
                Builtin(
                    name, [P("s", .string)], .string, summary: "`s` in \(upper ? "upper" : "lower") case.",
                    example: "\(name)(\"Ceph\")"
                ) { c throws(Diagnostic) in
                    let s = try c.string(0)
                    return .string(upper ? s.uppercased() : s.lowercased())
                })
        }
        r.register(
            Builtin(
                "replace", [P("s", .string), P("old", .string), P("new", .string)], .string,
                summary: "`s` with every `old` replaced by `new`.",
                example: "replace(\"k8s-1.lan\", \".lan\", \"\")"
            ) { c throws(Diagnostic) in
                let s = try c.string(0), old = try c.string(1), new = try c.string(2)
                guard !old.isEmpty else { throw c.fail("the text to replace must not be empty", 1) }
                return .string(s.split(separator: old, omittingEmptySubsequences: false).joined(separator: new))
            })
    }
}
