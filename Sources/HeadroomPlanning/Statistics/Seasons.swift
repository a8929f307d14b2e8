/// The cycles a forecast takes out of the data before forecasting and puts back after.
///
/// One cycle: classical decomposition (`Seasonality`), multiplicative when every value is
/// above zero. Data finer than a day may also cycle by the week (CPU busy on weekdays): then
/// the day and the week are estimated together, additively, as MSTL does (Bandara, Hyndman
/// and Bergmeir, 2021): the day's cycle from the data, the week's from the data less the day's,
/// then each again from the data less the other. A cycle is kept only when the M4 test finds
/// it (`Seasonality.isSeasonal`) in what is left of the data.
struct Seasons: Sendable {
    let parts: [Seasonality]

    /// The main cycle.
    var period: Int { parts[0].period }

    static func find(_ y: [Double], period: Int?, weekly: Int?) -> Seasons? {
        guard let m = period, m > 1 else { return nil }
        guard let w = weekly, w > m, w % m == 0, y.count >= 3 * w else {
            guard Seasonality.isSeasonal(y, period: m), let s = Seasonality(y, period: m) else { return nil }
            return Seasons(parts: [s])
        }
        var day: Seasonality?, week: Seasonality?
        func less(_ s: Seasonality?) -> [Double] { s.map { $0.adjust(y) } ?? y }
        for _ in 0..<2 {
            let forDay = less(week)
            day = Seasonality.isSeasonal(forDay, period: m) ? Seasonality(forDay, period: m, additive: true) : nil
            let forWeek = less(day)
            week = Seasonality.isSeasonal(forWeek, period: w) ? Seasonality(forWeek, period: w, additive: true) : nil
        }
        let parts = [day, week].compactMap { $0 }
        return parts.isEmpty ? nil : Seasons(parts: parts)
    }

    func adjust(_ y: [Double]) -> [Double] { parts.reduce(y) { $1.adjust($0) } }

    func restore(_ v: Double, at t: Int) -> Double { parts.reversed().reduce(v) { $1.restore($0, at: t) } }
}
