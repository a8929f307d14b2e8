/// Aggregation and list builtins: len sum min max mean map filter sort_by.
extension CoreBuiltins {
    static func registerLists(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "len", [P("x", .oneOf([.list(.any), .string, .record, .series(nil)]))], .number,
                summary: "Number of items in a list, fields in a record, or characters in a string.",
                example: "len([1, 2, 3])"
            ) { c throws(Diagnostic) in
                switch c.value(0) {
                case .list(let xs): return .number(Double(xs.count))
                case .string(let s): return .number(Double(s.count))
                case .record(let rec): return .number(Double(rec.fields.count))
                case .series(let s): return .number(Double(s.count))
                default: throw c.typeError(0, "a list, record or string")
                }
            })
        r.register(
            Builtin(
                "sum", [P("xs", .quantity(.q))], .item("xs"), variadic: true,
                summary:
                    "Total of a list of quantities of one dimension, in the first one's unit. The sum of an empty list is 0.",
                example: "sum([$800, $1200, $2400])"
            ) { c throws(Diagnostic) in
                let (qs, never) = try quantities(c, "sum")
                if never { return .never(.duration) }
                guard let first = qs.first else { return .number(0) }
                let total = qs.reduce(0.0) { $0 + $1.base }
                guard total.isFinite else { throw c.fail("the sum is too large") }
                return .quantity(Quantity(base: total, unit: first.unit))
            })
        r.register(
            Builtin(
                "mean", [P("xs", .quantity(.q))], .item("xs"), variadic: true,
                summary: "Arithmetic mean of quantities of one dimension.",
                example: "mean([40%, 55%, 61%])"
            ) { c throws(Diagnostic) in
                let (qs, never) = try quantities(c, "mean")
                if never { return .never(.duration) }
                guard let first = qs.first else { throw c.fail("the mean of an empty list is undefined") }
                return .quantity(Quantity(base: qs.reduce(0.0) { $0 + $1.base / Double(qs.count) }, unit: first.unit))
            })
        for (name, pickMax) in [("min", false), ("max", true)] {
            r.register(
                Builtin(
                    name, [P("xs", .oneOf([.quantity(.q), .date]))], .item("xs"), variadic: true,
                    summary: "The \(pickMax ? "largest" : "smallest") of quantities of one dimension, or of dates.",
                    example: "\(name)(3 days, 1 week, 36 h)"
                ) { c throws(Diagnostic) in
                    let items = c.items()
                    guard !items.isEmpty else { throw c.fail("\(name) of an empty list is undefined") }
                    switch items[0].0 {
                    case .date, .never(.date):
                        // never is after every date.
                        var best: Int64?
                        var never = false
                        for (v, s) in items {
                            switch v {
                            case .date(let d): if best.map({ pickMax ? d > $0 : d < $0 }) ?? true { best = d }
                            case .never(.date): never = true
                            default:
                                throw Diagnostic(.mixedDimensions, "\(name) cannot mix dates and \(v.typeName)", at: s)
                            }
                        }
                        if let best, !(pickMax && never) { return .date(best) }
                        return .never(.date)
                    default: break
                    }
                    let (qs, never) = try quantities(c, name)
                    // never is longer than every duration.
                    if never && (pickMax || qs.isEmpty) { return .never(.duration) }
                    var best = qs[0]
                    for q in qs.dropFirst() where pickMax ? q.base > best.base : q.base < best.base { best = q }
                    return .quantity(best)
                })
        }
        r.register(
            Builtin(
                "map", [P("xs", .list(.any)), P("f", .function)], .list(.dynamic("what f returns")),
                summary: "Applies `f` to each item of a list.", example: "map([1, 2, 3], x => x * 64 GiB)"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0), f = c.applier(try c.function(1))
                var out: [Value] = []
                out.reserveCapacity(xs.count)
                for x in xs { out.append(try f(x)) }
                return .list(out)
            })
        r.register(
            Builtin(
                "filter", [P("xs", .list(.any)), P("keep", .function)], .argument("xs"),
                summary: "The items of a list for which `keep` returns true.",
                example: "filter([5 GB, 50 GB, 500 GB], x => x > 10 GB)"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0), f = c.applier(try c.function(1))
                var out: [Value] = []
                for x in xs {
                    guard case .bool(let keep) = try f(x) else {
                        throw c.fail("the function given to filter must return true or false", 1)
                    }
                    if keep { out.append(x) }
                }
                return .list(out)
            })
        r.register(
            Builtin(
                "sort_by", [P("xs", .list(.any)), P("key", .function), P("descending", .bool, default: "false")],
                .argument("xs"),
                summary:
                    "The list sorted by `key(item)`, smallest first (largest first with `descending: true`); stable. Keys must be quantities of one dimension, dates or strings.",
                example: "sort_by([{n: \"b\", c: $2}, {n: \"a\", c: $1}], r => r.c)"
            ) { c throws(Diagnostic) in
                let xs = try c.list(0), f = c.applier(try c.function(1))
                var keyed: [(Int, Value, Value)] = []
                for (i, x) in xs.enumerated() { keyed.append((i, try f(x), x)) }
                var problem: Diagnostic?
                func less(_ a: Value, _ b: Value) -> Bool {
                    switch (a, b) {
                    case (.quantity(let x), .quantity(let y)):
                        if x.dimension != y.dimension, problem == nil {
                            problem = c.fail("sort_by keys mix \(x.dimension) and \(y.dimension)", 1)
                        }
                        return x.base < y.base
                    case (.date(let x), .date(let y)): return x < y
                    case (.string(let x), .string(let y)): return x < y
                    default:
                        if problem == nil {
                            problem = c.fail("sort_by keys must be quantities, dates or strings", 1, label: a.typeName)
                        }
                        return false
                    }
                }
                var descending = false
                if c.has(2) {
                    guard case .bool(let d) = c.value(2) else { throw c.typeError(2, "true or false") }
                    descending = d
                }
                if descending {
                    keyed.sort { less($1.1, $0.1) || (!less($0.1, $1.1) && $0.0 < $1.0) }
                } else {
                    keyed.sort { less($0.1, $1.1) || (!less($1.1, $0.1) && $0.0 < $1.0) }
                }
                if let problem { throw problem }
                return .list(keyed.map(\.2))
            })
    }
}
