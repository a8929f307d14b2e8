import HeadroomCore

/// `compare_reports(old, new)`: what moved between two `report(...)` values, by the rule
/// `--since` uses for report files (`ReportSummary`).
extension Report {
    static func registerComparison(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "compare_reports",
                [P("old", .record), P("new", .record)],
                .record([
                    ("runway_change", .table([("resource", .string), ("change", .duration)])),
                    ("storage_growth_change", .dynamic("bytes per time")), ("new", .list(.string)),
                    ("resolved", .list(.string)),
                ]),
                summary: """
                    What moved from one `report(...)` to another (last week's and this week's, or before and \
                    after a change): months of runway gained or lost per resource, the change in storage \
                    growth, and the recommendations that are new or resolved (matched by rule and resource). \
                    `headroom run --report now.json --since last.json` does the same with report files.
                    """,
                example: """
                    s = series([10, 11, 12, 13, 14] cores, start: 2026-01-01, step: 1 month)
                    m = series([100, 110, 120, 130, 140] GiB, start: 2026-01-01, step: 1 month)
                    d = series([500, 520, 540, 560, 580] GiB, start: 2026-01-01, step: 1 month)
                    c = cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3)
                    now = report(c, {cpu: s, memory: m, storage: d})
                    bigger = report(cluster(4, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3), {cpu: s, memory: m, storage: d})
                    compare_reports(now, bigger).resolved
                    """
            ) { c throws(Diagnostic) in
                guard let old = summary(c.value(0)) else { throw c.fail("this is not a report(...) value", 0) }
                guard let new = summary(c.value(1)) else { throw c.fail("this is not a report(...) value", 1) }
                let s = new.since(old)
                let month = UnitProduct(c.atom("month"))
                return record([
                    (
                        "runway_change",
                        .list(
                            resources.map { name in
                                record([
                                    ("resource", .string(name)),
                                    (
                                        "change",
                                        (s.runwayChange[name] ?? nil).map {
                                            .quantity(Quantity(base: $0 * 2_629_746, unit: month))
                                        }
                                            ?? .missing(Missing(reason: "it never runs out in one of the reports"))
                                    ),
                                ])
                            })
                    ),
                    (
                        "storage_growth_change",
                        .quantity(
                            Quantity(
                                base: s.storageGrowthChange / 2_629_746,
                                unit: UnitProduct(c.atom("GiB")).multiplied(by: month, power: -1)))
                    ),
                    ("new", .list(s.newRecommendations.map { .string($0) })),
                    ("resolved", .list(s.resolvedRecommendations.map { .string($0) })),
                ])
            })
    }

    /// A `report(...)` value read back for comparison; nil when it is not one.
    static func summary(_ v: Value) -> ReportSummary? {
        guard case .record(let r) = v, case .list(let rows)? = r["resources"], case .list(let details)? = r["details"]
        else { return nil }
        var months: [String: Double?] = [:]
        var growth = 0.0
        for case .record(let row) in rows {
            guard case .string(let name)? = row["resource"] else { continue }
            switch row["runway"] {
            case .quantity(let q)?: months[name] = q.base / 2_629_746
            default: months[name] = .some(nil)
            }
            if name == "storage", case .quantity(let g)? = row["growth"] { growth = g.base * 2_629_746 }
        }
        var recs: [CapacityReport.Recommendation] = []
        for case .record(let d) in details {
            if case .string(let sev)? = d["severity"], case .string(let res)? = d["resource"],
                case .string(let text)? = d["text"]
            {
                recs.append(.init(severity: sev, resource: res, text: text))
            }
        }
        var stamp = ""
        if case .date(let t)? = r["timestamp"] { stamp = DisplayRules.date(t) }
        return ReportSummary(timestamp: stamp, months: months, storageGrowth: growth, details: recs)
    }
}
