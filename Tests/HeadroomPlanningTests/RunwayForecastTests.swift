import HeadroomCore
import RealModule
import Testing

@testable import HeadroomPlanning

@Suite("Runway from forecasts")
struct RunwayForecastTests {
    static let daily =
        "s = series([100,102,105,104,108,110,113,112,116,119,121,124,127,126,130,133,135,139,140,144] GB, start: 2026-01-01, step: 1 day)\n"

    /// Runway fields in days.
    func days(_ call: String, _ fields: [String]) -> [Double?] {
        let r = eval(Self.daily + "r = \(call)\n[" + fields.map { "r.\($0)" }.joined(separator: ", ") + "]")
        guard case .list(let items)? = r.values.last else { return fields.map { _ in nil } }
        return items.map { v in
            switch v {
            case .quantity(let q): q.base / 86_400
            case .never: .infinity
            default: nil
            }
        }
    }

    @Test(arguments: ["\"linear\"", "\"holt\"", "\"auto\"", "\"theta\""])
    func quantilesNestInsideTheBand(_ method: String) throws {
        let v = days("runway(s, 200 GB, method: \(method))", ["low", "p10", "p50", "runway", "p90", "high"])
        let x = try #require(v.count == 6 ? v.compactMap { $0 } : nil)
        #expect(x.count == 6, "\(v)")
        // low ≤ p10 ≤ p50 = runway ≤ p90 ≤ high: the 95% band is wider than the 80% band.
        #expect(x[0] <= x[1] && x[1] <= x[2] && x[2] == x[3] && x[3] <= x[4] && x[4] <= x[5], "\(method): \(x)")
        #expect(x[0] < x[3] && x[3] < x[5], "a band of no width: \(x)")
    }

    @Test func theSamePlanGivesTheSameNumbers() {
        let call = "runway(s, 200 GB, method: \"auto\")"
        #expect(
            days(call, ["low", "p10", "runway", "p90", "high"]) == days(call, ["low", "p10", "runway", "p90", "high"]))
    }

    @Test func theMethodAndLevelAreHonoured() {
        let r = eval(
            Self.daily
                + "r = runway(s, 200 GB, method: \"holt\", level: 80%)\n[r.method, r.low == r.p10, r.high == r.p90]")
        #expect(r.shown.last == "[\"holt\", true, true]", "\(r.shown) \(r.error ?? "")")
        let linear = eval(Self.daily + "runway(s, 200 GB).method")
        #expect(linear.shown.last == "linear")
        let exhausts = eval(
            Self.daily + "[exhausts(s, 200 GB, method: \"holt\"), runway(s, 200 GB, method: \"holt\").date]")
        guard case .list(let pair)? = exhausts.values.last else { Issue.record("\(exhausts)"); return }
        #expect(pair.count == 2 && ValueFormatter.display(pair[0]) == ValueFormatter.display(pair[1]))
    }

    @Test func monthlyDataAsDatesWithAuto() {
        let r = eval(
            """
            m = series([100, 101, 103, 102, 104, 110, 118, 127, 135, 144, 150, 161] TB, start: 2025-01-01, step: 1 month)
            r = runway(m, 250 TB, method: "auto")
            [r.method, r.runway > 0 months, r.runway < 3 years]
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown.last == "[\"theta\", true, true]", "\(r.shown)")
    }

    @Test func badArgumentsNameTheProblem() {
        #expect(eval(Self.daily + "runway(s, 200 GB, method: \"nope\")").error == "no method \"nope\"")
        #expect(
            eval(Self.daily + "runway(s, 200 GB, bands: \"x\")").error == "bands must be \"analytic\" or \"calibrated\""
        )
        #expect(eval(Self.daily + "runway(s, 200 GB, level: 20%)").error == "'level' must be at least 50%")
        #expect(
            eval("runway(series([1, 2, 3, 4] GB, start: 2026-01-01, step: 1 day), 9 GB, method: \"damped\")").error
                == "this method needs more data: at least 5 points")
    }

    /// Usage that wanders (a random walk with drift, as real usage does): the line's own
    /// formula band assumes independent scatter around the line and is far too narrow; the
    /// calibrated band (the default) is scored on the line's past forecasts and holds the
    /// actual time the threshold was first reached far more often. Seeded: the same every run.
    @Test func calibratedBandsHoldTheActualCrossing() {
        var state: UInt64 = 20_261_129
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        func normal() -> Double { Double.sqrt(-2 * Double.log(uniform())) * Double.cos(2 * Double.pi * uniform()) }
        var inside = (calibrated: 0, analytic: 0)
        let trials = 200
        for _ in 0..<trials {
            var y = [100.0]
            for _ in 1..<90 { y.append(y[y.count - 1] + 1 + 3 * normal()) }
            let s = Series(
                times: (0..<90).map { Int64($0) * 86_400 }, values: y, unit: UnitProduct(), name: nil)
            // The threshold: 60 days of expected growth ahead.
            let target = y[89] + 60
            var v = y[89], t = 0.0
            while v < target, t < 3650 { v += 1 + 3 * normal(); t += 1 }
            for bands in [Forecaster.Bands.calibrated, .analytic] {
                guard let m = RunwayModel.make(s, choice: .method(.linear), level: 0.95, bands: bands, stop: { false }),
                    case let r = m.runways(to: target), let low = r.low, let high = r.high
                else { continue }
                // Crossing times are whole days here; the band is in seconds.
                if low / 86_400 <= t && t <= high / 86_400 + 1 {
                    if bands == .calibrated { inside.calibrated += 1 } else { inside.analytic += 1 }
                }
            }
        }
        let calibrated = Double(inside.calibrated) / Double(trials), analytic = Double(inside.analytic) / Double(trials)
        // Measured: calibrated 81.5%, analytic 44%. The band is for the value at each time; a
        // wandering path first touches the threshold earlier than its value stays above it,
        // so the band holds the first crossing somewhat less often than its level.
        #expect(calibrated >= 0.78, "calibrated \(calibrated), analytic \(analytic)")
        #expect(analytic <= 0.55, "calibrated \(calibrated), analytic \(analytic)")
    }
}
