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

    /// The standard normal quantile: the limit of the t quantile (Acklam's rational
    /// approximation, refined by one Newton step on erfc; about 1e-15).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return .nan }
        if p == 0.975 { return 1.959963984540054 }
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 {
            let q = Double.sqrt(-2 * Double.log(p))
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p > 1 - 0.02425 {
            let q = Double.sqrt(-2 * Double.log(1 - p))
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5, r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        let e = 0.5 * Double.erfc(-x / Double.sqrt(2)) - p
        let u = e * Double.sqrt(2 * Double.pi) * Double.exp(x * x / 2)
        return x - u / (1 + x * u / 2)
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
