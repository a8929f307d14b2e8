import RealModule

/// Exponential smoothing with additive errors (the ETS family of Hyndman et al., 2008),
/// without seasonality: simple (A,N,N), Holt's linear trend (A,A,N) and damped trend
/// (A,Ad,N). In state-space form:
///
///     ŷₜ = ℓₜ₋₁ + φ bₜ₋₁,   eₜ = yₜ − ŷₜ
///     ℓₜ = ℓₜ₋₁ + φ bₜ₋₁ + α eₜ
///     bₜ = φ bₜ₋₁ + β eₜ
///
/// (β here is the state-space smoothing of the trend: α times the β of the textbook
/// smoothing equations.) α, β, φ and the initial level and trend are estimated together by
/// minimising the sum of squared one-step errors (for Gaussian errors the same optimum as
/// maximum likelihood), as statsmodels' ETSModel does by default.
public struct ETS: Sendable {
    public enum Trend: Sendable, Equatable { case none, additive, damped }

    public let trend: Trend
    public let alpha: Double, beta: Double, phi: Double
    public let initialLevel: Double, initialTrend: Double
    /// The states after the last observation.
    public let level: Double, slope: Double
    /// Mean squared one-step error: the variance of the errors.
    public let sigma2: Double
    public let count: Int

    /// Runs the recursions; the sum of squared one-step errors and the final states.
    static func run(_ y: [Double], _ a: Double, _ b: Double, _ phi: Double, _ l0: Double, _ b0: Double)
        -> (sse: Double, level: Double, slope: Double)
    {
        var l = l0, s = b0, sse = 0.0
        for v in y {
            let e = v - (l + phi * s)
            l = l + phi * s + a * e
            s = phi * s + b * e
            sse += e * e
        }
        return (sse, l, s)
    }

    /// Fits the model to `y` (evenly spaced, at least 3 values; 5 for a damped trend). Nil
    /// when there are too few.
    /// `alpha` and `beta` (the textbook smoothing β, between 0 and 1) fix those parameters;
    /// the rest is still estimated.
    public init?(
        _ y: [Double], trend: Trend, alpha fixedAlpha: Double? = nil, beta fixedBeta: Double? = nil,
        stop: () -> Bool = { false }
    ) {
        let n = y.count
        guard n >= (trend == .damped ? 5 : 3), !stop() else { return nil }
        self.trend = trend
        self.count = n
        // Starting states from the first values (a regression over the first few for a trend).
        let k = min(n, 10)
        let head = Array(y.prefix(k))
        let fit = LinearFit(x: (0..<k).map(Double.init), y: head)
        let l0 = trend == .none ? head.reduce(0, +) / Double(k) : (fit?.predict(0) ?? y[0]) - (fit?.slope ?? 0)
        let b0 = trend == .none ? 0 : fit?.slope ?? 0
        let scale = max(1e-9, (y.map { abs($0) }.max() ?? 1))
        let spread = max(1e-9 * scale, (y.max() ?? 0) - (y.min() ?? 0))
        func params(_ p: [Double]) -> (a: Double, b: Double, phi: Double, l0: Double, b0: Double) {
            let a = fixedAlpha ?? p[0]
            // State-space β is α times the smoothing β; it cannot exceed α.
            let b = fixedBeta.map { a * $0 } ?? (trend == .none ? 0 : min(p[1], a))
            switch trend {
            case .none: return (a, 0, 1, p[1], 0)
            case .additive: return (a, b, 1, p[2], p[3])
            case .damped: return (a, b, p[2], p[3], p[4])
            }
        }
        let start: [Double], bounds: [ClosedRange<Double>], steps: [Double]
        switch trend {
        case .none:
            start = [0.5, l0]
            bounds = [1e-4...0.9999, (l0 - 10 * spread)...(l0 + 10 * spread)]
            steps = [0.2, spread / 10]
        case .additive:
            start = [0.5, 0.1, l0, b0]
            bounds = [
                1e-4...0.9999, 1e-8...0.9999, (l0 - 10 * spread)...(l0 + 10 * spread),
                (b0 - spread)...(b0 + spread),
            ]
            steps = [0.2, 0.05, spread / 10, max(abs(b0), spread / Double(n)) / 2]
        case .damped:
            start = [0.5, 0.1, 0.95, l0, b0]
            bounds = [
                1e-4...0.9999, 1e-8...0.9999, 0.8...0.98, (l0 - 10 * spread)...(l0 + 10 * spread),
                (b0 - spread)...(b0 + spread),
            ]
            steps = [0.2, 0.05, 0.05, spread / 10, max(abs(b0), spread / Double(n)) / 2]
        }
        // A fixed parameter stays where it is: a zero-width bound.
        var fixedBounds = bounds
        var fixedStart = start
        if let a = fixedAlpha { fixedBounds[0] = a...a; fixedStart[0] = a }
        if let b = fixedBeta, trend != .none { fixedBounds[1] = b...b; fixedStart[1] = b }
        func sse(_ p: [Double]) -> Double {
            let q = params(p)
            return ETS.run(y, q.a, q.b, q.phi, q.l0, q.b0).sse
        }
        // A simplex can collapse short of the minimum; a second run from where the first
        // stopped, with fresh steps, is the usual remedy.
        guard
            let first = NelderMead.minimise(
                sse, start: fixedStart, bounds: fixedBounds, step: steps, maxEvaluations: 300 * start.count,
                stop: stop),
            let best = NelderMead.minimise(
                sse, start: first.point, bounds: fixedBounds, step: steps.map { $0 / 4 },
                maxEvaluations: 150 * start.count, stop: stop)
        else { return nil }
        let q = params(best.value <= first.value ? best.point : first.point)
        let r = ETS.run(y, q.a, q.b, q.phi, q.l0, q.b0)
        alpha = q.a
        beta = q.b
        phi = q.phi
        initialLevel = q.l0
        initialTrend = q.b0
        level = r.level
        slope = r.slope
        sigma2 = r.sse / Double(n)
    }

