import RealModule

/// Ordinary least squares of y on x, with the prediction interval of a new observation.
///
/// Headroom measures x in seconds from the last sample, as PromQL's `predict_linear` and
/// `deriv` do when evaluated at that sample, so `intercept` is the fitted value there.
public struct LinearFit: Sendable {
    public let n: Int
    public let xbar: Double, ybar: Double
    /// Σ(x - x̄)², Σ(y - ȳ)², Σ residual².
    public let sxx: Double, syy: Double, sse: Double
    public let slope: Double
    /// The fitted value at x = 0.
    public let intercept: Double
    /// t(0.975, n − 2), worked out once: a forecast asks for many intervals, and the
    /// quantile's continued fraction dominated a backtest of a million points.
    private let t975: Double

    /// Nil when there are fewer than two points or all x are equal.
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count, x.count >= 2 else { return nil }
        n = x.count
        xbar = x.reduce(0, +) / Double(n)
        ybar = y.reduce(0, +) / Double(n)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - xbar, dy = y[i] - ybar
            sxx += dx * dx; sxy += dx * dy; syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        self.sxx = sxx
        self.syy = syy
        slope = sxy / sxx
        intercept = ybar - slope * xbar
        var sse = 0.0
        for i in 0..<n {
            let e = y[i] - (intercept + slope * x[i])
            sse += e * e
        }
        self.sse = sse
        t975 = n > 2 ? StudentT.quantile(0.975, dof: Double(n - 2)) : 0
    }

    public func predict(_ x: Double) -> Double { intercept + slope * x }

    /// A prediction band needs a spread to measure: more than two points.
    public var hasBand: Bool { n > 2 }

    /// Coefficient of determination; 1 for a perfect fit of constant data.
    public var r2: Double { syy == 0 ? 1 : max(0, 1 - sse / syy) }

    /// Standard deviation of the residuals, √(SSE / (n − 2)); 0 with two points.
    public var residualStddev: Double { n > 2 ? Double.sqrt(sse / Double(n - 2)) : 0 }

    /// The 95% (or `level`) prediction interval of a new observation at x:
    /// ŷ ± t(1 − (1 − level)/2, n − 2) · s · √(1 + 1/n + (x − x̄)² / Sxx).
    public func interval(_ x: Double, level: Double = 0.95) -> (lower: Double, upper: Double) {
        interval(x, t: n > 2 ? t(level) : 0)
    }

    /// t(1 − (1 − level)/2, n − 2): worked out once for a level asked about many times.
    public func t(_ level: Double) -> Double {
        level == 0.95 ? t975 : StudentT.quantile(1 - (1 - level) / 2, dof: Double(n - 2))
    }

    /// The interval with its t quantile given (`t(level)`).
    public func interval(_ x: Double, t: Double) -> (lower: Double, upper: Double) {
        let y = predict(x)
        guard n > 2 else { return (y, y) }
        let half = t * residualStddev * Double.sqrt(1 + 1 / Double(n) + (x - xbar) * (x - xbar) / sxx)
        return (y - half, y + half)
    }
}
