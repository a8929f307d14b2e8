import HeadroomCore
import Testing

@testable import HeadroomPlanning

/// Formulas against values computed independently. Unless noted, the reference values were
/// computed on this machine with scipy 1.17.1 / numpy 2.4.6 (scipy.stats.t.ppf,
/// scipy.stats.linregress, numpy.percentile, scipy.optimize.minimize).
@Suite("Planning formulas")
struct FormulaTests {
    @Test(arguments: [
        (1.0, 12.706204736174694), (2, 4.302652729749462), (5, 2.5705818356363146),
        (10, 2.228138851986274), (30, 2.0422724563012378), (100, 1.9839715185235518),
    ])
    func studentTQuantile(_ dof: Double, _ expected: Double) {
        // scipy.stats.t.ppf(0.975, dof)
        #expect(close(StudentT.quantile(0.975, dof: dof), expected, 1e-10))
        #expect(close(StudentT.quantile(0.025, dof: dof), -expected, 1e-10))
    }

    // Ten daily samples in bytes; x in seconds from the last sample.
    static let x: [Double] = (-9...0).map { Double($0) * 86_400 }
    static let y: [Double] = [100, 103.5, 105.1, 109.8, 111.2, 114.9, 118.3, 119.9, 124.2, 126.0].map { $0 * 1e9 }

    @Test func ordinaryLeastSquaresMatchesLinregress() throws {
        let f = try #require(LinearFit(x: FormulaTests.x, y: FormulaTests.y))
        // scipy.stats.linregress(x, y)
        #expect(close(f.slope, 33817.34006734007))
        #expect(close(f.intercept, 126438181818.18182))
        #expect(close(f.r2, 0.9947112032179595))
        #expect(close(f.residualStddev, 684171695.6224574))
        // ŷ ± t(0.975, 8)·s·√(1 + 1/n + (x0 − x̄)²/Sxx) at x0 = 30 days, computed in numpy.
        let band = f.interval(30 * 86_400)
        #expect(close(f.predict(30 * 86_400), 214092727272.7273))
        #expect(close(band.lower, 207875843105.51294))
        #expect(close(band.upper, 220309611439.94165))
    }

    @Test func fitAndProjectThroughThePlanLanguage() {
        let s =
            "s = series([100, 103.5, 105.1, 109.8, 111.2, 114.9, 118.3, 119.9, 124.2, 126.0] GB, start: 2026-01-01, step: 1 day)\n"
        #expect(close(magnitude(s + "fit(s).intercept"), 126438181818.18182))
        #expect(close(magnitude(s + "fit(s).slope"), 33817.34006734007))
        #expect(close(magnitude(s + "predict_linear(s, 30 days)"), 214092727272.7273))
        #expect(close(magnitude(s + "last(project(s, 30 days).upper)"), 220309611439.94165))
        // Compound: OLS of ln y, exp of the prediction (numpy: np.exp(linregress(x, np.log(y)) at x0)).
        #expect(close(magnitude(s + "last(project(s, 30 days, method: \"compound\"))"), 275969056847.98364))
        // Nine days of data: the slope is shown per day (33817.34 B/s × 86400 s).
        #expect(value(s + "fit(s).slope") == "2.92182 GB/day")
    }

    @Test func percentileInterpolatesLikeNumpy() {
        // numpy.percentile([3,1,4,1,5,9,2,6,5,3], 95) and 50
        #expect(close(magnitude("percentile([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], 95%)"), 7.649999999999997))
        #expect(value("percentile([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], 50%)") == "3.5")
    }

    @Test func anExactLineIsRecovered() {
        // Property: for y = a + b·x exactly, the fit returns a and b and r² = 1, residuals 0.
        for (a, b) in [(5.0, 2.0), (-3.0, 0.5), (1e12, 1234.5), (0, -7)] {
            let xs = (0..<20).map { Double($0 - 19) * 3600 }
            let f = LinearFit(x: xs, y: xs.map { a + b * $0 })!
            #expect(close(f.slope, b, 1e-9) && close(f.intercept, a, 1e-9))
            #expect(f.r2 > 1 - 1e-12)
            #expect(f.residualStddev <= 1e-6 * max(1, abs(a)))
        }
    }

    @Test func aFlatOrShrinkingSeriesNeverRunsOut() {
        #expect(value("runway(series([5, 5, 5, 5] GB, start: 2026-01-01, step: 1 day), 10 GB).runway") == "never")
        #expect(value("runway(series([9, 8, 7, 6] GB, start: 2026-01-01, step: 1 day), 10 GB).runway") == "never")
        #expect(value("runway(1 TB, 2 TB, 0 GB/month)") == "never")
        #expect(value("exhausts(1 TB, 2 TB, -5 GB/month)") == "never")
        #expect(value("runway(1 TB, 2 TB, 0 GB/month) > 100 years") == "true")
    }

