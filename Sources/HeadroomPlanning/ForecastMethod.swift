import HeadroomCore

/// The forecasting methods, by the names plans use (`Forecaster.Method`), and `auto`.
typealias ForecastMethod = Forecaster.Method

extension Forecaster.Method {
    /// What a plan asks `project` for: one method, or the one `auto` picks.
    enum Choice: Equatable {
        case method(Forecaster.Method)
        case auto
    }

    /// The fewest values the method fits: a damped trend (and comb, which includes it)
    /// estimates five parameters.
    var minimumCount: Int {
        switch self {
        case .naive, .snaive, .drift: return 2
        case .damped, .comb: return 5
        default: return 3
        }
    }

    /// The method a plan named (argument `i` of the call), or an error listing them.
    static func parse(_ name: String, allowAuto: Bool, _ c: BuiltinCall, _ i: Int) throws(Diagnostic) -> Choice {
        if allowAuto, name == "auto" { return .auto }
        if let m = Forecaster.Method(rawValue: name) { return .method(m) }
        let names = allCases.map(\.rawValue) + (allowAuto ? ["auto"] : [])
        throw c.fail(
            "no method \"\(name)\"", i,
            notes: Suggest.notes(for: name, among: names) + ["methods: \(names.joined(separator: ", "))"])
    }
}

/// A series' forecast at some steps ahead: what `project`, `backtest` and `runway` share.
struct SeriesForecast {
    var times: [Int64]
    var mean: [Double]
    var lower: [Double]?
    var upper: [Double]?
    var method: Forecaster.Method
    var reason: String?

    /// The longest history the index-based methods fit on (the newest values): eight cycles,
    /// at least 1,000 values. (A year of minutes is averaged first: `working`.)
    static func window(_ period: Int?, weekly: Int? = nil) -> Int { max(1000, 8 * (period ?? 1), 3 * (weekly ?? 0)) }

    /// The most values eight cycles may take before the data is averaged into coarser steps.
    static let fineLimit = 2000

    /// The values the index-based methods run on, and how many data steps each is. Data so
    /// fine that eight daily cycles exceed 2,000 values (finer than 10 minutes) is averaged
    /// into buckets of the shortest step that divides a day and keeps eight days within it
    /// (10 minutes for minute data), aligned to end at the last value.
    static func working(_ timeline: Timeline, _ values: [Double]) -> (timeline: Timeline, values: [Double], k: Int) {
        guard case .seconds(let s) = timeline, let period = timeline.period, 8 * period > fineLimit,
            values.count > window(period)
        else { return (timeline, values, 1) }
        let k =
            (2...Int(86_400 / s)).first { k in
                let coarse = Timeline.seconds(s * Int64(k))
                return (86_400 / s) % Int64(k) == 0 && 8 * (coarse.period ?? 0) <= fineLimit
            } ?? Int(86_400 / s)
        let coarse = Timeline.seconds(s * Int64(k))
        let buckets = min(values.count / k, window(coarse.period, weekly: coarse.weekly))
        let n = values.count
        let means = (0..<buckets).reversed().map { b in
            values[(n - (b + 1) * k)..<(n - b * k)].reduce(0, +) / Double(k)
        }
        return (coarse, means, k)
    }

    /// Forecasts `s` at `steps` (1 is the step after the last value) of its timeline.
    /// `linear` and `compound` regress on the times themselves (`linear` is exactly PromQL's
    /// `predict_linear`); the others work on the evenly spaced values.
    static func make(
        _ s: Series, steps: [Int], choice: Forecaster.Method.Choice, level: Double = 0.95,
        bands: Forecaster.Bands? = nil, alpha: Double? = nil, beta: Double? = nil, reach: Int? = nil,
        stop: () -> Bool
    ) -> SeriesForecast? {
        guard let (timeline, all, last) = Timeline.of(s), let h = steps.max(), h >= 1 else { return nil }
        let times = steps.map { timeline.time(after: last, steps: $0, first: s.times[0]) }
        if case .method(let m) = choice, m == .linear || m == .compound {
            let x = s.times.map { Double($0 - last) }
            let logged = m == .compound
            guard !logged || s.values.allSatisfy({ $0 > 0 }),
                let f = LinearFit(x: x, y: logged ? s.values.map { Double.log($0) } : s.values)
            else { return nil }
            let z = Forecaster.z(level)
            var mean: [Double] = [], lo: [Double] = [], hi: [Double] = []
            for t in times {
                let dx = Double(t - last)
                let y = f.predict(dx)
                // The 95% interval's half-width, rescaled to `level` by the normal quantiles.
                let b = f.interval(dx)
                let half = (b.upper - b.lower) / 2 * (z / Forecaster.z(0.95))
                mean.append(logged ? Double.exp(y) : y)
                lo.append(logged ? Double.exp(y - half) : y - half)
                hi.append(logged ? Double.exp(y + half) : y + half)
            }
            return SeriesForecast(
                times: times, mean: mean, lower: f.hasBand ? lo : nil, upper: f.hasBand ? hi : nil, method: m,
                reason: nil)
        }
        let work = working(timeline, all)
        let period = work.timeline.period, weekly = work.timeline.weekly
        let y = Array(work.values.suffix(window(period, weekly: weekly)))
        // Steps of the data, in working steps (the bucket a step falls in).
        let k = work.k
        let workSteps = (h + k - 1) / k
        let result: Forecaster.Result?
        switch choice {
        case .auto:
            result = Forecaster.auto(
                y, h: workSteps, period: period, weekly: weekly, level: level, bands: bands ?? .calibrated,
                reach: reach, stop: stop)
        case .method(let m):
            if m == .holt, alpha != nil || beta != nil {
                result = Forecaster.holt(y, h: workSteps, alpha: alpha, beta: beta, period: period, level: level)
            } else {
                result = Forecaster.forecast(
                    y, h: workSteps, method: m, period: period, weekly: weekly, level: level,
                    bands: bands ?? .analytic, reach: reach, stop: stop)
            }
        }
        guard let r = result else { return nil }
        let pick = steps.map { ($0 + k - 1) / k - 1 }
        return SeriesForecast(
            times: times, mean: pick.map { r.mean[$0] }, lower: r.lower.map { l in pick.map { l[$0] } },
            upper: r.upper.map { u in pick.map { u[$0] } }, method: r.method, reason: r.reason)
    }
}
