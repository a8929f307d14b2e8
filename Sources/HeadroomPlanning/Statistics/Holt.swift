import RealModule

/// Holt's linear trend method (double exponential smoothing) on evenly spaced values.
///
///     level  ℓₜ = α yₜ + (1 − α)(ℓₜ₋₁ + bₜ₋₁)
///     trend  bₜ = β (ℓₜ − ℓₜ₋₁) + (1 − β) bₜ₋₁
///     forecast h steps ahead: ℓₙ + h bₙ
///
/// Starts from ℓ₁ = y₁, b₁ = y₂ − y₁. Unless given, α and β minimise the sum of squared
/// one-step-ahead errors (a grid, then a pattern search; deterministic).
public struct Holt: Sendable {
    public let alpha: Double, beta: Double
    public let level: Double, trend: Double
    /// Sum of squared one-step errors, and how many there were.
    public let sse: Double, errors: Int

    static func run(_ y: [Double], _ a: Double, _ b: Double) -> (level: Double, trend: Double, sse: Double, errors: Int)
    {
        var level = y[0], trend = y[1] - y[0], sse = 0.0, count = 0
        for t in 1..<y.count {
            let forecast = level + trend
            if t >= 2 { let e = y[t] - forecast; sse += e * e; count += 1 }
            let newLevel = a * y[t] + (1 - a) * forecast
            trend = b * (newLevel - level) + (1 - b) * trend
            level = newLevel
        }
        return (level, trend, sse, count)
    }

    /// Nil with fewer than three values, or when `stop` (asked between passes over the data)
    /// says to give up.
    public init?(_ y: [Double], alpha: Double? = nil, beta: Double? = nil, stop: () -> Bool = { false }) {
        guard y.count >= 3 else { return nil }
        var best = (a: alpha ?? 0.5, b: beta ?? 0.5)
        var bestSSE = Holt.run(y, best.a, best.b).sse
        let grid = stride(from: 0.05, through: 0.95, by: 0.05).map { $0 }
        for a in alpha.map({ [$0] }) ?? grid {
            if stop() { return nil }
            for b in beta.map({ [$0] }) ?? grid {
                let s = Holt.run(y, a, b).sse
                if s < bestSSE { bestSSE = s; best = (a, b) }
            }
        }
        var step = 0.025
        while step > 1e-5 {
            if stop() { return nil }
            var improved = false
            for (da, db) in [(step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step)] {
                let a = alpha ?? min(0.999, max(0.001, best.a + da))
                let b = beta ?? min(0.999, max(0.001, best.b + db))
                let s = Holt.run(y, a, b).sse
                if s < bestSSE - 1e-12 * max(1, bestSSE) { bestSSE = s; best = (a, b); improved = true }
            }
            if !improved { step /= 2 }
        }
        let r = Holt.run(y, best.a, best.b)
        self.alpha = best.a
        self.beta = best.b
        level = r.level
        trend = r.trend
        sse = r.sse
        errors = r.errors
    }

    public func forecast(_ h: Double) -> Double { level + h * trend }

    /// 95% band h steps ahead (Hyndman et al., ETS(A,A,N)):
    /// σ² · [1 + (h − 1)(α² + αβh + β²h(2h − 1)/6)], σ² the mean squared one-step error.
    public func interval(_ h: Double) -> (lower: Double, upper: Double) {
        let y = forecast(h)
        let sigma2 = errors > 0 ? sse / Double(errors) : 0
        let v = sigma2 * (1 + (h - 1) * (alpha * alpha + alpha * beta * h + beta * beta * h * (2 * h - 1) / 6))
        let half = 1.959963984540054 * Double.sqrt(max(0, v))
        return (y - half, y + half)
    }
}
