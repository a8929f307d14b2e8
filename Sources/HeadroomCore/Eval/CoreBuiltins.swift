import RealModule

/// The builtins of the language itself: math, aggregation, lists, output, time.
/// The planning runtime (series, forecasts, runway, ...) registers more on top.
enum CoreBuiltins {
    typealias P = Parameter

    static func register(into r: BuiltinRegistry) {
        registerMath(into: r)
        registerLists(into: r)
        registerCollections(into: r)
        registerStrings(into: r)
        r.register(
            Builtin(
                "print", [P("values", .any, optional: true)], .nothing, variadic: true,
                summary:
                    "Writes its arguments, separated by spaces, as one line of text. Strings print without quotes.",
                example: "print(\"usable:\", 2 TB * 80%)"
            ) { c throws(Diagnostic) in
                // Each argument as written: a list prints as a list, not as its items.
                let first = c.args.first.flatMap { $0 }.map { [$0.0] } ?? []
                c.interpreter.host.print(first + c.extra.map(\.0))
                return .nothing
            })
        r.register(
            Builtin(
                "today", [], .date, summary: "Today's date (UTC). `--today DATE` fixes it for reproducible runs.",
                example: "today() + 3 months"
            ) { c throws(Diagnostic) in
                let now = c.interpreter.host.now()
                return .date(now - ((now % 86_400) + 86_400) % 86_400)
            })
    }

    /// Quantities of one dimension from a list or argument list, and whether a `never` (a
    /// duration that does not end) was among them; anything else is an error.
    static func quantities(_ c: BuiltinCall, _ what: String) throws(Diagnostic) -> (values: [Quantity], never: Bool) {
        var out: [Quantity] = []
        var never = false
        var dimension: Dimension?
        let items = c.items()
        out.reserveCapacity(items.count)
        var lastUnit: UnitProduct?
        for (v, s) in items {
            let d: Dimension
            switch v {
            case .quantity(let q):
                out.append(q)
                if let lastUnit, q.unit.sameDimension(as: lastUnit) { continue }  // checked already
                lastUnit = q.unit
                d = q.dimension
            case .never(.duration):
                never = true
                d = BuiltinUnits.time
            case .missing: throw c.noValue(0)
            default:
                throw Diagnostic(
                    .argumentType, "\(what) needs numbers or quantities", at: s, label: "found \(v.typeName)")
            }
            if let first = dimension, first != d {
                throw Diagnostic(
                    .mixedDimensions, "\(what) cannot mix \(first) and \(d)", at: s, label: d.description)
            }
            dimension = d
        }
        return (out, never)
    }

