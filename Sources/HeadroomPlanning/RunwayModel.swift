import HeadroomCore
import RealModule

/// A series' forecast as `runway`, `exhausts` and `compare` read it: the expected path and
/// the band's edges as functions of the time since the last sample, so the time each reaches
/// a target can be found for any capacity without forecasting again.
///
/// `linear` (the default) is the least-squares line of `fit` and PromQL's `predict_linear`,
/// continuous in time. Its band is the regression's prediction interval, calibrated (unless
/// `bands: "analytic"`) on the line's own errors when it forecast the series' past from
/// rolling origins, as `project(..., bands: "calibrated")` does. Every other method is
/// forecast step by step (up to 100,000 steps or 1,000 years) and read between the steps
/// as straight lines; a path that has not reached the target by then never does.
struct RunwayModel {
    /// The forecast's start: the fitted value at the last sample (`linear`), or the last value.
    let from: Double
    let method: Forecaster.Method
    let reason: String?
    /// How far the forecast reaches, in seconds after the last sample.
    let reach: Double
    /// The value at `x` seconds after the last sample: the mean, or an edge of the band at
    /// the level asked for (`band`) or of the 80% band the p10 and p90 come from (`p80`).
    let mean: (Double) -> Double
    let band: ((Double) -> (lower: Double, upper: Double))?
    let p80: ((Double) -> (lower: Double, upper: Double))?
    /// The line's slope per second (`linear`), whose crossing is exact.
    var slope: Double? = nil

    /// The 80% band's edges reach a target at the 10th and 90th percentiles of the time the
    /// target is reached (the band is normal at each step).
    static let quantileLevel = 0.8
    static let maxSteps = 100_000

    /// Nil with too little data for the method (or compound growth through zero).
    static func make(
        _ s: Series, choice: Forecaster.Method.Choice, level: Double, bands: Forecaster.Bands?, stop: () -> Bool
    ) -> RunwayModel? {
        guard let (timeline, values, last) = Timeline.of(s) else { return nil }
        if choice == .method(.linear) {
            return linear(s, timeline, values, level: level, bands: bands ?? .calibrated, stop: stop)
        }
        let work = SeriesForecast.working(timeline, values)
        let stepSeconds = work.timeline.averageSeconds
        let h = max(1, min(maxSteps, Int(Runway.longest / stepSeconds)))
        let steps = (1...h).map { $0 * work.k }
        // Calibrated on past forecasts as long as half the history: runway looks far ahead.
        let reach = work.values.count / 2
        guard
            let f = SeriesForecast.make(
                s, steps: steps, choice: choice, level: level, bands: bands ?? .calibrated, reach: reach, stop: stop),
            let start = work.values.last
        else { return nil }
        // The 80% band of the method chosen (auto does not choose again).
        let q = SeriesForecast.make(
            s, steps: steps, choice: .method(f.method), level: quantileLevel, bands: bands ?? .calibrated,
            reach: reach, stop: stop)
        let x = [0] + f.times.map { Double($0 - last) }
        let path = Path(x: x, y: [start] + f.mean)
        func edges(_ lo: [Double]?, _ hi: [Double]?) -> ((Double) -> (lower: Double, upper: Double))? {
            guard let lo, let hi else { return nil }
            let l = Path(x: x, y: [start] + lo), u = Path(x: x, y: [start] + hi)
            return { (l.at($0), u.at($0)) }
        }
        return RunwayModel(
            from: start, method: f.method, reason: f.reason, reach: x[x.count - 1], mean: path.at,
            band: edges(f.lower, f.upper), p80: edges(q?.lower, q?.upper))
    }

    /// The least-squares line over the times, its prediction interval widened per step by the
    /// calibration factors of the line's past errors.
    static func linear(
        _ s: Series, _ timeline: Timeline, _ values: [Double], level: Double, bands: Forecaster.Bands,
        stop: () -> Bool
    ) -> RunwayModel? {
        guard let f = fit(s) else { return nil }
        let stepSeconds = timeline.averageSeconds
        let recent = Array(values.suffix(SeriesForecast.window(timeline.period)))
        func widened(_ level: Double) -> ((Double) -> (lower: Double, upper: Double))? {
            guard f.hasBand else { return nil }
            let scales =
                bands == .calibrated
                ? Forecaster.calibration(
                    recent, .linear, period: timeline.period, level: level, reach: recent.count / 2, stop: stop)?
                    .scales ?? [] : []
            let t = f.t(level)
            return { x in
                let b = f.interval(x, t: t)
                guard let lastScale = scales.last else { return b }
                let i = max(0, min(scales.count - 1, Int((x / stepSeconds).rounded(.up)) - 1))
                let k = x / stepSeconds > Double(scales.count) ? lastScale : scales[i]
                let y = f.predict(x), half = (b.upper - b.lower) / 2 * k
                return (y - half, y + half)
            }
        }
        return RunwayModel(
            from: f.intercept, method: .linear, reason: nil, reach: .infinity, mean: f.predict, band: widened(level),
            p80: widened(quantileLevel), slope: f.slope)
    }

    /// The first time (seconds after the last sample) `value` reaches `target`, with growth
    /// taken `buffer` higher than forecast (`compare`'s policy buffer); infinity when it does
    /// not within the forecast's reach. Bisection to a minute after a geometric scan, as
    /// paths need not be straight.
    func crossing(_ value: @escaping (Double) -> Double, _ target: Double, buffer: Double = 0) -> Double {
        let grown = { (x: Double) in from + (value(x) - from) * (1 + buffer) }
        return Runway.firstCrossing(limit: min(reach, Runway.longest)) { grown($0) >= target }
    }

    /// When the expected path reaches `target` (growth taken `buffer` higher).
    func runway(to target: Double, buffer: Double = 0) -> Double {
        guard let slope else { return crossing(mean, target, buffer: buffer) }
        let x = from >= target ? 0 : slope <= 0 ? Double.infinity : (target - from) / (slope * (1 + buffer))
        return x < Runway.farFuture ? x : .infinity
    }

    /// Runway to `target` from the mean, and where the band's edges reach it (low from the
    /// upper edge, high from the lower), each never on the wrong side of the runway.
    func runways(to target: Double, buffer: Double = 0) -> (
        runway: Double, low: Double?, high: Double?, p10: Double?, p90: Double?
    ) {
        let best = runway(to: target, buffer: buffer)
        func pair(_ b: ((Double) -> (lower: Double, upper: Double))?) -> (Double?, Double?) {
            guard let b else { return (nil, nil) }
            return (
                min(best, crossing({ b($0).upper }, target, buffer: buffer)),
                max(best, crossing({ b($0).lower }, target, buffer: buffer))
            )
        }
        let (low, high) = pair(band), (p10, p90) = pair(p80)
        return (best, low, high, p10, p90)
    }

    /// Straight lines between forecast steps.
    struct Path {
        let x: [Double], y: [Double]
        func at(_ t: Double) -> Double {
            guard t > 0 else { return y[0] }
            guard t < x[x.count - 1] else { return y[y.count - 1] }
            // The first step at or after t (binary search: x rises).
            var lo = 0, hi = x.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if x[mid] < t { lo = mid } else { hi = mid }
            }
            let w = (t - x[lo]) / (x[hi] - x[lo])
            return y[lo] + w * (y[hi] - y[lo])
        }
    }
}
