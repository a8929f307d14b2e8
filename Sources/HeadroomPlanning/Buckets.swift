import HeadroomCore

/// Where `resample` puts a time: the start of its bucket, in UTC.
///
/// - A step in months, quarters or years: calendar buckets starting on the first of a month
///   (quarters in January, April, July and October; years in January).
/// - A whole number of weeks: weeks starting on Monday at 00:00 UTC (ISO 8601 weeks).
/// - Anything else: multiples of the step from the Unix epoch, so days start at 00:00 UTC
///   and hours on the hour.
enum Buckets {
    /// 1970-01-05, the first Monday after the epoch (a Thursday).
    static let monday: Int64 = 4 * 86_400

    static func start(of t: Int64, months: Int?, seconds: Int64) -> Int64 {
        if let k = months, k > 0 {
            let days = floorDiv(t, 86_400)
            let (y, m, _) = CivilDate.civilFromDays(days)
            let index = Int64(y) * 12 + Int64(m - 1)
            let first = floorDiv(index, Int64(k)) * Int64(k)
            let year = floorDiv(first, 12), month = first - year * 12 + 1
            return CivilDate.daysFromCivil(Int(year), Int(month), 1) * 86_400
        }
        let week: Int64 = 7 * 86_400
        let origin = seconds % week == 0 ? monday : 0
        return floorDiv(t - origin, seconds) * seconds + origin
    }

    /// `s` in buckets of `seconds` (or `months`), each bucket's values reduced to one, at the
    /// bucket's start: what `resample` and `peaks` share.
    static func aggregate(_ s: Series, seconds: Int64, months: Int?, _ reduce: ([Double]) -> Double) -> Series {
        var times: [Int64] = [], values: [Double] = []
        var bucket: [Double] = []
        var current: Int64?
        func flush() {
            guard let t = current, !bucket.isEmpty else { return }
            times.append(t)
            values.append(reduce(bucket))
            bucket = []
        }
        for (t, v) in zip(s.times, s.values) {
            let b = start(of: t, months: months, seconds: seconds)
            if b != current {
                flush()
                current = b
            }
            bucket.append(v)
        }
        flush()
        return Series(times: times, values: values, unit: s.unit, name: s.name)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
}
