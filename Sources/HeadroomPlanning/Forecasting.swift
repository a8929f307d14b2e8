import HeadroomCore
import RealModule

/// Forecasting: fit, predict_linear, project, backtest.
enum Forecasting {

    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "fit", [P("s", .series(.q))],
                .record([
                    ("slope", .quantity(.qPerTime)), ("intercept", .quantity(.q)), ("r2", .number),
                    ("residual_stddev", .quantity(.q)), ("n", .number),
                ]),
                summary: """
                    Ordinary least squares of value on time, the regression PromQL's `predict_linear` and `deriv` \
                    use (x in seconds from the last sample). A record: `slope` (per month, day, ... by the data's \
                    span), `intercept` (the fitted value at the last sample), `r2`, `residual_stddev`, `n`.
                    """,
                example: "fit(series([100, 110, 120, 131] GB, start: 2026-01-01, step: 1 day))"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                guard let f = fit(s) else {
                    throw c.fail(.notEnoughData, "fit needs at least two points at different times", 0)
                }
                return record([
                    ("slope", .quantity(Quantity(base: f.slope, unit: c.rateUnit(s.unit, span: s.span)))),
                    ("intercept", .quantity(Quantity(base: f.intercept, unit: s.unit))),
                    ("r2", number(f.r2)),
                    ("residual_stddev", .quantity(Quantity(base: f.residualStddev, unit: s.unit))),
                    ("n", number(Double(f.n))),
                ])
            })

        r.register(
            Builtin(
                "predict_linear", [P("s", .series(.q)), P("horizon", .duration)], .quantity(.q),
                summary:
                    "The value PromQL's `predict_linear(v[range], horizon)` gives at the last sample's time: intercept + slope × horizon.",
                example: "predict_linear(series([100, 110, 120] GB, start: 2026-01-01, step: 1 day), 30 days)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0), h = try c.duration(1)
                guard let f = fit(s) else {
                    throw c.fail(.notEnoughData, "predict_linear needs at least two points at different times", 0)
                }
                return .quantity(Quantity(base: f.predict(h), unit: s.unit))
            })

        r.register(
            Builtin(
                "project",
                [
                    P("s", .series(.q)), P("horizon", .duration), P("method", .string, default: "\"linear\""),
                    P("step", .duration, default: "the data's step"), P("alpha", .number, optional: true),
                    P("beta", .number, optional: true), P("level", .number, default: "95%"),
                    P("bands", .string, default: "\"analytic\", \"calibrated\" for auto"),
                ], .series(.q),
                summary: """
                    A forecast series from the last sample to `horizon` ahead, every `step` (default: the \
                    data's step; monthly, quarterly and yearly data stored as dates stays on the calendar), \
                    with `lower` and `upper` bands at `level` (default 95%). `method`: \"linear\" (default; \
                    the least-squares line, PromQL's predict_linear), \"compound\", \"naive\", \"snaive\", \
                    \"drift\", \"ses\", \"holt\" (`alpha`, `beta` estimated unless given), \"damped\", \"theta\", \
                    \"comb\", \"holt-winters\", or \"auto\" (chosen over past origins; see docs/forecasting.md). `bands: \"calibrated\"` \
                    widens a method's bands to cover its own past errors.
                    """,
                example: "project(series([100, 110, 120, 130] GB, start: 2026-01-01, step: 1 day), 3 days)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0), horizon = try c.duration(1)
                let choice = try ForecastMethod.parse(try c.optionalString(2, default: "linear"), allowAuto: true, c, 2)
                guard horizon > 0 else { throw c.fail("the horizon must be in the future", 1) }
                guard let (timeline, _, _) = Timeline.of(s) else {
                    throw c.fail(.notEnoughData, "project needs at least two points at different times", 0)
                }
                let total = timeline.steps(seconds: horizon, months: CivilDate.calendarMonths(try c.quantity(1)))
                // The output step, in data steps.
                var every = 1
                if c.has(3) {
                    let q = try c.quantity(3), seconds = try c.duration(3)
                    let steps: Double
                    switch timeline {
                    case .months(let k):
                        guard let m = CivilDate.calendarMonths(q) else {
                            throw c.fail(
                                "the values are \(timeline.description) apart: give step: in months, quarters or years",
                                3
                            )
                        }
                        steps = Double(m) / Double(k)
                    case .seconds(let d): steps = seconds / Double(d)
                    }
                    guard steps >= 1, steps == steps.rounded() else {
                        throw c.fail("step must be a whole number of the data's steps (\(timeline.description))", 3)
                    }
                    every = Int(steps)
                }
                guard total >= Double(every) else {
                    throw c.fail("the horizon is shorter than one step (\(timeline.description))", 1)
                }
                guard total / Double(every) <= 100_000 else {
                    let points = (total / Double(every)).rounded(.down)
                    throw c.fail("that is \(NumberFormat.format(points)) forecast points; use a larger step", 3)
                }
                let alpha = c.has(4) ? try c.number(4) : nil, beta = c.has(5) ? try c.number(5) : nil
                for (i, v) in [(4, alpha), (5, beta)] where v.map({ !($0 > 0 && $0 < 1) }) ?? false {
                    throw c.fail("\(i == 4 ? "alpha" : "beta") must be between 0 and 1", i)
                }
                let level = c.has(6) ? try c.percentage(6, max: 0.999, allowZero: false) : 0.95
                guard level >= 0.5 else { throw c.fail("'level' must be at least 50%", 6) }
                let bands = c.has(7) ? try Forecasting.bands(c, 7) : nil
                let f = SeriesForecast.make(
                    s, steps: Array(stride(from: every, through: Int(total), by: every)), choice: choice, level: level,
                    bands: bands, alpha: alpha, beta: beta, stop: c.stop)
                try c.checkInterrupted()
                guard let f else { throw tooLittle(c, s, choice, what: "project") }
                if choice == .auto, let why = f.reason {
                    c.interpreter.host.note("project: auto chose \(f.method.rawValue): \(why)")
                }
                let level100 = NumberFormat.format(level * 100)
                let name =
                    "\(f.method.rawValue) forecast"
                    + (f.lower == nil ? " (no band: too few points)" : level == 0.95 ? "" : " (\(level100)% band)")
                return .series(
                    Series(
                        times: f.times, values: f.mean, unit: s.unit, name: name, lower: f.lower, upper: f.upper,
                        bandLevel: level))
            })

        r.register(
            Builtin(
                "backtest",
                overloads: [
                    Overload(
                        [P("s", .series(.q)), P("method", .string), P("holdout", .duration, default: "30 days")],
                        .record(Shapes.backtestFields)),
                    Overload(
                        [P("s", .series(.q)), P("holdout", .duration, default: "30 days")],
                        .table(Shapes.backtestFields)),
                ],
                summary: """
                    Fits on all but the newest `holdout` (default 30 days) and scores the forecast of that \
                    part: `mae` (mean absolute error) and `mape` (mean absolute percentage error). With a \
                    method, a record; without, a table of every method, best first.
                    """,
                example:
                    "backtest(series([100, 110, 120, 131, 140] GB, start: 2026-01-01, step: 1 day), \"linear\", holdout: 2 days)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                let holdout = c.has(2) ? try c.duration(2) : 30 * 86_400
                guard holdout > 0, holdout < 1e13 else { throw c.fail("the holdout must be a positive duration", 2) }
                if c.has(1) {
                    guard case .method(let m) = try ForecastMethod.parse(try c.string(1), allowAuto: false, c, 1) else {
                        return .nothing
                    }
                    let b = backtest(s, method: m, holdout: holdout, stop: c.stop)
                    try c.checkInterrupted()
                    guard let b else {
                        throw c.fail(
                            .notEnoughData,
                            "too little data for a \(m.rawValue) backtest: it needs 3 points before the holdout and 1 in it",
                            0)
                    }
                    return b.record(s.unit)
                }
                let all = backtests(s, holdout: holdout, stop: c.stop)
                try c.checkInterrupted()
                guard !all.isEmpty else {
                    throw c.fail(
                        .notEnoughData, "too little data for a backtest: 3 points before the holdout and 1 in it", 0)
                }
                return .list(all.map { $0.record(s.unit) })
            })
    }

    /// The `bands:` argument `i`.
    static func bands(_ c: BuiltinCall, _ i: Int) throws(Diagnostic) -> Forecaster.Bands {
        switch try c.string(i) {
        case "analytic": return .analytic
        case "calibrated": return .calibrated
        default: throw c.fail("bands must be \"analytic\" or \"calibrated\"", i)
        }
    }

    /// Why a method could not forecast `s`.
    static func tooLittle(_ c: BuiltinCall, _ s: Series, _ choice: Forecaster.Method.Choice, what: String)
        -> Diagnostic
    {
        if s.count < 2 || Timeline.of(s) == nil {
            return c.fail(.notEnoughData, "\(what) needs at least two points at different times", 0)
        }
        if choice == .method(.compound), !s.values.allSatisfy({ $0 > 0 }) {
            return c.fail(.notEnoughData, "compound growth needs every value above zero", 0)
        }
        if choice == .method(.holtWinters) {
            guard let period = Timeline.of(s)?.timeline.period else {
                return c.fail(
                    .notEnoughData, "holt-winters needs data with a cycle: monthly, quarterly, daily or finer", 0)
            }
            return c.fail(.notEnoughData, "holt-winters needs two full cycles: at least \(2 * period) points", 0)
        }
        let least = if case .method(let m) = choice { m.minimumCount } else { 3 }
        return c.fail(.notEnoughData, "this method needs more data: at least \(least) points", 0)
    }

    struct Score {
        let method: ForecastMethod, mae: Double, mape: Double?, train: Int, test: Int
        func record(_ unit: UnitProduct) -> Value {
            record_([
                ("method", .string(method.rawValue)), ("mae", .quantity(Quantity(base: mae, unit: unit))),
                (
                    "mape",
                    mape.map { .quantity(Quantity(base: $0, unit: UnitProduct(.percent))) }
                        ?? .missing(
                            Missing(reason: "MAPE divides by the actual values, and every one in the holdout is 0"))
                ),
                ("train", number(Double(train))), ("test", number(Double(test))),
            ])
        }
    }

    /// Nil when there is too little data, or when `stop` says to give up.
    static func backtest(_ s: Series, method: ForecastMethod, holdout: Double, stop: () -> Bool) -> Score? {
        guard let last = s.times.last else { return nil }
        let cut = last - Int64(holdout)
        let trainIdx = s.times.indices.filter { s.times[$0] <= cut },
            testIdx = s.times.indices.filter { s.times[$0] > cut }
        guard trainIdx.count >= 3, !testIdx.isEmpty else { return nil }
        let train = Series(times: trainIdx.map { s.times[$0] }, values: trainIdx.map { s.values[$0] }, unit: s.unit)
        guard let (timeline, _, trainLast) = Timeline.of(train) else { return nil }
        // The steps of the training data's timeline that the held-out points fall on.
        var steps: [Int] = []
        var k = 1
        for i in testIdx {
            while timeline.time(after: trainLast, steps: k, first: s.times[0]) < s.times[i], k < 1_000_000 { k += 1 }
            steps.append(k)
        }
        guard let p = SeriesForecast.make(train, steps: steps, choice: .method(method), stop: stop) else { return nil }
        var abs = 0.0, pct = 0.0, pctCount = 0
        for (k, i) in testIdx.enumerated() {
            let e = Swift.abs(s.values[i] - p.mean[k])
            abs += e
            if s.values[i] != 0 { pct += e / Swift.abs(s.values[i]); pctCount += 1 }
        }
        return Score(
            method: method, mae: abs / Double(testIdx.count), mape: pctCount > 0 ? pct / Double(pctCount) : nil,
            train: trainIdx.count, test: testIdx.count)
    }

    /// Every method that can run, lowest mean absolute error first (ties keep the order
    /// methods are listed in: naive, drift, ses, holt, damped, theta, comb, linear, compound).
    static func backtests(_ s: Series, holdout: Double, stop: () -> Bool) -> [Score] {
        ForecastMethod.allCases.compactMap { backtest(s, method: $0, holdout: holdout, stop: stop) }.enumerated()
            .sorted { ($0.element.mae, $0.offset) < ($1.element.mae, $1.offset) }.map(\.element)
    }
}

func record_(_ fields: [(String, Value)]) -> Value { record(fields) }
