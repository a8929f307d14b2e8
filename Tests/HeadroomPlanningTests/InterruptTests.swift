import HeadroomCore
import Testing

@testable import HeadroomPlanning

/// Ctrl-C at the prompt sets a flag the host reports; long builtins ask it between passes
/// instead of only at the next call.
@Suite("Stopping long builtins")
struct InterruptTests {
    static let csv =
        "time,used\n" + (0..<5000).map { "\(1_700_000_000 + $0 * 60),\(1000 + $0 % 17)" }.joined(separator: "\n")

    /// The error message, and how often the host was asked.
    func run(_ text: String, stopAfter: Int) -> (String?, Int) {
        withLargeStack {
            let host = MemoryHost()
            host.files["u.csv"] = InterruptTests.csv
            host.stopAt = stopAfter
            let session = Session(host: host, builtins: .standard(), stackBudget: 100 << 20)
            do { try session.run(SourceFile(name: "t.plan", text: text)); return (nil, host.asked) } catch let e
                as DiagnosticList
            {
                return (e.diagnostics.first?.message, host.asked)
            } catch { return ("\(error)", host.asked) }
        }
    }

    @Test func fittingGivesUpWhenAsked() {
        let y = StatsmodelsReferenceTests.nile
        #expect(ETS(y, trend: .damped, stop: { true }) == nil)
        #expect(ETS(y, trend: .damped, stop: { false }) != nil)
        var asked = 0
        #expect(
            Forecaster.auto(
                y, h: 6, period: nil,
                stop: {
                    asked += 1; return asked > 50
                }) == nil)
    }

    @Test func aHoltForecastStopsBetweenPasses() {
        // Two calls ask once each; the forecast's fitting then asks between passes and
        // stops at the first "yes" (a run that ignored it would ask once more, at the end).
        let plan =
            "s = series([1, 3, 2, 5, 4, 6, 8, 7, 9] GB, start: 2026-01-01, step: 1 day)\nproject(s, 3 days, method: \"holt\")"
        let whole = run(plan, stopAfter: .max)
        #expect(whole.0 == nil)
        let stopped = run(plan, stopAfter: 4)
        #expect(stopped.0 == "interrupted")
        #expect(stopped.1 == 5, "asked \(stopped.1) times, of \(whole.1) in a whole run")
        #expect(whole.1 > 20)
    }

    @Test func backtestsStop() {
        let plan =
            "s = series([1, 3, 2, 5, 4, 6, 8, 7, 9] GB, start: 2026-01-01, step: 1 day)\nbacktest(s, holdout: 2 days)"
        #expect(run(plan, stopAfter: .max).0 == nil)
        #expect(run(plan, stopAfter: 4).0 == "interrupted")
    }

    @Test func loadingAFileStopsEveryFewThousandRows() {
        #expect(run("load(\"u.csv\")", stopAfter: .max).0 == nil)
        #expect(run("load(\"u.csv\")", stopAfter: 2).0 == "interrupted")
    }
}
