import RealModule

/// Student's t distribution: the quantile used for prediction intervals.
public enum StudentT {
    /// The regularized incomplete beta function I_x(a, b), by its continued fraction
    /// (Numerical Recipes, 3rd ed., §6.4).
    static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront =
            Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
            + a * Double.log(x) + b * Double.log(1 - x)
        let front = Double.exp(lnFront)
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-15 { break }
        }
        return h
    }

    /// P(T <= t) for `dof` degrees of freedom.
    public static func cdf(_ t: Double, dof: Double) -> Double {
        let tail = 0.5 * incompleteBeta(dof / (dof + t * t), dof / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T <= t) = p, by bisection on the CDF (to about 1e-13).
    public static func quantile(_ p: Double, dof: Double) -> Double {
        guard p > 0, p < 1, dof > 0 else { return .nan }
        if p < 0.5 { return -quantile(1 - p, dof: dof) }
        var lo = 0.0, hi = 1.0
        while cdf(hi, dof: dof) < p, hi < 1e12 { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, dof: dof) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }
}
