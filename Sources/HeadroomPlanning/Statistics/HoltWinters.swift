import RealModule

/// Additive Holt-Winters with a damped trend, ETS(A,Ad,A) (Hyndman et al., 2008): the
/// seasonal method for cycles that add to the level, as daily and weekly cycles in CPU and
/// memory do.
///
///     ŷₜ = ℓₜ₋₁ + φ bₜ₋₁ + sₜ₋ₘ,   eₜ = yₜ − ŷₜ
///     ℓₜ = ℓₜ₋₁ + φ bₜ₋₁ + α eₜ
///     bₜ = φ bₜ₋₁ + β eₜ
///     sₜ = sₜ₋ₘ + γ eₜ
///
/// α, β (state-space, at most α), γ (at most 1 − α) and φ (0.8 to 0.98) are estimated by
/// least squares of the one-step errors; the starting level, trend and cycle come from the
/// first two cycles (the level their first cycle's mean, the trend the step between the two
/// cycles' means, the cycle the first cycle less its mean), as Hyndman et al. start them.
public struct HoltWinters: Sendable {
    public let period: Int
    public let alpha: Double, beta: Double, gamma: Double, phi: Double
    /// The states after the last observation; `season[i]` is the cycle's value `i + 1` steps on.
    public let level: Double, slope: Double
    public let season: [Double]
    public let sigma2: Double

    static func run(
        _ y: [Double], _ m: Int, _ p: (a: Double, b: Double, g: Double, phi: Double), _ l0: Double,
        _ b0: Double, _ s0: [Double]
    ) -> (sse: Double, level: Double, slope: Double, season: [Double]) {
        var l = l0, b = b0, s = s0, sse = 0.0
        for (t, v) in y.enumerated() {
            let i = t % m
            let e = v - (l + p.phi * b + s[i])
            l = l + p.phi * b + p.a * e
            b = p.phi * b + p.b * e
            s[i] += p.g * e
            sse += e * e
        }
        let next = y.count % m
        return (sse, l, b, (0..<m).map { s[(next + $0) % m] })
    }

    /// Nil with fewer than two cycles (and 5 values), or when `stop` says to give up.
    public init?(_ y: [Double], period m: Int, stop: () -> Bool = { false }) {
        let n = y.count
        guard m > 1, n >= max(2 * m, 5), !stop() else { return nil }
        let first = y[0..<m].reduce(0, +) / Double(m), second = y[m..<(2 * m)].reduce(0, +) / Double(m)
        let l0 = first, b0 = (second - first) / Double(m)
        let s0 = (0..<m).map { y[$0] - first }
        func params(_ x: [Double]) -> (a: Double, b: Double, g: Double, phi: Double) {
            (x[0], min(x[1], x[0]), min(x[2], 1 - x[0]), x[3])
        }
        func sse(_ x: [Double]) -> Double { HoltWinters.run(y, m, params(x), l0, b0, s0).sse }
        let bounds = [1e-4...0.9999, 1e-8...0.9999, 1e-8...0.9999, 0.8...0.98]
        let steps = [0.2, 0.05, 0.1, 0.05]
        guard
            let a = NelderMead.minimise(
                sse, start: [0.3, 0.05, 0.1, 0.95], bounds: bounds, step: steps, maxEvaluations: 1200, stop: stop),
            let b = NelderMead.minimise(
                sse, start: a.point, bounds: bounds, step: steps.map { $0 / 4 }, maxEvaluations: 600, stop: stop)
        else { return nil }
        self.init(y, period: m, alpha: params(b.value <= a.value ? b.point : a.point), start: (l0, b0, s0))
    }

    /// The model with given parameters and starting states (`start.season[i]` is the cycle at
    /// the i-th value), as statsmodels' `ETSModel.smooth` runs it.
    init(
        _ y: [Double], period m: Int, alpha p: (a: Double, b: Double, g: Double, phi: Double),
        start: (level: Double, slope: Double, season: [Double])
    ) {
        period = m
        let r = HoltWinters.run(y, m, p, start.level, start.slope, start.season)
        (alpha, beta, gamma, phi) = (p.a, p.b, p.g, p.phi)
        (level, slope, season) = (r.level, r.slope, r.season)
        sigma2 = r.sse / Double(max(1, y.count))
    }

    /// The forecast `h` steps after the last value.
    public func forecast(_ h: Int) -> Double {
        level + Self.dampedSum(phi, h) * slope + season[(h - 1) % period]
    }

    static func dampedSum(_ phi: Double, _ h: Int) -> Double { phi * (1 - Double.pow(phi, Double(h))) / (1 - phi) }

    /// Variances at steps 1...h: σ²(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²), cⱼ = α + β(φ + … + φʲ) + γ when j is a
    /// whole number of cycles (class 1 of Hyndman et al., 2008).
    public func variances(_ h: Int) -> [Double] {
        ETS.variances(h, sigma2: sigma2, alpha: alpha, beta: beta, phi: phi, gamma: gamma, period: period)
    }
}
