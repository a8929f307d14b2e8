import RealModule

/// The Theta method (Assimakopoulos and Nikolopoulos, 2000) in its standard form, as
/// statsmodels' ThetaModel computes it: simple exponential smoothing started at the first
/// value, plus half the slope of a least-squares line through the data:
///
///     ŷₙ₊ₕ = SESₙ₊₁ + (b₀/2) · (h − 1 + 1/α − (1 − α)ⁿ/α)
///
/// (Hyndman and Billah, 2003). Seasonality is handled by the caller.
public struct Theta: Sendable {
    public let alpha: Double
    public let slope: Double
    public let oneStep: Double
    public let count: Int
    /// Mean squared one-step error of the SES part.
    public let sigma2: Double

    static func ses(_ y: [Double], _ a: Double) -> (level: Double, sse: Double) {
        var l = y[0], sse = 0.0
        for v in y.dropFirst() {
            let e = v - l
            sse += e * e
            l += a * e
        }
        return (l, sse)
    }

    /// Fits to `y` (at least 3 values): the SES smoothing parameter by least squares
    /// unless `alpha` fixes it.
    public init?(_ y: [Double], alpha fixedAlpha: Double? = nil, stop: () -> Bool = { false }) {
        let n = y.count
        guard n >= 3, let fit = LinearFit(x: (0..<n).map(Double.init), y: y) else { return nil }
        guard
            let a = fixedAlpha
                ?? GoldenSection.minimise({ Theta.ses(y, $0).sse }, in: 1e-4...0.9999, tolerance: 1e-12, stop: stop)
        else { return nil }
        alpha = a
        slope = fit.slope
        let r = Theta.ses(y, alpha)
        oneStep = r.level
        count = n
        sigma2 = r.sse / Double(n - 1)
    }

    public func forecast(_ h: Int) -> Double {
        let weight = Double(h - 1) + 1 / alpha - Double.pow(1 - alpha, Double(count)) / alpha
        return oneStep + slope / 2 * weight
    }

    /// σ²(1 + (h − 1)α²): the SES part's variance (the drift is taken as known).
    public func variance(_ h: Int) -> Double { sigma2 * (1 + Double(h - 1) * alpha * alpha) }
}
