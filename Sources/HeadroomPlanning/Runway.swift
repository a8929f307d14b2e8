import HeadroomCore
import RealModule

/// runway, exhausts, grow.
enum Runway {
    static let time = Dimension(base: "Time")
    /// Beyond about three million years a date is "never" (and would not fit a timestamp).
    static let farFuture = 1e14
    /// A Gregorian year in seconds, and the furthest a runway is looked for.
    static let year = 365.2425 * 86_400
    static let longest = 1000 * year

    /// What `runway` of a series gives.
    static let runwayFields: [(name: String, type: ResultType)] = [
        ("runway", .duration), ("low", .duration), ("high", .duration), ("date", .date), ("from", .quantity(.q)),
        ("rate", .quantity(.qPerTime)), ("method", .string), ("p10", .duration), ("p50", .duration),
        ("p90", .duration),
    ]

    /// How a series is forecast for `runway` and `exhausts`.
    static let forecastParams = [
        P("method", .string, default: "\"linear\""), P("level", .number, default: "95%"),
        P("bands", .string, default: "\"calibrated\""),
    ]

    static func register(into r: BuiltinRegistry) {
        let rate = P("rate", .oneOf([.quantity(.qPerTime), .quantity(.perTime)]))
        let threshold = P("threshold", .number, default: "100%")
        r.register(
            Builtin(
                "runway",
                overloads: [
                    Overload([P("usage", .quantity(.q)), P("capacity", .quantity(.q)), rate, threshold], .duration),
                    Overload(
                        [P("usage", .series(.q)), P("capacity", .quantity(.q)), threshold] + forecastParams,
                        .record(runwayFields)),
                ],
                summary: """
                    Time until usage reaches `threshold` (default 100%) of `capacity`. With a rate per time it \
                    is (threshold·capacity − used) / rate; a percentage rate (`5%/month`) compounds. With a \
                    series it forecasts with `method` (default \"linear\": the line of `fit`, PromQL's \
                    predict_linear, from the fitted value at the last sample; any `project` method or \"auto\") \
                    and gives a record: `runway`; `low` and `high`, where the upper and lower edges of the \
                    forecast's band at `level` (default 95%; calibrated on the method's past errors unless \
                    `bands: \"analytic\"`) reach the threshold; `p10`, `p50`, `p90`, the 10th, 50th and 90th \
                    percentiles of the time to get there (the 80% band's edges and the mean); `date`, `from`, \
                    `rate` (the growth the runway assumes) and `method`. Flat or shrinking usage gives `never`, \
                    not an error.
                    """,
                example: "runway(116 GiB, 2 TB, 50 GB/month, threshold: 80%)"
            ) { c throws(Diagnostic) in
                try runway(c, asDate: false)
            })
        r.register(
            Builtin(
                "exhausts",
                overloads: [
                    Overload(
                        [
                            P("usage", .quantity(.q)), P("capacity", .quantity(.q)), rate, threshold,
                            P("from", .date, default: "today"),
                        ], .date),
                    Overload(
                        [P("usage", .series(.q)), P("capacity", .quantity(.q)), threshold] + forecastParams, .date),
                ],
                summary:
                    "The date `runway` points at: `from` (default today) plus the runway, or for a series the last sample's time plus it (forecast with `method`, as `runway`). `never` when usage does not grow.",
                example: "exhausts(116 GiB, 2 TB, 50 GB/month, threshold: 80%, from: 2026-11-29)"
            ) { c throws(Diagnostic) in
                try runway(c, asDate: true)
            })
        r.register(
            Builtin(
                "grow",
                overloads: [
                    Overload(
                        [
                            P("start", .quantity(.q)), P("rate", .oneOf([.quantity(.qPerTime), .quantity(.perTime)])),
                            P("over", .duration), P("simple", .bool, default: "false"),
                        ], .quantity(.q)),
                    Overload(
                        [
                            P("start", .quantity(.q)), P("rate", .oneOf([.quantity(.qPerTime), .quantity(.perTime)])),
                            P("over", .duration), P("simple", .bool, default: "false"), P("step", .duration),
                        ], .table([("after", .duration), ("value", .quantity(.q))])),
                ],
                summary: """
                    `start` after growing at `rate` for `over`. A rate in the start's unit per time is linear \
                    (`grow(100 GB, 50 GB/month, 1 year)`); a percentage per time compounds once per its period \
                    (`grow(10 model, 20%/quarter, 1 year)` is 10·1.2⁴); `simple: true` does not compound. With \
                    `step:`, a table of the value after each step, and at the end of `over` when it falls between steps.
                    """,
                example: "grow(10, 20%/quarter, 1 year)"
            ) { c throws(Diagnostic) in
                let start = try c.quantity(0), rate = try c.quantity(1), over = try c.duration(2)
                let simple: Bool
                switch c.value(3) {
                case .bool(let b): simple = b
                case .nothing: simple = false
                default: throw c.typeError(3, "true or false")
                }
                let value = try growth(c, start, rate, simple: simple)
                if c.has(4) {
                    let step = try c.duration(4)
                    guard step > 0 else { throw c.fail("step must be positive", 4) }
                    let steps = (over / step).rounded(.down)
                    guard steps <= 10_000 else {
                        throw c.fail("that is \(NumberFormat.format(steps)) steps; use at most 10,000", 4)
                    }
                    let stepUnit = (try? c.quantity(4))?.unit ?? .none
                    // Every whole step, then the end of `over` when it falls between steps
                    // (10 weeks by month: 1 month, 2 months, then 10 weeks).
                    var offsets = steps >= 1 ? (1...Int(steps)).map { Double($0) * step } : []
                    if over - (offsets.last ?? 0) > 1e-9 * over { offsets.append(over) }
                    return .list(
                        offsets.map { t in
                            record([
                                ("after", .quantity(Quantity(base: t, unit: stepUnit))),
                                ("value", .quantity(Quantity(base: value(t), unit: start.unit))),
                            ])
                        })
                }
                return .quantity(Quantity(base: value(over), unit: start.unit))
            })
    }