    @Test func runwayIsConsistentWithItsDefinition() {
        // Property: used + rate × runway = threshold × capacity.
        for (used, cap, rate, th) in [(116.0, 2000.0, 50.0, 0.8), (10, 100, 3, 1), (500, 1000, 0.5, 0.7)] {
            let t = magnitude("runway(\(used) GB, \(cap) GB, \(rate) GB/month, threshold: \(th * 100)%)")
            #expect(close(used * 1e9 + rate * 1e9 / (365.2425 * 86400 / 12) * t, th * cap * 1e9, 1e-12))
        }
        #expect(value("runway(116 GiB, 2 TB, 50 GB/month, threshold: 80%)") == "29.5089 months")
        #expect(value("runway(3 TB, 2 TB, 50 GB/month)") == "0 months")
        // Compound: ln(target/used) / ln(1 + r) periods; ln(10)/ln(1.1) = 24.158858...
        #expect(
            close(magnitude("runway(100 GB, 1 TB, 10%/month)") / (365.2425 * 86400 / 12), 24.158857928096775, 1e-12))
    }

    @Test func runwayFromASeriesHasBoundsAroundIt() {
        let r = eval(
            """
            s = series([100, 103.5, 105.1, 109.8, 111.2, 114.9, 118.3, 119.9, 124.2, 126.0] GB, start: 2026-01-01, step: 1 day)
            r = runway(s, 1 TB)
            r.low < r.runway and r.runway < r.high
            r.runway
            """)
        #expect(r.error == nil)
        #expect(r.shown[0] == "true")
        // (1e12 − 126438181818.18) / 33817.34 s, in months
        #expect(
            close(
                magnitude(
                    "r = runway(series([100, 103.5, 105.1, 109.8, 111.2, 114.9, 118.3, 119.9, 124.2, 126.0] GB, start: 2026-01-01, step: 1 day), 1 TB)\nr.runway"
                ),
                (1e12 - 126438181818.18182) / 33817.34006734007, 1e-9))
    }

    @Test(arguments: [
        ("grow(100 GB, 50 GB/month, 1 year)", "700 GB"),
        ("grow(10 cores, 20%/quarter, 1 year)", "20.736 cores"),
        ("grow(10 cores, 20%/quarter, 1 year, simple: true)", "18 cores"),
        ("grow(1000 USD, 5%/year, 10 years) -> USD", "$1,628.89"),
    ])
    func grow(_ source: String, _ expected: String) {
        // 1000·1.05^10 = 1628.894627 (closed form)
        #expect(value(source) == expected)
    }

    @Test func clusterTotalsAndNMinusOne() {
        let c = "c = cluster(nodes: 3, node: {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, replication: 3)\n"
        #expect(value(c + "c.usable") == "2 TB")
        #expect(value(c + "c.raw") == "6 TB")
        #expect(value(c + "c.cores") == "36 cores")
        #expect(value(c + "c.memory") == "192 GiB")
        #expect(value(c + "c.n_minus_1.usable") == "1.33333 TB")
        #expect(value(c + "c.n_minus_1.cores") == "24 cores")
    }

    @Test func theRunbookScoresAreReproduced() {
        let r = eval(
            """
            o = [option("Add 1 Node", cost: $1500, cpu: 33%, memory: 33%, storage: 33%),
                 option("Memory Upgrade", cost: $2400, memory: 100%),
                 option("Storage Expansion", cost: $1200, storage: 100%),
                 option("Hybrid", cost: $3900, cpu: 25%, memory: 100%, storage: 66%)]
            t = compare(o)
            t.name
            t.score
            t.relief
            """)
        #expect(r.error == nil)
        #expect(
            r.shown == [
                "[\"Storage Expansion\", \"Add 1 Node\", \"Hybrid\", \"Memory Upgrade\"]",
                "[25, 22, 17.26, 16.67]", "[10 months, 9.9 months, 19.1 months, 10 months]",
            ])
    }

    @Test func budgetsByYear() {
        let r = eval(
            """
            b = budget([milestone(2025-Q4, "Network", "a", $800), milestone(2026-Q1, "Storage", "b", $1200),
                        milestone(2026-Q3, "Memory", "c", $2400), milestone(2027-Q2, "Compute", "d", $2000),
                        milestone(2028-Q1, "Full", "e", $8000)])
            b.by_year.total
            b.total
            b.average_per_year
            """)
        #expect(r.shown == ["[$800, $3,600, $2,000, $8,000]", "$14,400", "$3,600"])
    }

    @Test func seriesArithmeticIsDimensionChecked() {
        let s = "s = series([1, 2, 3] GB, start: 2026-01-01, step: 1 day)\n"
        #expect(value(s + "last(s * 2 -> MB)") == "6000 MB")
        #expect(value(s + "last(s + 1 GB)") == "4 GB")
        #expect(value(s + "last(s / (3 GB))") == "1")
        #expect(eval(s + "s + 1 s").error == "cannot add Bytes and Time")
        #expect(value(s + "len(s)") == "3")
        #expect(value(s + "max(s)") == "3 GB")
        #expect(value(s + "s[1]") == "2 GB")
        #expect(eval(s + "s > 1 GB").error == "cannot compare a series item by item")
    }

    @Test func resampleAndWindow() {
        let s = "s = series([1, 3, 2, 6, 4, 4] GB, start: 2026-01-01, step: 12 h)\n"
        #expect(value(s + "resample(s, 1 day, \"max\").values") == "[3 GB, 6 GB, 4 GB]")
        #expect(value(s + "resample(s, 1 day).values") == "[2 GB, 4 GB, 4 GB]")
        #expect(value(s + "window(s, 2026-01-02).values") == "[2 GB, 6 GB, 4 GB, 4 GB]")
        #expect(value(s + "len(window(s, 2026-01-02, 2026-01-02))") == "1")
    }

    @Test func backtestScoresOnTheHoldout() {
        // Exact linear data: the linear method's errors are zero, and so are drift's (the
        // line through the first and last values); drift is listed first. auto sees drift
        // beat Theta (which halves the slope) on the past origins and chooses it (daily data
        // may cycle weekly, so auto compares methods from 16 values on: two weeks and two).
        let r = eval(
            """
            s = series([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160] GB, start: 2026-01-01, step: 1 day)
            b = backtest(s, "linear", holdout: 2 days)
            b.mae
            b.test
            all = backtest(s, holdout: 2 days)
            [all[0].method, all[1].method]
            all[1].mae
            project(s, 2 days, method: "auto").values
            """)
        #expect(r.error == nil)
        #expect(r.shown == ["0 GB", "2", "[\"drift\", \"holt\"]", "0 GB", "[170 GB, 180 GB]"])
    }
}

