import Testing

@testable import HeadroomPlanning

/// The forecasting core against statsmodels 0.14 (Python 3.11, Debian bookworm), on real
/// series that statsmodels ships: the first 30 years of the Nile's annual flow
/// (`sm.datasets.nile`) and the first 40 quarters of US real consumption
/// (`sm.datasets.macrodata`, `realcons`). Each reference value was printed by the Python
/// call named beside it.
@Suite("Forecasting against statsmodels")
struct StatsmodelsReferenceTests {
    static let nile: [Double] = [
        1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020, 960, 1180, 799, 958,
        1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840,
    ]
    static let realcons: [Double] = [
        1707.4, 1733.7, 1751.8, 1753.7, 1770.5, 1792.9, 1785.8, 1788.2, 1787.7, 1814.3, 1823.1, 1859.6, 1879.4,
        1902.5, 1917.9, 1945.1, 1958.2, 1976.9, 2003.8, 2020.6, 2060.5, 2096.7, 2135.2, 2141.2, 2188.8, 2213.0,
        2251.0, 2314.3, 2348.5, 2354.5, 2381.5, 2391.4, 2405.3, 2438.1, 2450.6, 2465.7, 2524.6, 2563.3, 2611.5,
        2623.5,
    ]

    func close(_ a: Double, _ b: Double, _ rel: Double = 1e-6) -> Bool { abs(a - b) <= rel * max(1, abs(b)) }

    @Test func holtsRecursionWithGivenParameters() {
        // Holt(y, initialization_method="known", initial_level=1100, initial_trend=-5)
        //   .fit(smoothing_level=0.3, smoothing_trend=0.1, optimized=False)
        // The textbook β of 0.1 is α·β = 0.03 in the state-space form ETS runs.
        let r = ETS.run(Self.nile, 0.3, 0.3 * 0.1, 1, 1100, -5)
        #expect(close(r.sse, 787167.8835452455))
        #expect(close(r.level, 974.9699868789992))
        #expect(close(r.slope, -12.538421513744666))
        #expect(close(r.level + 3 * r.slope, 937.3547223377652))
    }

    @Test func fixedSmoothingParametersAreKept() throws {
        let e = try #require(ETS(Self.nile, trend: .additive, alpha: 0.3, beta: 0.1))
        #expect(e.alpha == 0.3)
        #expect(close(e.beta, 0.03))
        // With α and β fixed only the starting states are estimated: no worse than the
        // statsmodels run above, which was given them.
        #expect(e.sigma2 * Double(e.count) <= 787167.8835452455)
    }

    @Test func estimatedModelsReachStatsmodelsLeastSquares() throws {
        // ETSModel(y, trend=…, damped_trend=…).fit(): with additive errors the likelihood
        // is a function of the sum of squared errors, so both minimise the same thing.
        // Reference SSEs: ANN 652090.1629849522, AAN 636126.8126931838, AAdN 637040.2381896664.
        // The damped fit's Nelder-Mead stops 0.03% short of statsmodels' L-BFGS-B on this
        // series (φ, the level and the slope trade off along a flat valley); it is held to that.
        for (trend, sse, slack) in [
            (ETS.Trend.none, 652090.1629849522, 1e-6), (.additive, 636126.8126931838, 1e-6),
            (.damped, 637040.2381896664, 3e-4),
        ] {
            let e = try #require(ETS(Self.nile, trend: trend))
            #expect(e.sigma2 * Double(e.count) <= sse * (1 + slack), "\(trend)")
        }
    }

