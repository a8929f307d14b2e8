import HeadroomCore

/// Peaks: the busiest moment of each day (or another bucket), to plan against the policy's
/// peak thresholds beside the average ones (CPU 85% peak, memory 90%).
enum Peaks {
    /// The p-th percentile of sorted values, interpolating between ranks (numpy's default).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let rank = p * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - Double(lo))
    }

    /// Per bucket of `every` (calendar buckets as `resample`), the `p` percentile of its values.
    static func of(_ s: Series, every: Double, months: Int?, p: Double) -> Series {
        Buckets.aggregate(s, seconds: Int64(every), months: months) { percentile($0.sorted(), p) }
    }

    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "peaks",
                [P("s", .series(.q)), P("every", .duration, default: "1 day"), P("p", .number, default: "100%")],
                .series(.q),
                summary: """
                    The peak of each day (or each `every`, in `resample`'s calendar buckets): the maximum, or the \
                    `p` percentile (`p: 95%` ignores the busiest few samples). Fit and project it, or give it to \
                    `runway` against the policy's peak threshold: `runway(peaks(cpu), cluster.cores, \
                    threshold: policy().cpu_peak)`; `report` does both for CPU and memory.
                    """,
                example: "peaks(series([1, 5, 2, 3, 9, 4] GB, start: 2026-01-01, step: 12 h))"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                let every = c.has(1) ? try c.duration(1) : 86_400
                guard every >= 1, every == every.rounded(), every < 1e13 else {
                    throw c.fail("every must be a whole number of seconds, at least 1", 1)
                }
                let p = c.has(2) ? try c.number(2) : 1
                guard p >= 0, p <= 1 else { throw c.fail("p must be from 0% to 100%", 2) }
                let months = c.has(1) ? CivilDate.calendarMonths(try c.quantity(1)) : nil
                return .series(of(s, every: every, months: months, p: p))
            })
    }
}
