import Testing

@testable import HeadroomCore
@testable import HeadroomPlanning

@Suite("Calendar buckets in resample")
struct ResampleTests {
    @Test func monthsStartOnTheFirstWhateverTheirLength() {
        // 90 daily values from 2026-01-01: January's 31, February's 28, March's 31.
        let values = (0..<90).map(String.init).joined(separator: ", ")
        let r = eval(
            """
            d = series([\(values)] GB, start: 2026-01-01, step: 1 day)
            m = resample(d, 1 month)
            [m.times, m.values]
            m
            project(m, 3 months, method: "holt").times
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        // Means: 0…30 is 15; 31…58 is 44.5; 59…89 is 74.
        #expect(r.shown.first == "[[2026-01-01, 2026-02-01, 2026-03-01], [15 GB, 44.5 GB, 74 GB]]", "\(r.shown)")
        #expect(r.shown.dropFirst().first?.contains("every 1 month") == true, "\(r.shown)")
        #expect(r.shown.last == "[2026-04-01, 2026-05-01, 2026-06-01]", "\(r.shown)")
    }

    @Test func quartersYearsAndIsoWeeks() {
        let r = eval(
            """
            m = series([1, 2, 3, 4, 5, 6, 7] GB, start: 2025-11-15, step: 1 month)
            resample(m, 1 quarter, "sum").times
            resample(m, 1 quarter, "sum").values
            resample(m, 1 year, "last").values
            resample(series([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] GB, start: 2026-01-29, step: 1 day), 1 week, "max").times
            """)
        #expect(
            r.shown == [
                "[2025-10-01, 2026-01-01, 2026-04-01]", "[3 GB, 12 GB, 13 GB]", "[2 GB, 7 GB]",
                // 2026-01-29 is a Thursday: its week began on Monday the 26th.
                "[2026-01-26, 2026-02-02]",
            ], "\(r.shown) \(r.error ?? "")")
    }

    @Test func aSeriesSlicesByPosition() {
        let r = eval("s = series([1, 2, 3, 4] GB, start: 2026-01-01, step: 1 day)[1:3]\n[len(s), s.times[0], last(s)]")
        #expect(r.shown.last == "[2, 2026-01-02, 3 GB]", "\(r.shown) \(r.error ?? "")")
    }

    @Test func bucketStartsBeforeTheEpochAndOnIt() {
        let day: Int64 = 86_400
        // 1969-12-31 12:00 is in December 1969's bucket and in the ISO week of Monday 1969-12-29.
        #expect(Buckets.start(of: -day / 2, months: 1, seconds: 0) == CivilDate.daysFromCivil(1969, 12, 1) * day)
        #expect(Buckets.start(of: -day / 2, months: nil, seconds: 7 * day) == -3 * day)
        #expect(Buckets.start(of: 0, months: 12, seconds: 0) == 0)
        #expect(Buckets.start(of: 90 * 60, months: nil, seconds: 3600) == 3600)
        // A whole number of weeks other than one: two-week buckets from Monday 1970-01-05.
        #expect(Buckets.start(of: 20 * day, months: nil, seconds: 14 * day) == 18 * day)
    }
}
