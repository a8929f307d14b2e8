import RealModule

/// Forecasts of evenly spaced values (index-based: step 1, 2, ... after the last), with
/// bands. The series layer (`Forecasting`) maps times and calendars onto this.
///
/// Methods: `naive` (the last value), `drift` (the line from first to last), `ses`, `holt`,
/// `damped` (ETS with additive errors, every parameter estimated), `theta`, `comb` (the mean
/// of ses, holt and damped: the M4 competition's "Comb" benchmark), `linear` and `compound`
/// (least squares of the value, or its logarithm, on the step). Every method but `linear`
/// and `compound` works on seasonally adjusted values when the data has a cycle `period`
/// that the M4 benchmarks' 90% autocorrelation test finds; the forecast is re-seasonalised.
public enum Forecaster {
    public enum Method: String, CaseIterable, Sendable {
        case naive, snaive, drift, ses, holt, damped, theta, comb, holtWinters = "holt-winters", linear, compound

        /// Methods that model the cycle themselves rather than forecast adjusted values.
        var isSeasonal: Bool { self == .snaive || self == .holtWinters }
    }

    /// How the band is made: from the model's own variance formula, or calibrated on the
    /// method's errors when it forecast the series' own past from several origins.
    public enum Bands: Sendable { case analytic, calibrated }

    public struct Result: Sendable {
        public var method: Method
        public var mean: [Double]
        /// Nil when there is no band (too few values).
        public var lower: [Double]?
        public var upper: [Double]?
        /// The cycle the values were adjusted for, if any.
        public var period: Int?
        /// Why this method (for `auto`): its mean error over the origins, and the others'.
        public var reason: String?
    }

    /// A point forecast and its standard deviation per step, on the adjusted scale.
    struct Raw {
        var mean: [Double]
        var sd: [Double]?
    }

    /// Fits already made during one `auto` (the rolling origins fit ses and damped for
    /// themselves and again inside comb, on the same values): same values and steps, same result.
    public final class Fits: @unchecked Sendable {
        struct Key: Hashable {
            var method: Method, h: Int, period: Int?, values: [Double]
        }
        var raws: [Key: Raw?] = [:]
    }

    static func raw(
        _ y: [Double], _ h: Int, _ method: Method, period: Int? = nil, fits: Fits? = nil, stop: () -> Bool = { false }
    ) -> Raw? {
        // Keyed by the values themselves (hashed, then compared): the same fit, not a guess.
        let key = Fits.Key(method: method, h: h, period: period, values: y)
        if let fits, let cached = fits.raws[key] { return cached }
        let made = rawUncached(y, h, method, period: period, fits: fits, stop: stop)
        if let fits, !stop() { fits.raws[key] = made }
        return made
    }

    static func rawUncached(
        _ y: [Double], _ h: Int, _ method: Method, period: Int?, fits: Fits?, stop: () -> Bool
    ) -> Raw? {
        let n = y.count
        guard n >= 2, h >= 1 else { return nil }
        func steps(_ f: (Int) -> Double) -> [Double] { (1...h).map(f) }
        switch method {
        case .naive:
            guard let last = y.last else { return nil }
            let d = zip(y.dropFirst(), y).map { $0 - $1 }
            let s2 = d.reduce(0) { $0 + $1 * $1 } / Double(max(1, d.count))
            return Raw(mean: steps { _ in last }, sd: n >= 3 ? steps { Double.sqrt(s2 * Double($0)) } : nil)
        case .snaive:
            // The last cycle again; without a cycle, the last value (naive).
            let m = period ?? 1
            guard n > m else { return raw(y, h, .naive) }
            let d = (m..<n).map { y[$0] - y[$0 - m] }
            let s2 = d.reduce(0) { $0 + $1 * $1 } / Double(d.count)
            return Raw(
                mean: steps { y[n - m + ($0 - 1) % m] },
                sd: d.count >= 2 ? steps { Double.sqrt(s2 * Double(($0 - 1) / m + 1)) } : nil)
        case .holtWinters:
            guard let m = period, let f = HoltWinters(y, period: m, stop: stop) else { return nil }
            return Raw(mean: steps { f.forecast($0) }, sd: f.variances(h).map { Double.sqrt($0) })
        case .drift:
            guard let first = y.first, let last = y.last else { return nil }
            let slope = (last - first) / Double(n - 1)
            let residuals = zip(y.dropFirst(), y).map { $0 - $1 - slope }
            let s2 = residuals.reduce(0) { $0 + $1 * $1 } / Double(max(1, residuals.count - 1))
            return Raw(
                mean: steps { last + Double($0) * slope },
                sd: n >= 3 ? steps { Double.sqrt(s2 * Double($0) * (1 + Double($0) / Double(n - 1))) } : nil)
        case .ses, .holt, .damped:
            let trend: ETS.Trend = method == .ses ? .none : method == .holt ? .additive : .damped
            guard let m = ETS(y, trend: trend, stop: stop) else { return nil }
            return Raw(mean: steps { m.forecast($0) }, sd: m.variances(h).map { Double.sqrt($0) })
        case .theta:
            guard let m = Theta(y, stop: stop) else { return nil }
            return Raw(mean: steps { m.forecast($0) }, sd: steps { Double.sqrt(m.variance($0)) })
        case .comb:
            let parts = [Method.ses, .holt, .damped].compactMap { raw(y, h, $0, fits: fits, stop: stop) }
            guard parts.count == 3 else { return nil }
            let mean = (0..<h).map { i in parts.reduce(0) { $0 + $1.mean[i] } / 3 }
            // The parts' errors are close to one another; their mean sd stands for the mix.
            let sd = (0..<h).map { i in parts.reduce(0) { $0 + ($1.sd?[i] ?? 0) } / 3 }
            return Raw(mean: mean, sd: sd)
        case .linear, .compound:
            let x = (0..<n).map { Double($0 - (n - 1)) }
            let logged = method == .compound
            guard !logged || y.allSatisfy({ $0 > 0 }) else { return nil }
            guard let f = LinearFit(x: x, y: logged ? y.map { Double.log($0) } : y) else { return nil }
            // The band's half-width on the fitted scale, as a standard deviation.
            let z = 1.959963984540054
            return Raw(
                mean: steps { f.predict(Double($0)) },
                sd: f.hasBand
                    ? steps {
                        let b = f.interval(Double($0)); return (b.upper - b.lower) / 2 / z
                    } : nil)
        }
    }

