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
                    P("step", .duration, default: "the data's median step"), P("alpha", .number, optional: true),
                    P("beta", .number, optional: true),
                ], .series(.q),
                summary: """
                    A forecast series from the last sample to `horizon` ahead, every `step` (default: the data's \
                    median step), with `lower` and `upper` 95% prediction bands. `method`: \"linear\" (default; \
                    OLS), \"compound\" (OLS of the logarithm: constant percentage growth), \"holt\" (Holt's linear \
                    trend; `alpha`, `beta` fitted unless given), or \"auto\" (the method with the lowest backtest \
                    error).
                    """,
                example: "project(series([100, 110, 120, 130] GB, start: 2026-01-01, step: 1 day), 3 days)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0), horizon = try c.duration(1)
                let choice = try ForecastMethod.parse(
                    try c.optionalString(2, default: "linear"), allowAuto: true, c, 2)
                let step = c.has(3) ? try c.duration(3) : Double(s.medianStep ?? 86_400)
                guard step >= 1 else { throw c.fail("step must be at least one second", 3) }
                guard horizon > 0 else { throw c.fail("the horizon must be in the future", 1) }
                let points = (horizon / step).rounded(.down)
                guard points >= 1 else { throw c.fail("the horizon is shorter than one step", 1) }
                guard points <= 100_000 else {
                    throw c.fail("that is \(NumberFormat.format(points)) forecast points; use a larger step", 3)
                }
                let count = Int(points)
                let method: ForecastMethod
                switch choice {
                case .method(let m): method = m
                case .auto:
                    let scores = backtests(s, holdout: autoHoldout(s), stop: c.stop)
                    try c.checkInterrupted()
                    guard let best = scores.first else {
                        throw c.fail(.notEnoughData, "too little data to choose a method by backtest", 0)
                    }
                    method = best.method
                }
                let alpha = c.has(4) ? try c.number(4) : nil, beta = c.has(5) ? try c.number(5) : nil
                for (i, v) in [(4, alpha), (5, beta)] where v.map({ !($0 > 0 && $0 < 1) }) ?? false {
                    throw c.fail("\(i == 4 ? "alpha" : "beta") must be between 0 and 1", i)
                }
                let offsets = (1...count).map { Double($0) * step }
                let forecast = try predict(s, method: method, at: offsets, alpha: alpha, beta: beta, c)
                try c.checkInterrupted()
                guard let forecast else {
                    throw c.fail(
                        .notEnoughData,
                        "\(method.rawValue) needs more data: at least three points\(method == .compound ? ", all above zero" : "")",
                        0)
                }
                let last = s.times[s.count - 1]
                // Too few points for a band: the forecast says so in its name and has none.
                let banded = forecast.allSatisfy { !$0.1.isNaN && !$0.2.isNaN }
                return .series(
                    Series(
                        times: offsets.map { last + Int64($0) }, values: forecast.map(\.0), unit: s.unit,
                        name: "\(method.rawValue) forecast" + (banded ? "" : " (no band: too few points)"),
                        lower: banded ? forecast.map(\.1) : nil, upper: banded ? forecast.map(\.2) : nil))
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

    /// Value, lower, upper (base units) at `offsets` seconds after the last sample.
    static func predict(
        _ s: Series, method: ForecastMethod, at offsets: [Double], alpha: Double? = nil, beta: Double? = nil,
        _ c: BuiltinCall?, stop: () -> Bool = { false }
    ) throws(Diagnostic) -> [(Double, Double, Double)]? {
        guard s.count >= 2, let last = s.times.last else { return nil }
        let x = s.times.map { Double($0 - last) }
        switch method {
        case .linear:
            guard let f = LinearFit(x: x, y: s.values) else { return nil }
            return offsets.map {
                let b = f.interval($0)
                return f.hasBand ? (f.predict($0), b.lower, b.upper) : (f.predict($0), .nan, .nan)
            }
        case .compound:
            guard s.values.allSatisfy({ $0 > 0 }), let f = LinearFit(x: x, y: s.values.map { Double.log($0) }) else {
                return nil
            }
            return offsets.map {
                let b = f.interval($0)
                guard f.hasBand else { return (Double.exp(f.predict($0)), .nan, .nan) }
                return (Double.exp(f.predict($0)), Double.exp(b.lower), Double.exp(b.upper))
            }
        case .holt:
            guard let step = s.medianStep, step > 0,
                let h = Holt(s.values, alpha: alpha, beta: beta, stop: { c?.stop() ?? stop() })
            else { return nil }
            if s.regularStep == nil, let c {
                throw c.fail("holt needs evenly spaced samples; resample the series first", 0)
            }
            return offsets.map {
                let k = $0 / Double(step); let b = h.interval(k); return (h.forecast(k), b.lower, b.upper)
            }
        }
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
        let trainLast = train.times[train.count - 1]
        let offsets = testIdx.map { Double(s.times[$0] - trainLast) }
        guard let p = try? predict(train, method: method, at: offsets, nil, stop: stop) else { return nil }
        var abs = 0.0, pct = 0.0, pctCount = 0
        for (k, i) in testIdx.enumerated() {
            let e = Swift.abs(s.values[i] - p[k].0)
            abs += e
            if s.values[i] != 0 { pct += e / Swift.abs(s.values[i]); pctCount += 1 }
        }
        return Score(
            method: method, mae: abs / Double(testIdx.count), mape: pctCount > 0 ? pct / Double(pctCount) : nil,
            train: trainIdx.count, test: testIdx.count)
    }

    /// Every method that can run, lowest mean absolute error first (ties keep the order
    /// linear, compound, holt: the simpler model wins).
    static func backtests(_ s: Series, holdout: Double, stop: () -> Bool) -> [Score] {
        ForecastMethod.allCases.compactMap { backtest(s, method: $0, holdout: holdout, stop: stop) }.enumerated()
            .sorted { ($0.element.mae, $0.offset) < ($1.element.mae, $1.offset) }.map(\.element)
    }

    /// The holdout `auto` uses: a fifth of the data's span, at least one step.
    static func autoHoldout(_ s: Series) -> Double { max(Double(s.medianStep ?? 1), s.span / 5) }
}

func record_(_ fields: [(String, Value)]) -> Value { record(fields) }