    /// The value after t seconds, as a function.
    /// A percentage per time (`5%/month`): growth that compounds.
    static func isPercentRate(_ q: Quantity) -> Bool {
        q.dimension == time.raised(-1) && q.unit.factors.contains { $0.atom == .percent }
    }

    static func growth(_ c: BuiltinCall, _ start: Quantity, _ rate: Quantity, simple: Bool) throws(Diagnostic) -> (
        Double
    ) -> Double {
        if rate.dimension == start.dimension / time, !isPercentRate(rate) {
            return { start.base + rate.base * $0 }
        }
        guard rate.dimension == time.raised(-1) else {
            throw Diagnostic(
                .argumentDimension, "the rate must be \(start.dimension) per time or a percentage per time",
                at: c.span(1),
                label: rate.dimension.description)
        }
        let period = compoundingPeriod(rate)
        let perPeriod = rate.base * period
        if simple { return { start.base * (1 + perPeriod * $0 / period) } }
        guard perPeriod > -1 else { throw c.fail("a rate of -100% or less per period leaves nothing to compound", 1) }
        return { start.base * Double.pow(1 + perPeriod, $0 / period) }
    }

    /// The period a percentage rate compounds over: the time unit it was written with
    /// (`20%/quarter` compounds quarterly); one second when it has none.
    static func compoundingPeriod(_ rate: Quantity) -> Double {
        let t = rate.unit.factors.filter { $0.power == -1 && $0.atom.dimension == time }
        return t.first?.atom.factor ?? 1
    }

    static func runway(_ c: BuiltinCall, asDate: Bool) throws(Diagnostic) -> Value {
        let threshold = c.has(3) ? try c.percentage(3, max: 1, allowZero: false) : 1
        let capacity = try c.quantity(1)
        if case .series(let s) = c.value(0) {
            if c.has(2) { throw c.fail("with a series the rate comes from the data; leave out 'rate'", 2) }
            guard s.dimension == capacity.dimension else {
                throw Diagnostic(
                    .mixedDimensions,
                    "the capacity (\(capacity.dimension)) and the usage series (\(s.dimension)) differ",
                    at: c.span(1), label: capacity.dimension.description)
            }
            return try fromSeries(c, s, target: capacity.base * threshold, asDate: asDate)
        }
        let used = try c.quantity(0)
        guard c.has(2) else { throw c.fail("a rate of growth is needed with a single value (or give a series)", nil) }
        let rate = try c.quantity(2)
        guard used.dimension == capacity.dimension else {
            throw Diagnostic(
                .mixedDimensions, "cannot compare usage (\(used.dimension)) with capacity (\(capacity.dimension))",
                at: c.span(0), label: used.dimension.description,
                more: [Label(c.span(1), capacity.dimension.description)])
        }
        let target = capacity.base * threshold
        let seconds: Double
        let unit: UnitProduct
        if rate.dimension == used.dimension / time, !isPercentRate(rate) {
            seconds = used.base >= target ? 0 : rate.base <= 0 ? .infinity : (target - used.base) / rate.base
            unit = UnitProduct(rate.unit.factors.filter { $0.atom.dimension == time }.map { ($0.atom, 1) })
        } else if rate.dimension == time.raised(-1) {
            let period = compoundingPeriod(rate), r = rate.base * period
            if used.base >= target {
                seconds = 0
            } else if r <= 0 || used.base <= 0 {
                seconds = .infinity
            } else {
                seconds = Double.log(target / used.base) / Double.log(1 + r) * period
            }
            unit = UnitProduct(rate.unit.factors.filter { $0.atom.dimension == time }.map { ($0.atom, 1) })
        } else {
            throw Diagnostic(
                .argumentDimension, "the rate must be \(used.dimension) per time or a percentage per time",
                at: c.span(2),
                label: rate.dimension.description)
        }
        let shown = unit.isEmpty || unit.dimension != time ? UnitProduct(c.atom("month")) : unit
        if asDate {
            let from = c.has(4) ? try c.date(4) : c.interpreter.host.now() / 86_400 * 86_400
            return seconds < Runway.farFuture ? .date(from + Int64(seconds.rounded())) : .never(.date)
        }
        return seconds < Runway.farFuture ? .quantity(Quantity(base: seconds, unit: shown)) : .never(.duration)
    }

