import Foundation
import RealModule

/// Rolling-origin evaluation: the method forecasts the series' own past from several
/// origins, as it would have at the time. `auto` chooses by it; calibrated bands are scaled
/// by it.
extension Forecaster {
    /// The origins (how many values each forecast may see) and the horizon scored: a cycle
    /// (at least 6 steps), or up to `reach` steps when a forecast must hold that far (runway),
    /// at most half the values past the first origin.
    static func origins(_ n: Int, period: Int?, reach: Int? = nil) -> (origins: [Int], horizon: Int)? {
        let minimum = max(8, 2 * (period ?? 1))
        guard n >= minimum + 2 else { return nil }
        let span = n - minimum
        let count = min(16, span)
        let horizon = max(1, min(max(period ?? 1, 6, reach ?? 0), span / 2 + 1))
        let origins = (0..<count).map { n - 1 - ($0 * span) / count }.filter { $0 >= minimum }.sorted()
        return origins.isEmpty ? nil : (Array(Set(origins)).sorted(), horizon)
    }

    /// For each origin and step: the actual value, the forecast and its standard deviation
    /// (data scale), for `method` on `y`.
    static func pastErrors(
        _ y: [Double], _ method: Method, period: Int?, weekly: Int? = nil, reach: Int? = nil, fits: Fits? = nil,
        stop: () -> Bool
    )
        -> [(actual: Double, forecast: Double, sd: Double?, step: Int)]
    {
        guard let (origins, horizon) = origins(y.count, period: period, reach: reach) else { return [] }
        var out: [(Double, Double, Double?, Int)] = []
        for o in origins {
            if stop() { return [] }
            let train = Array(y[0..<o])
            let h = min(horizon, y.count - o)
            guard h >= 1,
                let f = forecast(
                    train, h: h, method: method, period: period, weekly: weekly, level: 0.6826894921370859,
                    fits: fits)
            else { continue }
            for i in 0..<h {
                let sd = f.lower.flatMap { lo in f.upper.map { ($0[i] - lo[i]) / 2 } }
                out.append((y[o + i], f.mean[i], sd, i + 1))
            }
        }
        return out
    }

