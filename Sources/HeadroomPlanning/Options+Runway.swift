import HeadroomCore
import RealModule

extension Options {
    /// One resource's usage and growth: from a quantity and a rate, or fitted from a series.
    struct Demand {
        let used: Double
        /// Absolute growth per second, or compound growth per period.
        let rate: Double
        let compound: (perPeriod: Double, period: Double)?
        /// A usage series' forecast (the fitted line with its calibrated band).
        var model: RunwayModel? = nil

        /// Time until usage reaches `target`, its growth taken `buffer` higher (the policy's
        /// "plan for 20% more than projected").
        func runway(to target: Double, buffer: Double = 0) -> Double {
            if let model { return model.runway(to: target, buffer: buffer) }
            if used >= target { return 0 }
            if let c = compound {
                let g = c.perPeriod * (1 + buffer)
                return g <= 0 || used <= 0 ? .infinity : Double.log(target / used) / Double.log(1 + g) * c.period
            }
            return rate <= 0 ? .infinity : (target - used) / (rate * (1 + buffer))
        }
    }

    static func runwayComparison(_ c: BuiltinCall, _ options: [Record]) throws(Diagnostic) -> Value {
        guard c.has(3), c.has(4) else { throw c.fail("a runway comparison needs both cluster: and usage:", nil) }
        let cluster = try c.record(3), usage = try c.record(4)
        let growth = c.has(2) ? try c.record(2) : Record([])
        let policy = try c.policy(5)
        let month = UnitProduct(c.atom("month"))
        // Plan for `buffer` more growth than projected (the runbook's growth buffer).
        var buffer = 0.2
        if case .quantity(let b)? = policy["buffer"], b.isPlainNumber, b.base >= 0 { buffer = b.base }
        var demands: [(name: String, resource: String, capacity: Quantity, threshold: Double, demand: Demand)] = []
        for (name, capField, policyField) in resources {
            guard let u = usage[name] else { continue }
            guard case .quantity(let capacity)? = cluster[capField] else {
                throw c.fail("the cluster has no '\(capField)' for \(name)", 3)
            }
            guard case .quantity(let th)? = policy[policyField], th.isPlainNumber else {
                throw c.fail("the policy has no '\(policyField)' percentage", 5)
            }
            demands.append((name, name, capacity, th.base, try demand(c, name, u, growth[name], capacity)))
            // CPU and memory as series are also planned against their daily peaks and the
            // policy's peak thresholds (85%, 90%): whichever binds first counts.
            if name != "storage", case .series(let s) = u, case .quantity(let peak)? = policy["\(name)_peak"],
                peak.isPlainNumber
            {
                let daily = Peaks.of(s, every: 86_400, months: nil, p: 1)
                if daily.count >= 3 {
                    demands.append(
                        ("\(name)_peak", name, capacity, peak.base, try demand(c, name, .series(daily), nil, capacity)))
                }
            }
        }
        guard !demands.isEmpty else { throw c.fail("usage names none of cpu, memory, storage", 4) }
        // Every row has the peak columns; without a series there are no daily peaks.
        let absentPeaks: [(String, Value)] = ["cpu_peak", "memory_peak"].filter { p in
            !demands.contains { $0.name == p }
        }
        .map { ($0, .missing(Missing(reason: "usage given as a rate or a value has no daily peaks"))) }
        func runways(_ o: Record?) -> [Double] {
            demands.map { d in
                d.demand.runway(
                    to: d.capacity.base * (1 + (o.map { gain($0, d.resource) } ?? 0)) * d.threshold, buffer: buffer)
            }
        }
        let before = runways(nil)
        // demands is not empty (checked above), so neither are the runways.
        guard let bindingNow = before.indices.min(by: { before[$0] < before[$1] }) else { return .nothing }
        let baseline = before[bindingNow]
        func months(_ s: Double) -> Value {
            s.isInfinite ? .never(.duration) : .quantity(Quantity(base: s, unit: month))
        }
        // Where the binding resource's 95% band reaches its threshold (usage given as a series).
        func bounds(_ i: Int, _ o: Record?) -> [(String, Value)] {
            let d = demands[i]
            guard let model = d.demand.model, model.band != nil else {
                let none = Value.missing(Missing(reason: "a rate has no band; give the usage as a series"))
                return [("low", none), ("high", none)]
            }
            let target = d.capacity.base * (1 + (o.map { gain($0, d.resource) } ?? 0)) * d.threshold
            let r = model.runways(to: target, buffer: buffer)
            return [("low", months(r.low ?? .nan)), ("high", months(r.high ?? .nan))]
        }
        var rows: [(key: Double, fields: [(String, Value)])] = []
        for o in options {
            guard case .quantity(let cost)? = o["cost"] else { continue }
            let after = runways(o)
            guard let binding = after.indices.min(by: { after[$0] < after[$1] }) else { continue }
            let gained = after[binding] - baseline
            // Money per month gained: nothing per month when the runway no longer ends.
            let perMonth: Value =
                gained > 0
                ? .quantity(
                    Quantity(
                        gained.isFinite ? cost.value / (gained / month.factor) : 0,
                        cost.unit.multiplied(by: month, power: -1)))
                : .missing(Missing("no gain", reason: "the runway of the resource that binds first does not grow"))
            var fields: [(String, Value)] = [
                ("name", o["name"] ?? .string("?")), ("cost", .quantity(cost)),
                ("binding", .string(demands[binding].name)), ("runway", months(after[binding])),
            ]
            fields += bounds(binding, o)
            fields += [
                ("gained", months(gained.isNaN ? 0 : gained)), ("cost_per_month", perMonth),
            ]
            for (i, d) in demands.enumerated() { fields.append((d.name, months(after[i]))) }
            fields += absentPeaks
            rows.append((gained > 0 ? (gained.isInfinite ? 0 : cost.base / gained) : .infinity, fields))
        }
        var asIs: [(String, Value)] = [
            ("name", .string("(as is)")),
            (
                "cost",
                options.first?["cost"].flatMap {
                    if case .quantity(let q) = $0 { .quantity(Quantity(0, q.unit)) } else { nil }
                } ?? .number(0)
            ),
            ("binding", .string(demands[bindingNow].name)), ("runway", months(baseline)),
        ]
        asIs += bounds(bindingNow, nil)
        asIs += [
            ("gained", months(0)), ("cost_per_month", .missing(Missing("", reason: "changing nothing gains nothing"))),
        ]
        for (i, d) in demands.enumerated() { asIs.append((d.name, months(before[i]))) }
        asIs += absentPeaks
        let sorted = rows.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(
            \.element.fields)
        return .list(([asIs] + sorted).map { record($0) })
    }