    @Test func thetaMatchesThetaModel() throws {
        // ThetaModel(y, deseasonalize=False).fit(): alpha 0.03732634603016367,
        // b0 -2.664961067853157, forecast(4) below. Given statsmodels' α the forecasts agree.
        let given = try #require(Theta(Self.nile, alpha: 0.03732634603016367))
        #expect(close(given.slope, -2.664961067853157))
        let expected = [1061.904927566341, 1060.5724470324144, 1059.2399664984878, 1057.9074859645614]
        for (h, v) in expected.enumerated() { #expect(close(given.forecast(h + 1), v, 1e-9), "h = \(h + 1)") }
        // statsmodels stops its optimiser early; the least-squares α, from
        // scipy.optimize.minimize_scalar(sse, bounds=(1e-4, 0.9999), method="bounded",
        // options={"xatol": 1e-12}), is 0.037306227490992286 with SSE 691349.488303832.
        let fitted = try #require(Theta(Self.nile))
        #expect(close(fitted.alpha, 0.037306227490992286))
        #expect(Theta.ses(Self.nile, fitted.alpha).sse <= 691349.488303832 * (1 + 1e-12))
    }

    @Test func decompositionMatchesSeasonalDecompose() throws {
        // seasonal_decompose(realcons[:40], model="multiplicative", period=4).seasonal[:4]
        let s = try #require(Seasonality(Self.realcons, period: 4))
        #expect(s.multiplicative)
        let expected = [1.0001589605453283, 1.0011101994088134, 1.000047616231473, 0.9986832238143853]
        for (i, v) in expected.enumerated() { #expect(close(s.indices[i], v), "index \(i)") }
        // Real consumption is seasonally adjusted already; the indices stay within 0.2% of 1.
        #expect(s.indices.allSatisfy { abs($0 - 1) < 0.002 })
    }
}

/// Monthly data stored as dates (the first of each month) used to break Holt: the months are
/// 28 to 31 days apart, so the series looked uneven.
@Suite("Calendar-aware forecasts")
struct CalendarForecastTests {
    @Test func monthlyDataForecastsOnTheFirstOfEachMonth() {
        let r = eval(
            """
            m = series([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27] TB, start: 2025-01-01, step: 1 month)
            m.times[1]
            f = project(m, 18 months, method: "holt")
            len(f)
            [f.times[0], f.times[17]]
            f.values[17]
            """)
        #expect(r.error == nil)
        #expect(r.shown == ["2025-02-01", "18", "[2026-07-01, 2027-12-01]", "45 TB"])
    }

    @Test func monthEndDataStaysAtMonthEnds() {
        let r = eval(
            """
            m = series([10, 11, 12, 13, 14, 15] TB, start: 2025-01-31, step: 1 month)
            m.times[1]
            project(m, 3 months, method: "holt").times
            """)
        #expect(r.shown == ["2025-02-28", "[2025-07-31, 2025-08-31, 2025-09-30]"])
    }

    @Test func aDampedTrendNeedsFivePoints() {
        let r = eval("project(series([1, 3, 2, 5] GB, start: 2026-01-01, step: 1 day), 3 days, method: \"damped\")")
        #expect(r.error == "this method needs more data: at least 5 points")
        let zeros = eval(
            "project(series([0, 0, 0, 0] GB, start: 2026-01-01, step: 1 day), 3 days, method: \"compound\")")
        #expect(zeros.error == "compound growth needs every value above zero")
    }

    @Test func autoKeepsTheBandsAskedFor() {
        // A series with jumps: its past errors are larger than Theta's formula expects, so the
        // calibrated band (auto's default) is wider than the analytic one asked for.
        let s =
            "s = series([1, 3, 2, 5, 4, 6, 8, 7, 9, 11, 10, 12, 13, 12, 14, 16, 15, 17, 30, 31, 29, 33, 32, 35, 20, 22, 21, 25, 40, 41, 39, 45] GB, start: 2026-01-01, step: 1 day)\n"
        func width(_ bands: String) -> Double? {
            let r = eval(s + "f = project(s, 3 days, method: \"auto\"\(bands))\nf.upper[2] - f.lower[2]")
            guard case .quantity(let q)? = r.values.last else { return nil }
            return q.base
        }
        let analytic = width(", bands: \"analytic\""), calibrated = width("")
        #expect(analytic != nil && calibrated != nil)
        #expect((analytic ?? 0) < (calibrated ?? 0))
    }

    @Test func theBandSaysItsLevel() {
        let r = eval(
            """
            s = series([1, 3, 2, 5, 4, 6, 8, 7, 9, 11, 10, 12] GB, start: 2026-01-01, step: 1 day)
            project(s, 3 days, method: "damped", level: 80%)
            """)
        #expect(r.shown.first?.contains("80% band") == true, "\(r.shown)")
        #expect(r.shown.first?.contains("95%") == false, "\(r.shown)")
    }
}

/// Holt-Winters (ETS(A,Ad,A)) and the seasonal methods.
@Suite("Seasonal forecasts")
struct SeasonalForecastTests {
    /// statsmodels' macrodata `realinv`, the first 40 quarters.
    static let realinv: [Double] = [
        286.898, 310.859, 289.226, 299.356, 331.722, 298.152, 296.375, 259.764, 266.405, 286.246, 310.227, 315.463,
        334.271, 331.039, 336.962, 325.65, 343.721, 348.73, 360.102, 364.534, 379.523, 377.778, 386.754, 389.91,
        429.145, 429.119, 444.444, 446.493, 484.244, 475.408, 470.697, 472.957, 460.007, 440.393, 453.033, 462.834,
        472.907, 492.026, 476.053, 480.998,
    ]

    /// statsmodels 0.14 `ETSModel(y, error="add", trend="add", damped_trend=True,
    /// seasonal="add", seasonal_periods=4).smooth([0.4, 0.1, 0.2, 0.9, l0, b0] + s0 reversed)`
    /// (its initial_seasonal lists the cycle newest first): `forecast(8)`, and
    /// `get_prediction(...).var_pred_mean / mse`.
    @Test func holtWintersMatchesETSModel() {
        let y = Self.realinv
        let l0 = y[0..<4].reduce(0, +) / 4, b0 = (y[4..<8].reduce(0, +) / 4 - l0) / 4
        let hw = HoltWinters(
            y, period: 4, alpha: (0.4, 0.1, 0.2, 0.9), start: (l0, b0, (0..<4).map { y[$0] - l0 }))
        let forecasts = [
            490.353648812155, 489.3536700894878, 487.9154070384684, 489.58432035655653, 498.561601454955,
            496.7408274680078, 494.5638486791364, 495.5679178331577,
        ]
        let ratios = [
            1.0, 1.2401000000000004, 1.566141, 1.980748209999999, 2.807956650099999, 3.398639586580997,
            4.07383557113061, 4.829922844015794,
        ]
        for h in 1...8 { #expect(abs(hw.forecast(h) - forecasts[h - 1]) < 1e-6, "h = \(h)") }
        let v = hw.variances(8)
        for h in 1...8 { #expect(abs(v[h - 1] / hw.sigma2 - ratios[h - 1]) < 1e-9, "h = \(h)") }
        #expect(abs(hw.sigma2 - 424.0870479006291) < 1e-6)
    }

    /// Estimated, it fits a clean cycle closely and keeps it going.
    @Test func holtWintersLearnsACycle() throws {
        let cycle: [Double] = [10, 14, 9, 5]
        let y = (0..<40).map { 100 + 0.5 * Double($0) + cycle[$0 % 4] }
        let hw = try #require(HoltWinters(y, period: 4))
        for h in 1...8 { #expect(abs(hw.forecast(h) - (100 + 0.5 * Double(39 + h) + cycle[(39 + h) % 4])) < 1.0) }
    }

    @Test func seasonalNaiveRepeatsTheLastCycle() throws {
        let y: [Double] = [1, 5, 3, 2, 6, 4, 3, 7, 5]
        let r = try #require(Forecaster.forecast(y, h: 4, method: .snaive, period: 3))
        #expect(r.mean == [3, 7, 5, 3])
        // Without a cycle it is the naive forecast.
        #expect(Forecaster.forecast(y, h: 2, method: .snaive, period: nil)?.mean == [5, 5])
    }

    /// Hourly data with a day's and a week's cycle: both are found and put back (MSTL-style),
    /// so the forecast of a weekend hour is lower than the same hour on a weekday.
    @Test func hourlyDataKeepsTheDayAndTheWeek() throws {
        let y = (0..<(24 * 35)).map { t -> Double in
            let hour = t % 24, day = (t / 24) % 7
            return 50 + 10 * Double.sin(2 * Double.pi * Double(hour) / 24) + (day >= 5 ? -8 : 2)
                + Double((t * 7919) % 13) / 13
        }
        let seasons = try #require(Seasons.find(y, period: 24, weekly: 168))
        #expect(seasons.parts.map(\.period) == [24, 168])
        let r = try #require(Forecaster.forecast(y, h: 168, method: .ses, period: 24, weekly: 168))
        // 35 days end on a day 0 boundary: steps 1...120 are weekdays, 121...168 the weekend.
        let weekday = r.mean[6], weekend = r.mean[120 + 6]
        #expect(weekday - weekend > 8, "weekday \(weekday), weekend \(weekend)")
        #expect(abs(weekday - (50 + 10 * Double.sin(2 * Double.pi * 6 / 24) + 2 + 0.5)) < 1.5)
    }
}