    static func registerMath(into r: BuiltinRegistry) {
        /// Applies `f` to the value in its displayed unit, keeping the unit (lists element-wise).
        func displayed(
            _ name: String, _ summary: String, _ example: String, extra: [P] = [],
            _ f: @escaping (Double, BuiltinCall) throws(Diagnostic) -> Double
        ) {
            r.register(
                Builtin(
                    name, [P("x", .oneOf([.quantity(nil), .list(.any), .record]))] + extra, .argument("x"),
                    summary: summary, example: example
                ) { c throws(Diagnostic) in
                    func one(_ v: Value) throws(Diagnostic) -> Value {
                        switch v {
                        case .quantity(let q): return .quantity(Quantity(try f(q.value, c), q.unit))
                        case .list(let xs):
                            var out: [Value] = []
                            for x in xs { out.append(try one(x)) }
                            return .list(out)
                        case .record(let r):
                            // Every quantity in it (a table's cells too); other fields as they are.
                            var out: [(name: String, value: Value)] = []
                            for field in r.fields {
                                switch field.value {
                                case .quantity, .list, .record: out.append((field.name, try one(field.value)))
                                default: out.append(field)
                                }
                            }
                            return .record(Record(out))
                        case .never, .missing: return v
                        default: throw c.typeError(0, "a number or quantity, or a list or record of them")
                        }
                    }
                    return try one(c.value(0))
                })
        }
        displayed(
            "round",
            "Rounds to `digits` decimal places (default 0) in the unit the value is shown in; in a list, record or table, every quantity in it.",
            "round(6 * 1 TB / 3 -> TiB, 2)", extra: [P("digits", .number, default: "0")]
        ) { x, c throws(Diagnostic) in
            let d = c.has(1) ? try c.number(1) : 0
            guard d == d.rounded(), abs(d) <= 15 else {
                throw c.fail("digits must be a whole number from -15 to 15", 1)
            }
            let m = Double.pow(10, d)
            return (x * m).rounded(.toNearestOrAwayFromZero) / m
        }
        displayed("floor", "Rounds down to a whole number in the displayed unit.", "floor(29.5 months)") { x, _ in
            x.rounded(.down)
        }
        displayed("ceil", "Rounds up to a whole number in the displayed unit.", "ceil(2.1 cores)") { x, _ in
            x.rounded(.up)
        }
        displayed("abs", "The magnitude, without sign.", "abs(-5 GB)") { x, _ in abs(x) }

        func plain(
            _ name: String, _ summary: String, _ example: String, _ f: @escaping (Double) -> Double,
            domain: @escaping (Double) -> Bool, _ domainText: String
        ) {
            r.register(
                Builtin(
                    name, [P("x", .number)], .number, summary: summary, example: example
                ) { c throws(Diagnostic) in
                    let x = try c.number(0)
                    guard domain(x) else {
                        throw c.fail("\(name) is only defined for \(domainText)", 0, label: NumberFormat.format(x))
                    }
                    let y = f(x)
                    guard y.isFinite else { throw c.fail("the result of \(name) is too large", 0) }
                    return .number(y)
                })
        }
        plain(
            "ln", "Natural logarithm of a plain number.", "ln(2)", { Double.log($0) }, domain: { $0 > 0 },
            "positive numbers")
        plain(
            "log10", "Base-10 logarithm of a plain number.", "log10(1000)", { Double.log10($0) }, domain: { $0 > 0 },
            "positive numbers")
        plain("exp", "e raised to a plain number.", "exp(1)", { Double.exp($0) }, domain: { _ in true }, "numbers")

        r.register(
            Builtin(
                "mod", [P("a", .quantity(.q)), P("b", .quantity(.q))], .quantity(.q),
                summary:
                    "The remainder of `a` divided by `b`, with the sign of `b` (as Python's `%`): `a - b·floor(a/b)`. Both of one dimension.",
                example: "mod(10, 3)"
            ) { c throws(Diagnostic) in
                let a = try c.quantity(0), b = try c.quantity(1)
                guard b.base != 0 else { throw c.fail(.divisionByZero, "mod by zero", 1, label: "this is zero") }
                let r = a.base - b.base * (a.base / b.base).rounded(.down)
                return .quantity(Quantity(base: r, unit: a.unit))
            })
        r.register(
            Builtin(
                "sqrt", [P("x", .quantity(nil))], .squareRoot("x"),
                summary: "Square root. A quantity's unit must have even powers (`sqrt(4 GB^2)` is `2 GB`).",
                example: "sqrt(2)"
            ) { c throws(Diagnostic) in
                let q = try c.quantity(0)
                guard q.base >= 0 else { throw c.fail("sqrt of a negative number is not a real number", 0) }
                if q.isPlainNumber { return .number(Double.sqrt(q.base)) }
                guard q.unit.factors.allSatisfy({ $0.power % 2 == 0 }) else {
                    throw c.fail("sqrt needs a unit with even powers", 0, label: q.unit.symbol)
                }
                let u = UnitProduct(q.unit.factors.map { ($0.atom, $0.power / 2) })
                return .quantity(Quantity(Double.sqrt(q.value), u))
            })
    }
}