    static func fromSeries(_ c: BuiltinCall, _ s: Series, target: Double, asDate: Bool) throws(Diagnostic) -> Value {
        let slot = { (name: String) in c.builtinParamNames.firstIndex(of: name) ?? 0 }
        let m = slot("method"), l = slot("level"), b = slot("bands")
        let choice = try ForecastMethod.parse(try c.optionalString(m, default: "linear"), allowAuto: true, c, m)
        let level = c.has(l) ? try c.percentage(l, max: 0.999, allowZero: false) : 0.95
        guard level >= 0.5 else { throw c.fail("'level' must be at least 50%", l) }
        let bands = c.has(b) ? try Forecasting.bands(c, b) : nil
        let model = RunwayModel.make(s, choice: choice, level: level, bands: bands, stop: c.stop)
        try c.checkInterrupted()
        guard let model else { throw Forecasting.tooLittle(c, s, choice, what: "runway") }
        if choice == .auto, let why = model.reason {
            c.interpreter.host.note("\(asDate ? "exhausts" : "runway"): auto chose \(model.method.rawValue): \(why)")
        }
        let r = model.runways(to: target)
        // A path still rising where the forecast ends has not run out; it is beyond reach.
        if r.runway.isInfinite, model.reach.isFinite, model.mean(model.reach) > model.mean(model.reach * 0.99) {
            let years = NumberFormat.format((model.reach / Runway.year).rounded())
            c.interpreter.host.note(
                "\(asDate ? "exhausts" : "runway"): the \(model.method.rawValue) forecast still rises but does not "
                    + "reach the threshold within its \(RunwayModel.maxSteps) steps (about \(years) years); never")
        }
        let last = s.times[s.count - 1]
        func date(_ x: Double) -> Value { x < Runway.farFuture ? .date(last + Int64(x.rounded())) : .never(.date) }
        if asDate { return date(r.runway) }
        let noBand = Value.missing(Missing(reason: "too few points for a prediction band"))
        func time(_ x: Double?) -> Value { x.map { c.time($0, span: s.span) } ?? noBand }
        // The growth the runway assumes: to the threshold, or over the forecast's reach.
        let over = r.runway.isFinite && r.runway > 0 ? r.runway : min(model.reach, Runway.year)
        let rate = model.method == .linear ? fit(s)?.slope ?? 0 : (model.mean(over) - model.from) / over
        return record([
            ("runway", c.time(r.runway, span: s.span)), ("low", time(r.low)), ("high", time(r.high)),
            ("date", date(r.runway)), ("from", .quantity(Quantity(base: model.from, unit: s.unit))),
            ("rate", .quantity(Quantity(base: rate, unit: c.rateUnit(s.unit, span: s.span)))),
            ("method", .string(model.method.rawValue)), ("p10", time(r.p10)), ("p50", c.time(r.runway, span: s.span)),
            ("p90", time(r.p90)),
        ])
    }

    /// The first x ≥ 0 (seconds, within `limit`, 1000 years unless given) where `reached` holds: a geometric scan,
    /// then bisection to a minute. Infinity when it never does.
    static func firstCrossing(limit: Double = Runway.longest, _ reached: (Double) -> Bool) -> Double {
        if reached(0) { return 0 }
        var previous = 0.0, x = min(3600.0, limit)
        while x <= limit {
            if reached(x) {
                var lo = previous, hi = x
                while hi - lo > 60 {
                    let mid = (lo + hi) / 2
                    if reached(mid) { hi = mid } else { lo = mid }
                }
                return hi
            }
            if x == limit { break }
            previous = x
            x = min(x * 1.05, limit)
        }
        return .infinity
    }
}
