import HeadroomCore
import RealModule

/// option and compare: which purchase buys the most runway per dollar.
enum Options {
    static let resources = [("cpu", "cores", "cpu"), ("memory", "memory", "memory"), ("storage", "usable", "storage")]

    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "option",
                [
                    P("name", .string), P("cost", .quantity(.money)), P("cpu", .number, default: "0%"),
                    P("memory", .number, default: "0%"), P("storage", .number, default: "0%"),
                    P("weeks", .number, default: "0"), P("disruption", .string, default: "\"low\""),
                ],
                .record([
                    ("name", .string), ("cost", .quantity(.money)), ("cpu", .number), ("memory", .number),
                    ("storage", .number), ("weeks", .number), ("disruption", .string),
                ]),
                summary:
                    "An expansion option: its cost, the capacity it adds per resource (percentages, default 0%), weeks to implement and disruption (\"low\", \"medium\", \"high\").",
                example:
                    "option(\"Add 1 Node\", cost: $1500, cpu: 33%, memory: 33%, storage: 33%, weeks: 2, disruption: \"low\")"
            ) { c throws(Diagnostic) in
                let name = try c.string(0), cost = try c.money(1)
                guard cost.base > 0 else { throw c.fail("the cost must be above zero", 1) }
                var fields: [(String, Value)] = [("name", .string(name)), ("cost", .quantity(cost))]
                for (i, res) in [(2, "cpu"), (3, "memory"), (4, "storage")] {
                    let g = c.has(i) ? try c.percentage(i) : 0
                    fields.append((res, .quantity(Quantity(base: g, unit: UnitProduct(.percent)))))
                }
                fields.append(("weeks", number(c.has(5) ? try c.number(5) : 0)))
                let d = try c.optionalString(6, default: "low")
                guard ["low", "medium", "high"].contains(d) else {
                    throw c.fail("disruption is \"low\", \"medium\" or \"high\"", 6)
                }
                fields.append(("disruption", .string(d)))
                return record(fields)
            })

        r.register(
            Builtin(
                "compare",
                overloads: [
                    Overload(
                        [
                            P("options", .list(.record)),
                            P(
                                "weights", .recordOf(["cpu", "memory", "storage"]),
                                default: "{cpu: 30%, memory: 40%, storage: 30%}"),
                            P("growth", .quantity(.perTime), default: "10%/month"),
                        ], .table(Shapes.scoreFields)),
                    Overload(
                        [
                            P("options", .list(.record)), P("cluster", .record), P("usage", .record),
                            P("growth", .record, optional: true), P("policy", .record, default: "policy()"),
                        ], .table(Shapes.runwayComparisonFields)),
                ],
                summary: """
                    Ranks options. With `weights` (default cpu 30%, memory 40%, storage 30%) and a `growth` \
                    percentage (default 10%/month), the runbook's score: weighted gain in percentage points per \
                    1000 of the cost's currency (rounded to 2 places), and months of relief = summed gains / \
                    growth. With `cluster`, `usage` and `growth` records per resource (rates, percentages per \
                    time, or a usage series whose fitted slope is used), it runs each option against real usage: \
                    runway to the `policy` thresholds per resource before and after (CPU and memory series also \
                    by their daily peaks against `cpu_peak` and `memory_peak`: the `cpu_peak` and `memory_peak` \
                    columns), the resource that binds first with its band (`low`, `high`), months gained and \
                    cost per month gained, growth taken the policy's `buffer` higher; best value first.
                    """,
                example:
                    "compare([option(\"A\", cost: $1000, storage: 50%), option(\"B\", cost: $3000, cpu: 100%, memory: 100%)])"
            ) { c throws(Diagnostic) in
                let options = try c.list(0)
                var parsed: [Record] = []
                for o in options {
                    guard case .record(let r) = o, r["name"] != nil, r["cost"] != nil else {
                        throw c.fail("compare needs a list of option(...) records", 0)
                    }
                    parsed.append(r)
                }
                if c.has(3) || c.has(4) { return try runwayComparison(c, parsed) }
                return try scoreComparison(c, parsed)
            })
    }

    static func gain(_ o: Record, _ name: String) -> Double {
        if case .quantity(let q)? = o[name], q.isPlainNumber { return q.base }
        return 0
    }

    static func scoreComparison(_ c: BuiltinCall, _ options: [Record]) throws(Diagnostic) -> Value {
        var weights = [("cpu", 0.3), ("memory", 0.4), ("storage", 0.3)]
        if c.has(1) {
            // All three, as percentages adding up to 100%: a weight left out is not silently 0%.
            let w = try c.record(1)
            weights = try weights.map { name, _ throws(Diagnostic) in
                guard case .quantity(let q)? = w[name], q.unit == UnitProduct(.percent) else {
                    throw c.fail(
                        "weights need cpu, memory and storage as percentages; '\(name)' is \(w[name] == nil ? "missing" : "not a percentage")",
                        1, notes: ["for example weights: {cpu: 30%, memory: 40%, storage: 30%}"])
                }
                return (name, q.base)
            }
            let total = weights.reduce(0) { $0 + $1.1 }
            guard abs(total - 1) < 1e-9 else {
                throw c.fail(
                    "the weights add up to \(NumberFormat.format(total * 100))%, not 100%", 1,
                    notes: ["scale them so they add up to 100%"])
            }
        }
        var growth = 0.10, growthUnit = UnitProduct(c.atom("month"))
        if c.has(2) {
            let g = try c.quantity(2)
            guard g.dimension == Dimension(base: "Time").raised(-1) else {
                throw Diagnostic(
                    .argumentDimension, "growth for the score is a percentage per time, such as 10%/month",
                    at: c.span(2),
                    label: g.dimension.description)
            }
            let period = Runway.compoundingPeriod(g)
            growth = g.base * period
            growthUnit = UnitProduct(
                g.unit.factors.filter { $0.atom.dimension == Dimension(base: "Time") }.map { ($0.atom, 1) })
        }
        let period = growthUnit.factor
        var rows: [(score: Double, fields: [(String, Value)])] = []
        for o in options {
            guard case .quantity(let cost)? = o["cost"] else { continue }
            let points = weights.reduce(0.0) { $0 + gain(o, $1.0) * $1.1 } * 100
            let score = (points / cost.value * 1000 * 100).rounded() / 100
            let totalGain = ["cpu", "memory", "storage"].reduce(0.0) { $0 + gain(o, $1) }
            let relief = growth > 0 ? totalGain / growth * period : .infinity
            let reliefValue: Value =
                relief.isFinite ? .quantity(Quantity(base: relief, unit: growthUnit)) : .never(.duration)
            rows.append(
                (
                    score,
                    [
                        ("name", o["name"] ?? .string("?")), ("cost", .quantity(cost)), ("score", number(score)),
                        ("relief", reliefValue),
                        ("weeks", o["weeks"] ?? number(0)), ("disruption", o["disruption"] ?? .string("")),
                    ]
                ))
        }
        let sorted = rows.enumerated().sorted { ($1.element.score, $0.offset) < ($0.element.score, $1.offset) }
        return .list(
            sorted.enumerated().map { record([("rank", number(Double($0.offset + 1)))] + $0.element.element.fields) })
    }
}