    /// φ + φ² + … + φʰ (h for φ = 1).
    func dampedSum(_ h: Int) -> Double {
        if trend == .none { return 0 }
        if phi == 1 { return Double(h) }
        // φ + φ² + … + φʰ, summed directly for short horizons (as the references do).
        if h <= 64 {
            var s = 0.0, p = 1.0
            for _ in 0..<h { p *= phi; s += p }
            return s
        }
        return phi * (1 - Double.pow(phi, Double(h))) / (1 - phi)
    }

    /// The variances at steps 1...h, in one pass (`variance` for each step would be O(h²)).
    public func variances(_ h: Int) -> [Double] {
        ETS.variances(h, sigma2: sigma2, alpha: alpha, beta: trend == .none ? 0 : beta, phi: phi)
    }

    /// σ²(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²) for h = 1...`h`, with cⱼ = α + β(φ + … + φʲ), plus γ when j is a
    /// whole number of `period`s (Hyndman et al., 2008, class 1 models: ETS and Holt-Winters).
    static func variances(
        _ h: Int, sigma2: Double, alpha: Double, beta: Double, phi: Double, gamma: Double = 0, period: Int = 0
    ) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(h)
        var sum = 1.0, damped = 0.0, p = 1.0
        for j in 1...max(1, h) {
            out.append(sigma2 * sum)
            p *= phi
            damped += p
            let c = alpha + beta * damped + (period > 0 && j % period == 0 ? gamma : 0)
            sum += c * c
        }
        return out
    }

    public func forecast(_ h: Int) -> Double { level + dampedSum(h) * slope }

    /// Variance of the h-step forecast error: σ²(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²), cⱼ = α + β(φ + … + φʲ)
    /// (Hyndman et al., 2008, class 1 models).
    public func variance(_ h: Int) -> Double {
        var sum = 1.0
        if h > 1 {
            for j in 1..<h {
                let c = alpha + beta * dampedSum(j)
                sum += c * c
            }
        }
        return sigma2 * sum
    }
}
