import HeadroomCore

/// `report(...)`: the weekly capacity report from fitted history. Every figure comes from the
/// same builtins a plan uses (`runway` for projections, `compare` for the best value,
/// `policy` for thresholds), so the report and the plan cannot disagree. The report is the
/// value shown; the last one made is kept in the session for `--report out.json`.
enum Report {
    static let resources = ["cpu", "memory", "storage"]

    /// The recommendation rules (the runbook's), each overridable with `rules:`.
    struct Rules {
        var urgent = 6.0 * 2_629_746
        var plan = 12.0 * 2_629_746
        var cpuBusy = 0.70
        var storageFull = 0.70
    }

    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "report",
                [
                    P("cluster", .record), P("usage", .recordOf(["cpu", "memory", "storage"])),
                    P("options", .list(.record), optional: true), P("policy", .record, default: "policy()"),
                    P("method", .string, default: "\"linear\""),
                    P("rules", .recordOf(["urgent", "plan", "cpu_busy", "storage_full"]), optional: true),
                ],
                .record(Report.fields),
                summary: """
                    The weekly capacity report: for each of `usage`'s `cpu`, `memory` and `storage` series, \
                    use and capacity now, the fitted growth (by `method`, default the line) and the runway to \
                    the `policy` threshold with its band and date; the resource that binds first; the best-value \
                    option from `options` (as `compare`); and recommendations by the runbook's rules: urgent \
                    within 6 months of a limit, plan within 12, advice when CPU is above 70% or storage above \
                    70%, otherwise capacity sufficient, each naming its figure (`rules: {urgent: 3 months, plan: \
                    9 months, cpu_busy: 80%, storage_full: 75%}` overrides). `headroom run --report out.json` \
                    writes it as JSON (docs/report.schema.json).
                    """,
                example: """
                    s = series([10, 11, 12, 13, 14] cores, start: 2026-01-01, step: 1 month)
                    m = series([100, 110, 120, 130, 140] GiB, start: 2026-01-01, step: 1 month)
                    d = series([500, 520, 540, 560, 580] GiB, start: 2026-01-01, step: 1 month)
                    report(cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3), {cpu: s, memory: m, storage: d}).recommendations
                    """
            ) { c throws(Diagnostic) in
                try make(c)
            })
        registerComparison(into: r)
    }

    static let fields: [(name: String, type: ResultType)] = [
        ("timestamp", .date), ("binding", .string), ("best_value", .string), ("resources", .table(Report.rowFields)),
        ("recommendations", .list(.string)),
        ("details", .table([("severity", .string), ("resource", .string), ("text", .string)])),
    ]

    static let rowFields: [(name: String, type: ResultType)] = [
        ("resource", .string), ("used", .dynamic("each resource's own unit")),
        ("capacity", .dynamic("each resource's own unit")), ("utilization", .number), ("threshold", .number),
        ("growth", .dynamic("each resource's own unit per time")), ("method", .string), ("runway", .duration),
        ("low", .duration), ("high", .duration), ("date", .date), ("peak_runway", .duration),
        ("buffered", .duration),
    ]

    static func make(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let cluster = try c.record(0), usage = try c.record(1)
        let policy = try c.policy(3)
        var rules = Rules()
        if c.has(5) {
            let given = try c.record(5)
            func seconds(_ name: String) throws(Diagnostic) -> Double? {
                guard let v = given[name] else { return nil }
                guard case .quantity(let q) = v, q.dimension == Dimension(base: "Time"), q.base > 0 else {
                    throw c.fail("rules: \(name) must be a positive duration, such as 6 months", 5)
                }
                return q.base
            }
            func share(_ name: String) throws(Diagnostic) -> Double? {
                guard let v = given[name] else { return nil }
                guard case .quantity(let q) = v, q.isPlainNumber, q.base > 0, q.base <= 1 else {
                    throw c.fail("rules: \(name) must be a percentage, such as 70%", 5)
                }
                return q.base
            }
            rules.urgent = try seconds("urgent") ?? rules.urgent
            rules.plan = try seconds("plan") ?? rules.plan
            rules.cpuBusy = try share("cpu_busy") ?? rules.cpuBusy
            rules.storageFull = try share("storage_full") ?? rules.storageFull
        }
        let month = 2_629_746.0
        // Plan for `buffer` more growth than projected (the policy's, 20% unless changed).
        var buffer = 0.2
        if case .quantity(let b)? = policy["buffer"], b.isPlainNumber, b.base >= 0 { buffer = b.base }
        var projections: [String: CapacityReport.Projection] = [:]
        var now: [String: (used: Double, capacity: Double)] = [:]
        var rows: [Value] = []
        var method = "linear"
        for (name, capField) in [("cpu", "cores"), ("memory", "memory"), ("storage", "usable")] {
            guard case .series(let s)? = usage[name], s.count >= 2 else {
                throw c.fail("usage needs a series of two or more points for \(name)", 1)
            }
            guard case .quantity(let capacity)? = cluster[capField], capacity.dimension == s.dimension else {
                throw c.fail("the cluster's \(capField) and the \(name) series are not of one dimension", 0)
            }
            guard case .quantity(let th)? = policy[name], th.isPlainNumber else {
                throw c.fail("the policy has no '\(name)' percentage", 3)
            }
            guard let runway = c.interpreter.builtins["runway"] else { return .nothing }
            var args: Interpreter.CallArgs = [
                (nil, .series(s), c.span(1)), (nil, .quantity(capacity), c.span(0)),
                ("threshold", .quantity(th), c.span(3)),
            ]
            if c.has(4) { args.append(("method", c.value(4), c.span(4))) }
            guard case .record(let r) = try c.interpreter.call(.function(runway.function), args, c.span, c.span)
            else { return .nothing }
            func seconds(_ key: String) -> Double? {
                if case .quantity(let q)? = r[key] { return q.base }
                return nil
            }
            var date: String?
            if case .date(let d)? = r["date"] { date = DisplayRules.date(d) }
            var rate = 0.0
            if case .quantity(let q)? = r["rate"] { rate = q.base * month }
            if case .string(let m)? = r["method"] { method = m }
            let used = s.values[s.count - 1]
            now[name] = (used, capacity.base)
            // Bytes in bytes (as the runbook's report has them); other units as the series has them.
            let bytes = s.dimension == Dimension(base: "Bytes")
            projections[name] = CapacityReport.Projection(
                threshold: th.base * 100, months: seconds("runway").map { $0 / month },
                low: seconds("low").map { $0 / month }, high: seconds("high").map { $0 / month }, date: date,
                method: method, growthPerMonth: bytes ? rate : s.unit.fromBase(rate),
                unit: bytes ? "B" : s.unit.symbol)
            // The daily peaks against the policy's peak threshold (CPU 85%, memory 90%).
            if case .quantity(let peakTh)? = policy["\(name)_peak"], peakTh.isPlainNumber {
                let daily = Peaks.of(s, every: 86_400, months: nil, p: 1)
                if daily.count >= 3,
                    case .record(let pr) = try c.interpreter.call(
                        .function(runway.function),
                        [
                            (nil, .series(daily), c.span(1)), (nil, .quantity(capacity), c.span(0)),
                            ("threshold", .quantity(peakTh), c.span(3)),
                        ], c.span, c.span)
                {
                    var peakDate: String?
                    if case .date(let d)? = pr["date"] { peakDate = DisplayRules.date(d) }
                    var peakMonths: Double?
                    if case .quantity(let q)? = pr["runway"] { peakMonths = q.base / month }
                    projections[name]?.peak = .init(threshold: peakTh.base * 100, months: peakMonths, date: peakDate)
                    if let p = peakMonths, p < (projections[name]?.months ?? .infinity) {
                        projections[name]?.bindingOn = "peak"
                    }
                }
            }
            let effective = projections[name]?.effectiveMonths
            projections[name]?.bufferedMonths = effective.map { $0 / (1 + buffer) }
            rows.append(
                record([
                    ("resource", .string(name)), ("used", .quantity(s.quantity(s.count - 1))),
                    ("capacity", .quantity(capacity)),
                    ("utilization", .quantity(Quantity(base: used / capacity.base, unit: UnitProduct(.percent)))),
                    ("threshold", .quantity(th)), ("growth", r["rate"] ?? .nothing), ("method", .string(method)),
                    ("runway", r["runway"] ?? .nothing), ("low", r["low"] ?? .nothing),
                    ("high", r["high"] ?? .nothing), ("date", r["date"] ?? .nothing),
                    (
                        "peak_runway",
                        projections[name]?.peak.map { p in
                            p.months.map { .quantity(Quantity(base: $0 * month, unit: UnitProduct(c.atom("month")))) }
                                ?? .never(.duration)
                        } ?? .missing(Missing(reason: "the policy has no peak threshold for it"))
                    ),
                    (
                        "buffered",
                        projections[name]?.bufferedMonths.map {
                            .quantity(Quantity(base: $0 * month, unit: UnitProduct(c.atom("month"))))
                        } ?? .never(.duration)
                    ),
                ]))
        }
        guard let cpu = projections["cpu"], let memory = projections["memory"], let storage = projections["storage"],
            let cpuNow = now["cpu"], let memNow = now["memory"], let diskNow = now["storage"]
        else { return .nothing }
        let binding =
            resources.min {
                (projections[$0]?.effectiveMonths ?? .infinity) < (projections[$1]?.effectiveMonths ?? .infinity)
            } ?? "cpu"
        let best = c.has(2) ? try bestValue(c, cluster, usage) : nil
        var nodes = 0
        if case .quantity(let n)? = cluster["nodes"] { nodes = Int(n.base) }
        var report = CapacityReport(
            timestamp: CivilDate.format(c.interpreter.host.now(), withTime: true),
            compute: .init(
                cpuUtilization: cpuNow.used / cpuNow.capacity * 100,
                memoryUtilization: memNow.used / memNow.capacity * 100,
                nodeCount: nodes),
            storage: .init(
                totalCapacity: diskNow.capacity, usedCapacity: diskNow.used,
                utilizationPercentage: diskNow.used / diskNow.capacity * 100, growthRate: storage.growthPerMonth,
                growthMethod: storage.method),
            projections: .init(
                monthsUntilCpuLimit: cpu.effectiveMonths, monthsUntilMemoryLimit: memory.effectiveMonths,
                monthsUntilStorageLimit: storage.effectiveMonths, cpu: cpu, memory: memory, storage: storage),
            binding: binding, bestValue: best, recommendations: [], recommendationDetails: [], since: nil)
        report.recommendationDetails = recommend(report, rules, buffer: buffer)
        report.recommendations = report.recommendationDetails.map(\.text)
        c.interpreter.state.extensions[CapacityReport.stateKey] = report
        return record([
            ("timestamp", .date(c.interpreter.host.now())), ("binding", .string(binding)),
            ("best_value", best.map { .string($0.name) } ?? .missing(Missing(reason: "no options were given"))),
            ("resources", .list(rows)), ("recommendations", .list(report.recommendations.map { .string($0) })),
            (
                "details",
                .list(
                    report.recommendationDetails.map {
                        record([
                            ("severity", .string($0.severity)), ("resource", .string($0.resource)),
                            ("text", .string($0.text)),
                        ])
                    })
            ),
        ])
    }

    /// The option `compare` ranks first, with what it gains.
    static func bestValue(_ c: BuiltinCall, _ cluster: Record, _ usage: Record) throws(Diagnostic)
        -> CapacityReport.BestValue?
    {
        guard let compare = c.interpreter.builtins["compare"],
            case .list(let rows) = try c.interpreter.call(
                .function(compare.function),
                [
                    (nil, c.value(2), c.span(2)), ("cluster", .record(cluster), c.span(0)),
                    ("usage", .record(usage), c.span(1)),
                ], c.span, c.span),
            rows.count > 1, case .record(let top) = rows[1], case .string(let name)? = top["name"]
        else { return nil }
        var cost = 0.0, gained: Double?, perMonth: Double?
        if case .quantity(let q)? = top["cost"] { cost = q.value }
        if case .quantity(let q)? = top["gained"] { gained = q.base / 2_629_746 }
        if case .quantity(let q)? = top["cost_per_month"] { perMonth = q.base * 2_629_746 }
        return .init(name: name, cost: cost, monthsGained: gained, costPerMonthGained: perMonth)
    }

    /// The runbook's rules, each naming the figure that triggered it.
    static func recommend(_ r: CapacityReport, _ rules: Rules, buffer: Double) -> [CapacityReport.Recommendation] {
        var out: [CapacityReport.Recommendation] = []
        let month = 2_629_746.0
        func months(_ s: Double) -> String { NumberFormat.format((s / month * 10).rounded() / 10) }
        func one(_ m: Double) -> String { NumberFormat.format((m * 10).rounded() / 10) }
        let what = ["cpu": "compute capacity expansion", "memory": "memory upgrade", "storage": "storage expansion"]
        for (name, p) in [
            ("cpu", r.projections.cpu), ("memory", r.projections.memory), ("storage", r.projections.storage),
        ] {
            guard let m = p.effectiveMonths, let buffered = p.bufferedMonths else { continue }
            let onPeak = p.bindingOn == "peak"
            let threshold = onPeak ? (p.peak?.threshold ?? p.threshold) : p.threshold
            var figure =
                "\(name)\(onPeak ? " peak" : "") reaches \(NumberFormat.format(threshold))% in \(one(m)) months"
            if buffer > 0 {
                figure += "; \(one(buffered)) with the policy's \(NumberFormat.format(buffer * 100))% growth buffer"
            }
            if buffered * month < rules.urgent {
                out.append(
                    .init(
                        severity: "urgent", resource: name,
                        text: "URGENT: plan \(what[name] ?? name) within \(months(rules.urgent)) months (\(figure))"))
            } else if buffered * month < rules.plan {
                out.append(
                    .init(
                        severity: "plan", resource: name,
                        text: "Plan \(what[name] ?? name) within \(months(rules.plan)) months (\(figure))"))
            }
        }
        if r.compute.cpuUtilization > rules.cpuBusy * 100 {
            out.append(
                .init(
                    severity: "advice", resource: "cpu",
                    text:
                        "Consider CPU optimization or workload balancing (CPU at \(NumberFormat.format(r.compute.cpuUtilization, significant: 3))%, above \(NumberFormat.format(rules.cpuBusy * 100))%)"
                ))
        }
        if r.storage.utilizationPercentage > rules.storageFull * 100 {
            out.append(
                .init(
                    severity: "advice", resource: "storage",
                    text:
                        "Monitor storage closely, implement data lifecycle policies (storage \(NumberFormat.format(r.storage.utilizationPercentage, significant: 3))% full, above \(NumberFormat.format(rules.storageFull * 100))%)"
                ))
        }
        if out.isEmpty {
            let first = r.binding
            let m = [r.projections.cpu, r.projections.memory, r.projections.storage][
                resources.firstIndex(of: first) ?? 0]
            let figure =
                m.effectiveMonths.map {
                    "\(first) is the first to run out, in \(NumberFormat.format(($0 * 10).rounded() / 10)) months"
                }
                ?? "no resource runs out on its current growth"
            out.append(
                .init(severity: "ok", resource: first, text: "Capacity sufficient for projected growth (\(figure))"))
        }
        return out
    }
}
