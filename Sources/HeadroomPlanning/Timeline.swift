import HeadroomCore

/// How a series' times map onto the steps forecasting counts in: calendar months (monthly,
/// quarterly or yearly data stored as dates on the same day of the month), or a fixed number
/// of seconds. Uneven samples are put onto their median step by linear interpolation
/// (documented in docs/forecasting.md).
enum Timeline: Equatable {
    /// Successive values `k` calendar months apart (1 monthly, 3 quarterly, 12 yearly).
    case months(Int)
    /// Successive values this many seconds apart.
    case seconds(Int64)

    /// The timeline of `s`, and its values on it (interpolated when the samples are uneven).
    static func of(_ s: Series) -> (timeline: Timeline, values: [Double], last: Int64)? {
        guard s.count >= 2, let last = s.times.last else { return nil }
        // Calendar months: every gap is the same whole number of months, day of month kept.
        if let k = s.calendarStep { return (.months(k), s.values, last) }
        if let step = s.regularStep, step > 0 { return (.seconds(step), s.values, last) }
        guard let step = s.medianStep, step > 0 else { return nil }
        // Uneven: values at last, last − step, ... back to the first sample, interpolated.
        var values: [Double] = []
        var t = last
        var j = s.count - 1
        while t >= s.times[0], values.count < 10_000_000 {
            while j > 0, s.times[j - 1] >= t { j -= 1 }
            if s.times[j] == t || j == 0 {
                values.append(s.values[j])
            } else {
                let t0 = s.times[j - 1], t1 = s.times[j]
                let w = Double(t - t0) / Double(t1 - t0)
                values.append(s.values[j - 1] + w * (s.values[j] - s.values[j - 1]))
            }
            t -= step
        }
        return (.seconds(step), values.reversed(), last)
    }

    /// The time `i` steps after `last`, for a series that began at `first`. Calendar steps
    /// count from `first`, so month-end data keeps to month ends (31 January, 28 February,
    /// 31 March) rather than drifting to the shortest month's day.
    func time(after last: Int64, steps i: Int, first: Int64) -> Int64 {
        switch self {
        case .months(let k):
            guard let sofar = CivilDate.monthsBetween(first, last) else { return CivilDate.addMonths(last, k * i) }
            return CivilDate.addMonths(first, sofar + k * i)
        case .seconds(let s): return last + s * Int64(i)
        }
    }

    /// The cycle in steps the data may have: a year for monthly and quarterly data, a week
    /// for daily, a day for anything finer that divides it (hourly: 24).
    var period: Int? {
        switch self {
        case .months(let k): return k == 1 ? 12 : k == 3 ? 4 : nil
        case .seconds(let s):
            if s == 86_400 { return 7 }
            if s < 86_400, 86_400 % s == 0, 86_400 / s <= 1440 { return Int(86_400 / s) }
            return nil
        }
    }

    /// A step's length in seconds (a calendar month as an average Gregorian month).
    var averageSeconds: Double {
        switch self {
        case .months(let k): return Double(k) * 365.2425 / 12 * 86_400
        case .seconds(let d): return Double(d)
        }
    }

    /// A week in steps, for data finer than a day whose day divides evenly (a second cycle:
    /// hourly data has 24 and 168).
    var weekly: Int? {
        guard case .seconds(let s) = self, s < 86_400, 86_400 % s == 0 else { return nil }
        return Int(7 * 86_400 / s)
    }

    /// Steps in a horizon given as seconds, or as calendar months when it was written in
    /// months, quarters or years.
    /// (A Double: a horizon of 1e300 years is a count to refuse, not to overflow on.)
    func steps(seconds: Double, months: Int?) -> Double {
        switch self {
        case .months(let k):
            if let months { return Double(months / k) }
            return (seconds / averageSeconds).rounded(.down)
        case .seconds(let s):
            return (seconds / Double(s)).rounded(.down)
        }
    }

    /// In words, for messages: "1 month", "3 months", "1 hour".
    var description: String {
        switch self {
        case .months(let k): return CivilDate.monthsText(k)
        case .seconds(let s): return DisplayRules.duration(seconds: s)
        }
    }
}