    /// The quantile of the normal distribution the band's level asks for (two-sided).
    static func z(_ level: Double) -> Double { StudentT.normalQuantile(0.5 + level / 2) }

    /// Forecasts `h` steps of `y` with `method`. `period` is the data's cycle, if it has one;
    /// `weekly` the steps in a week for data finer than a day (a second cycle). A calibrated
    /// band is scored on past forecasts `reach` steps long when given (see `origins`).
    public static func forecast(
        _ y: [Double], h: Int, method: Method, period: Int? = nil, weekly: Int? = nil, level: Double = 0.95,
        bands: Bands = .analytic, reach: Int? = nil, fits: Fits? = nil, stop: () -> Bool = { false }
    ) -> Result? {
        guard y.count >= 2, h >= 1 else { return nil }
        let adjusting = method != .linear && method != .compound && !method.isSeasonal
        let season = adjusting ? Seasons.find(y, period: period, weekly: weekly) : nil
        // Three weeks may be there for the week's cycle; the method fits on eight of the main
        // cycle (at least 1,000 values) of what is left, as it would without a week.
        let adjusted = season?.adjust(y) ?? y
        let data = method == .linear || method == .compound ? y : Array(adjusted.suffix(max(1000, 8 * (period ?? 1))))
        guard let r = raw(data, h, method, period: period, fits: fits, stop: stop) else { return nil }
        var sd = r.sd
        if bands == .calibrated,
            let k = calibration(y, method, period: period, weekly: weekly, level: level, reach: reach, stop: stop),
            let last = k.scales.last
        {
            // Beyond the steps the past could score, the last step's factor.
            sd = sd.map { s in s.enumerated().map { $1 * (k.scales.indices.contains($0) ? k.scales[$0] : last) } }
        }
        return finish(y, r.mean, sd, method, season, level: level, reason: nil)
    }

    /// Holt's linear trend with α and/or the smoothing β fixed (the rest estimated), on
    /// seasonally adjusted values like the others.
    public static func holt(
        _ y: [Double], h: Int, alpha: Double?, beta: Double?, period: Int? = nil, level: Double = 0.95
    ) -> Result? {
        let season = Seasons.find(y, period: period, weekly: nil)
        guard let m = ETS(season?.adjust(y) ?? y, trend: .additive, alpha: alpha, beta: beta) else { return nil }
        let mean = (1...h).map { m.forecast($0) }, sd = m.variances(h).map { Double.sqrt($0) }
        return finish(y, mean, sd, .holt, season, level: level, reason: nil)
    }

    /// Back to the data's scale: re-seasonalised, and `compound` out of logarithms.
    static func finish(
        _ y: [Double], _ mean: [Double], _ sd: [Double]?, _ method: Method, _ season: Seasons?,
        level: Double, reason: String?
    ) -> Result {
        let n = y.count
        let z = z(level)
        var m = mean, lo = sd.map { s in zip(mean, s).map { $0 - z * $1 } },
            hi = sd.map { s in zip(mean, s).map { $0 + z * $1 } }
        if method == .compound {
            m = m.map { Double.exp($0) }
            lo = lo?.map { Double.exp($0) }
            hi = hi?.map { Double.exp($0) }
        }
        if let season {
            func restore(_ v: [Double]) -> [Double] { v.enumerated().map { season.restore($1, at: n + $0) } }
            m = restore(m)
            lo = lo.map(restore)
            hi = hi.map(restore)
            if let l = lo, let u = hi { (lo, hi) = (zip(l, u).map { min($0, $1) }, zip(l, u).map { max($0, $1) }) }
        }
        let period = method.isSeasonal ? nil : season?.period
        return Result(method: method, mean: m, lower: lo, upper: hi, period: period, reason: reason)
    }
}
