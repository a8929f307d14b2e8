import HeadroomCore
import Testing

@testable import HeadroomPlanning

@Suite("Reports against peaks")
struct ReportPeakTests {
    /// CPU that averages 12 cores but spikes to 28 each afternoon: the average is far from 70%
    /// of 36 cores, the daily peaks are near 85%, so the peak binds and the advice says so.
    @Test func aDailyPeakCanBind() {
        let hours = 30 * 24
        func cpu(_ h: Int) -> Double { (h % 24 == 15 ? 28 : 12) + Double(h) * 0.001 }
        let values = (0..<hours).map { NumberFormat.format(cpu($0)) }.joined(separator: ", ")
        let flat = (0..<hours).map { _ in "100" }.joined(separator: ", ")
        let r = eval(
            """
            c = series([\(values)] cores, start: 2026-10-01, step: 1 h)
            m = series([\(flat)] GiB, start: 2026-10-01, step: 1 h)
            d = series([\(flat)] GiB, start: 2026-10-01, step: 1 h)
            r = report(cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3), {cpu: c, memory: m, storage: d})
            [r.binding, r.resources[0].runway > 1 year, r.resources[0].peak_runway < 3 months]
            r.details[0].text
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown.first == "[\"cpu\", true, true]", "\(r.shown)")
        #expect(
            r.shown.last?.hasPrefix("URGENT: plan compute capacity expansion within 6 months (cpu peak reaches 85% in")
                == true, "\(r.shown)")
    }

    /// compare plans CPU against its daily peaks too: the spikes bind, and an option that adds
    /// cores gains on the peak's runway.
    @Test func compareCanBindOnAPeak() {
        let hours = 30 * 24
        func cpu(_ h: Int) -> Double { (h % 24 == 15 ? 28 : 12) + Double(h) * 0.001 }
        let values = (0..<hours).map { NumberFormat.format(cpu($0)) }.joined(separator: ", ")
        let r = eval(
            """
            c = series([\(values)] cores, start: 2026-10-01, step: 1 h)
            k = cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3)
            t = compare([option("Add 1 Node", cost: $1500, cpu: 33%)], cluster: k, usage: {cpu: c})
            [t[0].binding, t[0].cpu > 1 year, t[0].cpu_peak < 3 months, t[1].gained > 1 month]
            t[0].memory_peak
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown == ["[\"cpu_peak\", true, true, true]", "n/a"], "\(r.shown)")
    }
}

@Suite("Missing cells in plans")
struct MissingCellTests {
    @Test func missingCellsCanBeTestedAndReplaced() {
        let r = eval(
            """
            m = backtest(series([0, 0, 0, 0] GB, start: 2026-01-01, step: 1 day), "naive", holdout: 1 day).mape
            [is_missing(m), or_else(m, 0%), is_missing(3 GB)]
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown.last == "[true, 0%, false]", "\(r.shown)")
    }
}