    /// Per step ahead, the factor that makes the method's bands cover `level` of its past
    /// errors: the level quantile (with the conformal (k+1)/k correction) of |error| / sd,
    /// over the errors at that step or further (long steps have the fewest samples), never
    /// below 1 (the model's own formula is the least it claims). Nil with fewer than six errors.
    static func calibration(
        _ y: [Double], _ method: Method, period: Int?, weekly: Int? = nil, level: Double, reach: Int? = nil,
        stop: () -> Bool
    )
        -> (scales: [Double], count: Int)?
    {
        let errors = pastErrors(y, method, period: period, weekly: weekly, reach: reach, stop: stop)
        let ratios = errors.compactMap { e in e.sd.flatMap { $0 > 0 ? (abs(e.actual - e.forecast) / $0, e.step) : nil }
        }
        guard ratios.count >= 6, let longest = ratios.map(\.1).max() else { return nil }
        func quantile(sorted s: [Double]) -> Double {
            let k = Double(s.count)
            return s[max(0, min(s.count - 1, Int((level * (k + 1)).rounded(.up)) - 1))]
        }
        let overall = quantile(sorted: ratios.map(\.0).sorted())
        // From the longest step back to the first, the ratios at that step or further, kept
        // sorted as each step's are inserted (sorting afresh per step was quadratic in steps).
        var byStep = [[Double]](repeating: [], count: longest + 1)
        for (r, step) in ratios { byStep[step].append(r) }
        var here: [Double] = []
        var scales = [Double](repeating: 1, count: longest)
        for step in stride(from: longest, through: 1, by: -1) {
            for r in byStep[step] {
                var lo = 0, hi = here.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if here[mid] < r { lo = mid + 1 } else { hi = mid }
                }
                here.insert(r, at: lo)
            }
            scales[step - 1] = max(1, (here.count >= 6 ? quantile(sorted: here) : overall) / z(level))
        }
        return (scales, ratios.count)
    }

    /// sMAPE (%) of forecasts against actuals, the M4 definition.
    static func smape(_ pairs: [(actual: Double, forecast: Double, sd: Double?, step: Int)]) -> Double? {
        let terms = pairs.compactMap { p -> Double? in
            let d = abs(p.actual) + abs(p.forecast)
            return d > 0 ? 200 * abs(p.actual - p.forecast) / d : nil
        }
        return terms.isEmpty ? nil : terms.reduce(0, +) / Double(terms.count)
    }

    /// The candidates `auto` chooses among.
    public static let autoCandidates: [Method] = [
        .theta, .damped, .comb, .ses, .naive, .drift, .holtWinters, .snaive,
    ]
    /// How much better than Theta's a candidate's past sMAPE must be for `auto` to choose it.
    /// (Tuned on the M1 and Tourism competition data, never on M3: docs/forecasting.md.)
    static let autoMargin = 0.3
    /// The share of steps in the direction of the whole series from which `auto` follows a
    /// trend without a cycle with drift instead of Theta (tuned on M1 and Tourism yearly data).
    static let persistentShare = 0.5

    /// The share of steps that go the way the series went from first to last; nil for a flat
    /// series or fewer than three values.
    static func persistence(_ y: [Double]) -> Double? {
        guard y.count >= 3, let first = y.first, let last = y.last, last != first else { return nil }
        let up = last > first
        let steps = zip(y.dropFirst(), y).map { $0 - $1 }
        return Double(steps.filter { up ? $0 > 0 : $0 < 0 }.count) / Double(steps.count)
    }

    /// `auto`: the candidate with the lowest sMAPE over the rolling origins (Theta when the
    /// series is too short to judge), with calibrated bands unless `bands` says otherwise.
    public static func auto(
        _ y: [Double], h: Int, period: Int?, weekly: Int? = nil, level: Double = 0.95, bands: Bands = .calibrated,
        reach: Int? = nil, stop: () -> Bool = { false }
    ) -> Result? {
        var scores: [(Method, Double)] = []
        let fits = Fits()
        // The seasonal methods only where the data has a cycle.
        let seasonal = period.map { Seasonality.isSeasonal(y, period: $0) } ?? false
        for m in autoCandidates where seasonal || !m.isSeasonal {
            if stop() { return nil }
            if let s = smape(pastErrors(y, m, period: period, weekly: weekly, fits: fits, stop: stop)) {
                scores.append((m, s))
            }
        }
        // Theta unless another candidate did clearly better on the past origins: choosing among
        // close scores on a few origins picks noise as often as skill.
        let margin = autoMargin
        let theta = scores.first { $0.0 == .theta }?.1
        let best = scores.min { $0.1 < $1.1 }
        var chosen = best.flatMap { b in theta.map { b.1 < $0 * (1 - margin) ? b.0 : .theta } ?? b.0 } ?? .theta
        var why =
            scores.isEmpty
            ? "too few values to compare methods; theta"
            : "lowest sMAPE over \(origins(y.count, period: period)?.origins.count ?? 0) past origins: "
                + scores.sorted { $0.1 < $1.1 }.map { "\($0.0.rawValue) \(String(format: "%.1f", $0.1))" }
                .joined(separator: ", ")
        // Without a cycle, a persistent trend (at least half the steps go the way the whole
        // series went) is followed in full: Theta extrapolates half the regression slope.
        if chosen == .theta, (period ?? 1) <= 1, let share = persistence(y), share >= persistentShare {
            chosen = .drift
            why =
                "\(Int((share * 100).rounded()))% of steps go the way the series went, so drift rather than theta; "
                + why
        }
        guard
            var r = forecast(
                y, h: h, method: chosen, period: period, weekly: weekly, level: level, bands: bands, reach: reach,
                stop: stop)
        else { return nil }
        r.reason = why
        return r
    }
}
