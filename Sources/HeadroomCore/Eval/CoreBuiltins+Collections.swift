/// Lists and records as data: joining, cutting, counting, grouping (the runbook's "top 10
/// pods" and "per-namespace totals" without workarounds). Slicing is syntax: `xs[1:3]`.
extension CoreBuiltins {
    static func registerCollections(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "concat", [P("lists", .list(.any))], .argument("lists"), variadic: true,
                summary: "The lists one after another (`+` on lists adds item by item).",
                example: "concat([\"a\", \"b\"], [\"c\"])"
            ) { c throws(Diagnostic) in
                var out: [Value] = []
                for i in 0..<c.args.count where c.has(i) { out += try c.list(i) }
                for (v, span) in c.extra {
                    guard case .list(let xs) = v else {
                        throw Diagnostic(.argumentType, "concat joins lists, not \(v.typeName)", at: span)
                    }
                    out += xs
                }
                return .list(out)
            })
        for (name, first) in [("take", true), ("drop", false)] {
            r.register(
                Builtin(
                    name, [P("xs", .list(.any)), P("n", .number)], .argument("xs"),
                    summary: first
                        ? "The first `n` items (all of them when there are fewer); `take(sort_by(pods, p => p.cpu, descending: true), 10)` is the top 10."
                        : "The list without its first `n` items.",
                    example: "\(name)([1, 2, 3, 4], 3)"
                ) { c throws(Diagnostic) in
                    let xs = try c.list(0), n = try c.number(1)
                    guard n >= 0, n == n.rounded() else { throw c.fail("n must be a whole number, 0 or more", 1) }
                    let k = Int(min(n, Double(xs.count)))
                    return .list(first ? Array(xs.prefix(k)) : Array(xs.dropFirst(k)))
                })
        }
        r.register(
            Builtin(
                "range",
                [P("from", .quantity(.q)), P("to", .quantity(.q)), P("step", .quantity(.q), default: "1")],
                .list(.quantity(.q)),
                summary:
                    "`from`, `from + step`, ... up to but not including `to` (down, with a negative step); quantities of one dimension, at most 1,000,000 items.",
                example: "range(1 TB, 4 TB, 1 TB)"
            ) { c throws(Diagnostic) in
                let a = try c.quantity(0), b = try c.quantity(1)
                let step = c.has(2) ? try c.quantity(2) : Quantity(base: 1, unit: a.unit)
                guard a.dimension == b.dimension, step.dimension == a.dimension else {
                    throw Diagnostic(
                        .argumentDimension, "from, to and step must be of one dimension", at: c.span(c.has(2) ? 2 : 1))
                }
                guard step.base != 0 else { throw c.fail("the step must not be zero", 2) }
                let count = ((b.base - a.base) / step.base).rounded(.up)
                guard count <= 1_000_000 else { throw c.fail("that is more than 1,000,000 items", nil) }
                guard count > 0 else { return .list([]) }
                return .list(
                    (0..<Int(count)).map { .quantity(Quantity(base: a.base + Double($0) * step.base, unit: a.unit)) })
            })
        r.register(
            Builtin(
                "reduce", [P("xs", .list(.any)), P("initial", .any), P("f", .function)],
                .dynamic("what f returns"),
                summary: "Folds a list: `f(f(f(initial, x0), x1), ...)`.",
                example: "reduce([1 TB, 2 TB, 3 TB], 0 TB, (total, x) => total + x)"
            ) { c throws(Diagnostic) in
                var acc = c.value(1)
                let f = try c.function(2)
                for x in try c.list(0) { acc = try c.apply(f, [acc, x]) }
                return acc
            })
        r.register(
            Builtin(
                "count", [P("xs", .list(.any)), P("keep", .function, optional: true)], .number,
                summary: "How many items there are, or how many `keep` returns true for.",
                example: "count([5 GB, 50 GB, 500 GB], x => x > 10 GB)"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0)
                guard c.has(1) else { return .number(Double(xs.count)) }
                let f = c.applier(try c.function(1))
                var n = 0
                for x in xs {
                    guard case .bool(let keep) = try f(x) else {
                        throw c.fail("the function given to count must return true or false", 1)
                    }
                    if keep { n += 1 }
                }
                return .number(Double(n))
            })
        r.register(
            Builtin(
                "group_by",
                overloads: [
                    Overload(
                        [P("xs", .list(.any)), P("key", .function)],
                        .table([("key", .dynamic("what key returns")), ("items", .argument("xs"))])),
                    Overload(
                        [P("xs", .list(.any)), P("key", .function), P("aggregate", .function)],
                        .table([("key", .dynamic("what key returns")), ("value", .dynamic("what aggregate returns"))])),
                ],
                summary: """
                    The items grouped by `key(item)`, in order of first appearance: a table of each `key` and \
                    its `items`, or, with `aggregate`, the `value` it makes of each group's items (per-namespace \
                    totals: `group_by(pvcs, p => p.namespace, ps => sum(map(ps, p => p.size)))`).
                    """,
                example:
                    "group_by([{ns: \"a\", gb: 1 GB}, {ns: \"b\", gb: 2 GB}, {ns: \"a\", gb: 3 GB}], p => p.ns, ps => sum(map(ps, p => p.gb)))"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0), key = try c.function(1)
                var groups: [(key: Value, items: [Value])] = []
                for x in xs {
                    let k = try c.apply(key, x)
                    if let i = groups.firstIndex(where: { c.interpreter.structurallyEqual($0.key, k) == true }) {
                        groups[i].items.append(x)
                    } else {
                        groups.append((k, [x]))
                    }
                }
                let aggregate = c.has(2) ? try c.function(2) : nil
                var rows: [Value] = []
                for g in groups {
                    let second: (String, Value) =
                        if let aggregate { ("value", try c.apply(aggregate, [.list(g.items)])) } else {
                            ("items", .list(g.items))
                        }
                    rows.append(.record(Record([(name: "key", value: g.key), (name: second.0, value: second.1)])))
                }
                return .list(rows)
            })
        r.register(
            Builtin(
                "keys", [P("r", .record)], .list(.string), summary: "A record's field names, in order.",
                example: "keys({cpu: 70%, memory: 80%})"
            ) { c throws(Diagnostic) in
                guard case .record(let rec) = c.value(0) else { throw c.typeError(0, "a record") }
                return .list(rec.fields.map { .string($0.name) })
            })
        r.register(
            Builtin(
                "values", [P("r", .record)], .list(.dynamic("the record's field types")),
                summary: "A record's field values, in order.", example: "values({cpu: 70%, memory: 80%})"
            ) { c throws(Diagnostic) in
                guard case .record(let rec) = c.value(0) else { throw c.typeError(0, "a record") }
                return .list(rec.fields.map(\.value))
            })
        r.register(
            Builtin(
                "zip", [P("xs", .list(.any)), P("ys", .list(.any))],
                .table([("first", .item("xs")), ("second", .item("ys"))]),
                summary:
                    "Pairs of items at the same place, as records with `first` and `second`; as long as the shorter list.",
                example: "zip([\"a\", \"b\"], [1 TB, 2 TB])"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0), ys = try c.list(1)
                return .list(
                    zip(xs, ys).map { .record(Record([(name: "first", value: $0), (name: "second", value: $1)])) })
            })
        r.register(
            Builtin(
                "is_missing", [P("x", .any)], .bool,
                summary: "Whether `x` is a missing value (an empty table cell), which arithmetic refuses.",
                example: "is_missing(1 GB)"
            ) { c throws(Diagnostic) in
                if case .missing = c.value(0) { return .bool(true) }
                return .bool(false)
            })
        r.register(
            Builtin(
                "or_else", [P("x", .any), P("fallback", .any)], .argument("x"),
                summary: "`x`, or `fallback` where `x` is missing: `or_else(p.memory_request, 0 GiB)`.",
                example: "or_else(2 GiB, 0 GiB)"
            ) { c throws(Diagnostic) in
                if case .missing = c.value(0) { return c.value(1) }
                return c.value(0)
            })
        r.register(
            Builtin(
                "reverse", [P("xs", .list(.any))], .argument("xs"), summary: "The list, last item first.",
                example: "reverse([1, 2, 3])"
            ) { c throws(Diagnostic) in .list(Array(try c.list(0).reversed())) })
        r.register(
            Builtin(
                "unique", [P("xs", .list(.any))], .argument("xs"),
                summary: "The list without repeats (equal as `==` says), first appearances in order.",
                example: "unique([\"a\", \"b\", \"a\"])"
            ) { c throws(Diagnostic) in
                var out: [Value] = []
                for x in try c.list(0) where !out.contains(where: { c.interpreter.structurallyEqual($0, x) == true }) {
                    out.append(x)
                }
                return .list(out)
            })
    }
}
