/// Proleptic Gregorian calendar arithmetic in UTC, without Foundation.
///
/// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date.
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((m + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-03-01`, or `2026-03-01 14:05` when the time is not midnight.
    public static func format(_ seconds: Int64, withTime: Bool = false) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s =
            "\(y < 1000 && y >= 0 ? String(repeating: "0", count: 4 - String(y).count) : "")\(y)-\(two(m))-\(two(d))"
        if withTime {
            let rem = Int(seconds - days * 86_400)
            s += "T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
        }
        return s
    }

    /// Moves a date by whole calendar months, keeping the time of day and clamping the day
    /// to the month's length (`2026-01-31` plus one month is `2026-02-28`).
    /// Whole calendar months from `a` to `b` when `b` is exactly that many months on.
    /// A date written YYYY-MM-DD, as seconds since the epoch; nil when it is not one.
    public static func parse<S: StringProtocol>(_ text: S) -> Int64? {
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count == 10, b[4] == 45, b[7] == 45, let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
            (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d)
        else { return nil }
        return daysFromCivil(y, m, d) * 86_400
    }

    public static func monthsBetween(_ a: Int64, _ b: Int64) -> Int? {
        let da = civilFromDays(a / 86_400), db = civilFromDays(b / 86_400)
        let k = (db.year - da.year) * 12 + (db.month - da.month)
        guard k >= 1, addMonths(a, k) == b else { return nil }
        return k
    }

    /// A step of `k` months in words: "1 month", "1 quarter", "1 year", "6 months".
    public static func monthsText(_ k: Int) -> String {
        k == 12 ? "1 year" : k == 3 ? "1 quarter" : "\(k) month\(k == 1 ? "" : "s")"
    }

    public static func addMonths(_ seconds: Int64, _ n: Int) -> Int64 {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let timeOfDay = seconds - days * 86_400
        let (y, m, d) = civilFromDays(days)
        let total = y * 12 + (m - 1) + n
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        return daysFromCivil(ny, nm, min(d, daysIn(month: nm, year: ny))) * 86_400 + timeOfDay
    }

    /// Whole calendar months in a duration written in months, quarters or years
    /// (`2 quarters` is 6), or nil for any other duration.
    public static func calendarMonths(_ q: Quantity) -> Int? {
        guard q.unit.factors.count == 1, q.unit.factors[0].power == 1 else { return nil }
        let perUnit: Int
        switch q.unit.factors[0].atom.symbol {
        case "month", "mo": perUnit = 1
        case "quarter": perUnit = 3
        case "year", "yr": perUnit = 12
        default: return nil
        }
        let v = q.value
        guard v == v.rounded(), abs(v) < 1e6 else { return nil }
        return Int(v) * perUnit
    }

    /// Seconds since the epoch of the first day of a quarter.
    public static func quarterStart(year: Int, quarter: Int) -> Int64 {
        daysFromCivil(year, (quarter - 1) * 3 + 1, 1) * 86_400
    }
}
