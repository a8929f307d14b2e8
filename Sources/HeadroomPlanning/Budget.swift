import HeadroomCore

/// milestone, budget, year.
enum Budget {
    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "milestone",
                [
                    P("when", .date), P("component", .string), P("action", .string), P("cost", .quantity(.money)),
                    P("priority", .string, default: "\"medium\""), P("rationale", .string, default: "\"\""),
                ], .record(Shapes.milestoneFields),
                summary:
                    "A planned purchase: when (a date or quarter such as 2026-Q1), what, its cost, priority (\"low\", \"medium\", \"high\", \"critical\"; default \"medium\") and why.",
                example: "milestone(2026-Q1, \"Storage\", \"Add 2TB NVMe drives\", $1200, priority: \"high\")"
            ) { c throws(Diagnostic) in
                let when = try c.date(0), cost = try c.quantity(3)
                let priority = try c.optionalString(4, default: "medium")
                guard ["low", "medium", "high", "critical"].contains(priority) else {
                    throw c.fail("priority is \"low\", \"medium\", \"high\" or \"critical\"", 4)
                }
                return record([
                    ("when", .date(when)), ("component", .string(try c.string(1))),
                    ("action", .string(try c.string(2))),
                    ("cost", .quantity(cost)), ("priority", .string(priority)),
                    ("rationale", .string(try c.optionalString(5, default: ""))),
                ])
            })

        r.register(
            Builtin(
                "budget", [P("milestones", .list(.record))],
                .record([
                    ("by_year", .table([("year", .number), ("total", .quantity(.money)), ("items", .number)])),
                    ("total", .quantity(.money)), ("average_per_year", .quantity(.money)), ("years", .number),
                ]),
                summary: """
                    Totals of a list of milestones: `by_year` (a table of year, total and count), `total`, and \
                    `average_per_year` over every year from the first to the last (years without purchases \
                    count), with `years`.
                    """,
                example:
                    "budget([milestone(2025-Q4, \"Network\", \"2.5GbE\", $800), milestone(2027-Q2, \"Compute\", \"Node\", $2000)])"
            ) { c throws(Diagnostic) in
                var byYear: [(year: Int, total: Double, count: Int)] = []
                var unit: UnitProduct?
                for m in try c.list(0) {
                    guard case .record(let r) = m, case .date(let when)? = r["when"],
                        case .quantity(let cost)? = r["cost"]
                    else {
                        throw c.fail("budget needs a list of milestone(...) records", 0)
                    }
                    if let u = unit, u.dimension != cost.dimension {
                        throw Diagnostic(
                            .mixedDimensions, "budget cannot add \(u.dimension) and \(cost.dimension)", at: c.span(0))
                    }
                    unit = unit ?? cost.unit
                    let y = CivilDate.civilFromDays(when / 86_400).year
                    if let i = byYear.firstIndex(where: { $0.year == y }) {
                        byYear[i].total += cost.base; byYear[i].count += 1
                    } else {
                        byYear.append((y, cost.base, 1))
                    }
                }
                byYear.sort { $0.year < $1.year }
                guard let unit, let firstYear = byYear.first?.year, let lastYear = byYear.last?.year else {
                    throw c.fail("no milestones to add up", 0)
                }
                let total = byYear.reduce(0) { $0 + $1.total }
                let years = lastYear - firstYear + 1
                func money(_ v: Double) -> Value { .quantity(Quantity(base: v, unit: unit)) }
                return record([
                    (
                        "by_year",
                        .list(
                            byYear.map {
                                record([
                                    ("year", number(Double($0.year))), ("total", money($0.total)),
                                    ("items", number(Double($0.count))),
                                ])
                            })
                    ),
                    ("total", money(total)), ("average_per_year", money(total / Double(years))),
                    ("years", number(Double(years))),
                ])
            })

        r.register(
            Builtin(
                "year", [P("date", .date)], .number, summary: "The calendar year of a date (UTC).",
                example: "year(2027-Q2)"
            ) { c throws(Diagnostic) in
                let d = try c.date(0)
                return number(Double(CivilDate.civilFromDays(d / 86_400).year))
            })
    }
}
