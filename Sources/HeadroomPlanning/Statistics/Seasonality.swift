import RealModule

/// Seasonality as the M4 competition's benchmarks treat it: a 90% autocorrelation test at
/// the seasonal lag, and classical decomposition (a centred moving average, then the mean
/// ratio, or difference, of each position in the cycle).
public struct Seasonality: Sendable {
    /// The cycle's length in steps (12 for monthly data, 24 for hourly in a day).
    public let period: Int
    /// One index per position in the cycle, for the position of the first value.
    public let indices: [Double]
    /// Ratios (values divided by the index) or differences (the index subtracted).
    public let multiplicative: Bool

    /// Autocorrelations at lags 1...maxLag.
    static func acf(_ y: [Double], _ maxLag: Int) -> [Double] {
        let n = y.count
        let mean = y.reduce(0, +) / Double(n)
        let d = y.map { $0 - mean }
        let denominator = d.reduce(0) { $0 + $1 * $1 }
        guard denominator > 0 else { return [Double](repeating: 0, count: maxLag) }
        return (1...maxLag).map { k in
            var s = 0.0
            for t in k..<n { s += d[t] * d[t - k] }
            return s / denominator
        }
    }

    /// The M4 benchmarks' test: at least three cycles of data, and the autocorrelation at the
    /// seasonal lag beyond 1.645/√n · √(1 + 2 Σ_{k<m} ρₖ²).
    public static func isSeasonal(_ y: [Double], period m: Int) -> Bool {
        guard m > 1, y.count >= 3 * m else { return false }
        let r = acf(y, m)
        let limit = 1.645 / Double.sqrt(Double(y.count)) * Double.sqrt(1 + 2 * r.dropLast().reduce(0) { $0 + $1 * $1 })
        return abs(r[m - 1]) > limit
    }

    /// Classical decomposition of `y` with cycle `period`: multiplicative when every value is
    /// above zero (unless `additive`), additive otherwise. Nil with fewer than two cycles.
    public init?(_ y: [Double], period m: Int, additive: Bool = false) {
        let n = y.count
        guard m > 1, n >= 2 * m else { return nil }
        period = m
        let multiplicative = !additive && y.allSatisfy { $0 > 0 }
        self.multiplicative = multiplicative
        // Centred moving average: over m values for odd m, 2 × m for even m.
        var trend = [Double?](repeating: nil, count: n)
        let half = m / 2
        // Running sums: prefix[i] is y[0] + … + y[i − 1].
        var prefix = [0.0]
        prefix.reserveCapacity(n + 1)
        for v in y { prefix.append(prefix[prefix.count - 1] + v) }
        for t in half..<(n - half) {
            if m % 2 == 1 {
                trend[t] = (prefix[t + half + 1] - prefix[t - half]) / Double(m)
            } else {
                let inner = prefix[t + half] - prefix[t - half + 1]
                trend[t] = (0.5 * y[t - half] + 0.5 * y[t + half] + inner) / Double(m)
            }
        }
        var sums = [Double](repeating: 0, count: m), counts = [Int](repeating: 0, count: m)
        for t in 0..<n {
            guard let tr = trend[t], !(multiplicative && tr == 0) else { continue }
            sums[t % m] += multiplicative ? y[t] / tr : y[t] - tr
            counts[t % m] += 1
        }
        var raw = (0..<m).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : (multiplicative ? 1 : 0) }
        let mean = raw.reduce(0, +) / Double(m)
        raw = raw.map { multiplicative ? $0 / mean : $0 - mean }
        guard !multiplicative || raw.allSatisfy({ $0 > 0 }) else { return nil }
        indices = raw
    }

    /// The index at step `t` (0 is the first value; beyond the data it carries on).
    public func index(_ t: Int) -> Double { indices[((t % period) + period) % period] }

    public func adjust(_ y: [Double]) -> [Double] {
        y.enumerated().map { multiplicative ? $1 / index($0) : $1 - index($0) }
    }

    public func restore(_ v: Double, at t: Int) -> Double { multiplicative ? v * index(t) : v + index(t) }
}