    static func demand(_ c: BuiltinCall, _ name: String, _ u: Value, _ g: Value?, _ capacity: Quantity)
        throws(Diagnostic) -> Demand
    {
        let time = Dimension(base: "Time")
        switch u {
        case .series(let s):
            guard s.dimension == capacity.dimension, let f = fit(s),
                let model = RunwayModel.make(s, choice: .method(.linear), level: 0.95, bands: nil, stop: c.stop)
            else {
                throw c.fail("usage of \(name) must be a series of \(capacity.dimension) with two or more points", 4)
            }
            return Demand(used: f.intercept, rate: f.slope, compound: nil, model: model)
        case .quantity(let used):
            guard used.dimension == capacity.dimension else {
                throw c.fail(
                    "usage of \(name) is \(used.dimension) but the cluster's capacity is \(capacity.dimension)", 4)
            }
            guard case .quantity(let rate)? = g else {
                throw c.fail("growth: needs a rate for \(name) (or give its usage as a series)", 2)
            }
            if rate.dimension == used.dimension / time, !Runway.isPercentRate(rate) {
                return Demand(used: used.base, rate: rate.base, compound: nil)
            }
            if rate.dimension == time.raised(-1) {
                let period = Runway.compoundingPeriod(rate)
                return Demand(used: used.base, rate: 0, compound: (rate.base * period, period))
            }
            throw c.fail("growth of \(name) must be \(used.dimension) per time or a percentage per time", 2)
        default:
            throw c.fail("usage of \(name) must be a quantity or a series", 4)
        }
    }
}
