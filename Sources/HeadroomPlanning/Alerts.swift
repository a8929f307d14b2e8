import HeadroomCore

/// A Prometheus alerting rule made from the plan (`alerts(...)`).
public struct AlertRule: Sendable, Equatable {
    public var alert: String
    public var expr: String
    /// Prometheus duration text (`10m`, `1h`).
    public var duration: String
    public var labels: [(key: String, value: String)]
    public var annotations: [(key: String, value: String)]

    public static func == (a: AlertRule, b: AlertRule) -> Bool {
        a.alert == b.alert && a.expr == b.expr && a.duration == b.duration
            && a.labels.map(\.key) == b.labels.map(\.key) && a.labels.map(\.value) == b.labels.map(\.value)
            && a.annotations.map(\.key) == b.annotations.map(\.key)
            && a.annotations.map(\.value) == b.annotations.map(\.value)
    }
}

/// `alerts(...)`: the plan's thresholds and fitted runways as Prometheus alerting rules over
/// the very queries the plan fetched (`query_range` remembers them), so the alerts, the
/// report and the plan agree. The runway rules use `predict_linear` over the plan's fit window
/// and step: the same least-squares line `runway` fits.
enum Alerts {

    struct Limits {
        var cpu = 0.80, memory = 0.85, storageCritical = 0.85
        var storageGrowth: Double?
    }

    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "alerts",
                [
                    P("usage", .recordOf(["cpu", "memory", "storage"])), P("cluster", .record),
                    P("policy", .record, default: "policy()"), P("horizon", .duration, default: "90 days"),
                    P("rules", .recordOf(["cpu", "memory", "storage_critical", "storage_growth"]), optional: true),
                    P("name", .string, default: "\"headroom-capacity\""),
                ],
                .table([
                    ("alert", .string), ("severity", .string), ("for", .string), ("expr", .string),
                    ("summary", .string),
                ]),
                summary: """
                    Prometheus alerting rules from the plan, over the PromQL each `usage` series was fetched \
                    with (`query_range`; scaling and unit conversion keep it): storage above the policy's \
                    threshold (warning) and 85% (critical), CPU above 80% for 10m, memory above 85% for 5m \
                    (`rules:` overrides each), storage growing more in 7 days than 1.5 times its fitted weekly \
                    growth (or `rules: {storage_growth: 100 GiB}`), and a runway rule per resource: \
                    `predict_linear` over the plan's range and step, `horizon` ahead (default 90 days), above \
                    capacity × the policy's threshold. `headroom run --alerts out.yaml` writes them \
                    (docs/unattended.md).
                    """,
                example:
                    "#! alerts({storage: query_range('ceph_cluster_total_used_bytes', last: 90 days, step: 1 h) / 3}, cluster(3, {disks: 2, disk: 1 TB}, 3))"
            ) { c throws(Diagnostic) in
                try make(c)
            })
    }

    static func make(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let usage = try c.record(0), cluster = try c.record(1)
        let policy = try c.policy(2)
        let horizon = c.has(3) ? try c.duration(3) : 90 * 86_400
        guard horizon >= 60, horizon <= 10 * 365.2425 * 86_400 else {
            throw c.fail("the horizon must be from a minute to 10 years", 3)
        }
        var limits = Limits()
        if c.has(4) {
            let given = try c.record(4)
            func share(_ name: String) throws(Diagnostic) -> Double? {
                guard let v = given[name] else { return nil }
                guard case .quantity(let q) = v, q.isPlainNumber, q.base > 0 else {
                    throw c.fail("rules: \(name) must be a percentage, such as 80%", 4)
                }
                return q.base
            }
            limits.cpu = try share("cpu") ?? limits.cpu
            limits.memory = try share("memory") ?? limits.memory
            limits.storageCritical = try share("storage_critical") ?? limits.storageCritical
            if case .quantity(let q)? = given["storage_growth"] { limits.storageGrowth = q.base }
        }
        let group = c.has(5) ? try c.string(5) : "headroom-capacity"
        var rules: [AlertRule] = []
        for (name, capField) in [("cpu", "cores"), ("memory", "memory"), ("storage", "usable")] {
            guard let value = usage[name] else { continue }
            guard case .series(let s) = value else { throw c.fail("usage: \(name) must be a series", 0) }
            guard let origin = s.origin else {
                throw c.fail(
                    "usage: \(name) was not fetched with query_range (or was changed beyond scaling), so there is no PromQL to alert on",
                    0)
            }
            guard case .quantity(let capacity)? = cluster[capField], capacity.dimension == s.dimension else {
                throw c.fail("the cluster's \(capField) and the \(name) series are not of one dimension", 1)
            }
            guard case .quantity(let th)? = policy[name], th.isPlainNumber else {
                throw c.fail("the policy has no '\(name)' percentage", 2)
            }
            rules += try resourceRules(c, name, s, origin, capacity, th.base, horizon, limits)
        }
        guard !rules.isEmpty else { throw c.fail("usage names none of cpu, memory, storage", 0) }
        c.interpreter.state.extensions[AlertGroup.stateKey] = AlertGroup(name: group, rules: rules)
        return .list(
            rules.map { r in
                record([
                    ("alert", .string(r.alert)),
                    ("severity", .string(r.labels.first { $0.key == "severity" }?.value ?? "")),
                    ("for", .string(r.duration)), ("expr", .string(r.expr)),
                    ("summary", .string(r.annotations.first { $0.key == "summary" }?.value ?? "")),
                ])
            })
    }

    static func resourceRules(
        _ c: BuiltinCall, _ name: String, _ s: Series, _ o: Series.Origin, _ capacity: Quantity, _ threshold: Double,
        _ horizon: Double, _ limits: Limits
    ) throws(Diagnostic) -> [AlertRule] {
        let title = ["cpu": "CPU", "memory": "Memory", "storage": "Storage"][name] ?? name
        let q = "(\(o.query))"
        let capText = DisplayRules.quantity(capacity, .standard)
        func limit(_ share: Double) -> String { number(capacity.base * share / o.scale) }
        func pct(_ share: Double) -> String { NumberFormat.format(share * 100) }
        func rule(
            _ alert: String, _ expr: String, _ duration: String, _ severity: String, _ summary: String,
            _ description: String
        ) -> AlertRule {
            AlertRule(
                alert: alert, expr: expr, duration: duration,
                labels: [("severity", severity), ("resource", name), ("source", "headroom")],
                annotations: [("summary", summary), ("description", description)])
        }
        var out: [AlertRule] = []
        // Threshold rules.
        switch name {
        case "storage":
            out.append(
                rule(
                    "HeadroomStorageAbove\(pct(threshold))Percent", "\(q) > \(limit(threshold))", "15m", "warning",
                    "Storage above \(pct(threshold))% of \(capText)",
                    "Storage is {{ $value | humanize }} (query units) against \(pct(threshold))% of \(capText): plan the expansion (policy threshold)."
                ))
            out.append(
                rule(
                    "HeadroomStorageAbove\(pct(limits.storageCritical))Percent",
                    "\(q) > \(limit(limits.storageCritical))",
                    "5m", "critical", "Storage above \(pct(limits.storageCritical))% of \(capText)",
                    "Storage is {{ $value | humanize }} (query units) against \(pct(limits.storageCritical))% of \(capText)."
                ))
        case "cpu":
            out.append(
                rule(
                    "HeadroomCPUAbove\(pct(limits.cpu))Percent", "\(q) > \(limit(limits.cpu))", "10m", "warning",
                    "CPU above \(pct(limits.cpu))% of \(capText) for 10 minutes",
                    "CPU in use is {{ $value | humanize }} (query units) against \(pct(limits.cpu))% of \(capText)."))
        default:
            out.append(
                rule(
                    "HeadroomMemoryAbove\(pct(limits.memory))Percent", "\(q) > \(limit(limits.memory))", "5m",
                    "warning",
                    "Memory above \(pct(limits.memory))% of \(capText) for 5 minutes",
                    "Memory in use is {{ $value | humanize }} (query units) against \(pct(limits.memory))% of \(capText)."
                ))
        }
        // The fitted line, as `runway` sees it, for the figures at generation time.
        guard let runway = c.interpreter.builtins["runway"],
            case .record(let r) = try c.interpreter.call(
                .function(runway.function),
                [
                    (nil, .series(s), c.span(0)), (nil, .quantity(capacity), c.span(1)),
                    ("threshold", .quantity(Quantity(base: threshold, unit: UnitProduct(.percent))), c.span(2)),
                ],
                c.span, c.span)
        else { return out }
        let months = r["runway"].map { ValueFormatter.inline($0) } ?? "?"
        let date = r["date"].map { ValueFormatter.inline($0) } ?? "?"
        let window = "[\(duration(o.range)):\(duration(o.step))]"
        let today = DisplayRules.date(c.interpreter.host.now())
        out.append(
            rule(
                "Headroom\(title)Runway", "predict_linear(\(q)\(window), \(number(horizon))) > \(limit(threshold))",
                "1h", "warning",
                "\(title) will reach \(pct(threshold))% of \(capText) within \(DisplayRules.duration(seconds: Int64(horizon)))",
                "On its \(duration(o.range)) linear trend \(name) reaches {{ $value | humanize }} (query units) in \(DisplayRules.duration(seconds: Int64(horizon))), past \(pct(threshold))% of \(capText). Headroom's runway on \(today): \(months), reached \(date)."
            ))
        if name == "storage" {
            // Growth: more in a week than half again the fitted weekly growth.
            var weekly = 0.0
            if case .quantity(let rate)? = r["rate"] { weekly = rate.base * 7 * 86_400 }
            let amount = limits.storageGrowth ?? max(0, weekly) * 1.5
            if amount > 0 {
                let shown = DisplayRules.quantity(Quantity(base: amount, unit: s.unit), .standard)
                out.append(
                    rule(
                        "HeadroomStorageGrowthHigh",
                        "delta(\(q)[7d:\(duration(o.step))]) > \(number(amount / o.scale))",
                        "1h", "warning", "Storage grew more than \(shown) in 7 days",
                        "Storage grew {{ $value | humanize }} (query units) in 7 days; the plan expects about \(DisplayRules.quantity(Quantity(base: weekly, unit: s.unit), .standard)) a week."
                    ))
            }
        }
        return out
    }

    /// PromQL duration text: the largest whole unit (`90d`, `1h`, `30s`).
    static func duration(_ seconds: Int64) -> String {
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)]
        where seconds % size == 0 && seconds >= size {
            if unit == "w" { continue }
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    static func duration(_ seconds: Double) -> String { duration(Int64(seconds.rounded())) }

    /// A PromQL number: integers plainly, others to 12 significant digits.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return NumberFormat.format(x, significant: 12).replacingOccurrences(",", with: "")
    }
}

/// The rules `alerts(...)` made, and their group's name.
public struct AlertGroup: Sendable {
    public var name: String
    public var rules: [AlertRule]
    /// Where a session keeps the rules made last (for `--alerts`).
    public static let stateKey = "headroom.alerts"
}

extension String {
    func replacingOccurrences(_ a: Character, with b: String) -> String {
        var out = ""
        for ch in self { if ch == a { out += b } else { out.append(ch) } }
        return out
    }
}