@Suite("Checking planning calls before running")
struct PlanningCheckTests {
    @Test func namedArgumentsAreMatchedToTheirParameters() {
        // grow with step: is a table; without, a quantity. Neither may be mistaken for the other.
        #expect(value("by = grow(10 cores, 20%/quarter, 1 year, step: 1 quarter)\nby[3].value") == "20.736 cores")
        #expect(value("x = grow(10 cores, 20%/quarter, 1 year)\nx + 1 core") == "21.736 cores")
        #expect(
            value("b = backtest(series([1, 2, 4, 8, 16], start: 2026-01-01, step: 1 day), holdout: 1 day)\nb[0].method")
                == "compound")
        #expect(eval("x = grow(10 cores, 20%/quarter, 1 year)\nx + 1 GB").error == "cannot add Cores and Bytes")
    }

    @Test func aRunwayOfUnknownShapeIsLeftToRunTime() {
        let csv = "t,used\n2026-01-01,1\n2026-01-02,2\n2026-01-03,3\n"
        #expect(
            eval("u = load(\"u.csv\", unit: GB)\nr = runway(u, 10 GB)\nr.runway", files: ["u.csv": csv]).error == nil)
    }
}

/// Inputs found by probing the edges: each once crashed, hung or printed `inf`.
@Suite("Planning edges")
struct PlanningEdgeTests {
    @Test(arguments: [
        ("exhausts(1 GB, 2 GB, 1e-300 GB/month)", "never"),
        ("runway(1 GB, 2 GB, 1e-300 GB/month)", "never"),
    ])
    func farFutureIsNever(_ source: String, _ expected: String) {
        #expect(value(source) == expected)
    }

    @Test(arguments: [
        ("grow(1, 100%/s, 1 year)", "the result of grow is too large"),
        (
            "project(series([1, 2, 3], start: 2026-01-01, step: 1 s), 1e300 years)",
            "that is 3.1557e307 forecast points; use a larger step"
        ),
        ("grow(1 GB, 1 GB/s, 1e300 years, step: 1 s)", "that is 3.1557e307 steps; use at most 10,000"),
        (
            "series([1, 2], start: 2026-01-01, step: 1e300 s)",
            "step must be a whole number of seconds, at least 1, and the series must end within 300,000 years"
        ),
        (
            "backtest(series([1, 2, 3, 4], start: 2026-01-01, step: 1 day), holdout: 1e300 s)",
            "the holdout must be a positive duration"
        ),
        ("\"abc\"[1e300]", "cannot index a string with a number"),
    ])
    func hugeInputsAreErrors(_ source: String, _ message: String) {
        #expect(eval(source).error == message)
    }
}
