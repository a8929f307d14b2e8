import HeadroomCore

/// Building and reshaping series: series, load, window, resample, rate, percentile,
/// first, last, points.
enum SeriesBuiltins {
    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "series", [P("values", .list(.quantity(.q))), P("start", .date), P("step", .duration)], .series(.q),
                summary:
                    "A series from a list of quantities (one dimension), the first at `start`, then one every `step` (a step in months, quarters or years keeps the day of the month).",
                example: "series([100, 110, 125] GB, start: 2026-01-01, step: 1 day)"
            ) { c throws(Diagnostic) in
                let items = try c.list(0), start = try c.date(1), step = try c.duration(2)
                guard step >= 1, step == step.rounded(), step * Double(max(1, items.count)) < 1e13 else {
                    throw c.fail(
                        "step must be a whole number of seconds, at least 1, and the series must end within 300,000 years",
                        2)
                }
                var values: [Double] = [], unit = UnitProduct.none
                for (i, v) in items.enumerated() {
                    guard case .quantity(let q) = v else {
                        throw c.fail("item \(i) of the list is \(v.typeName), not a quantity", 0)
                    }
                    if i == 0 {
                        unit = q.unit
                    } else if q.dimension != unit.dimension {
                        throw Diagnostic(
                            .mixedDimensions,
                            "series values must share one dimension: item \(i) is \(q.dimension), item 0 is \(unit.dimension)",
                            at: c.span(0))
                    }
                    values.append(q.base)
                }
                // A step in months, quarters or years is calendar arithmetic: the same day of
                // each month (clamped to the month's end), as monthly data is stored.
                let months = CivilDate.calendarMonths(try c.quantity(2))
                let times = (0..<values.count).map { i in
                    months.map { CivilDate.addMonths(start, $0 * i) } ?? start + Int64(i) * Int64(step)
                }
                return .series(Series(times: times, values: values, unit: unit))
            })

        r.register(
            Builtin(
                "load",
                overloads: [
                    Overload(
                        [P("path", .string), P("unit", .quantity(.q), absent: .number), P("column", .string)],
                        .series(.q)),
                    Overload([P("path", .string), P("unit", .quantity(.q), absent: .number)], .columns(.q)),
                ],
                summary: """
                    Reads a CSV file (relative to the plan) into a series. The first column is the timestamp \
                    (RFC 3339, YYYY-MM-DD, or unix seconds); the others are numbers. With one value column, or \
                    `column:` naming one, the result is a series; with several, a record of series by column \
                    name. `unit:` gives the values a unit (`unit: GiB`). A first row whose time parses is data, not \
                    a header: the columns are then `value` (or `value1`, `value2`, ...). Cells may be quoted as \
                    RFC 4180 writes them (commas, quotes and line breaks inside); blanks around cells, CRLF line \
                    ends and a byte order mark (a spreadsheet's "CSV UTF-8") are fine.
                    """,
                example: "load(\"usage.csv\", unit: GiB)",
                exampleFiles: [
                    "usage.csv":
                        "time,used\n2026-01-01T00:00:00Z,100\n2026-01-02T00:00:00Z,104\n2026-01-03T00:00:00Z,109\n"
                ]
            ) { c throws(Diagnostic) in
                try loadCSV(c)
            })

        r.register(
            Builtin(
                "window", [P("s", .series(.q)), P("from", .date), P("to", .date, default: "the end")], .argument("s"),
                summary: "The part of a series from `from` to `to` (dates, both included; `to` defaults to the end).",
                example: "window(series([1, 2, 3, 4], start: 2026-01-01, step: 1 day), 2026-01-02, 2026-01-03)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0), from = try c.date(1), to = c.has(2) ? try c.date(2) : Int64.max
                let keep = s.times.indices.filter { s.times[$0] >= from && s.times[$0] <= to }
                return .series(
                    Series(
                        times: keep.map { s.times[$0] }, values: keep.map { s.values[$0] }, unit: s.unit,
                        name: s.name, lower: s.lower.map { b in keep.map { b[$0] } },
                        upper: s.upper.map { b in keep.map { b[$0] } }))
            })

        r.register(
            Builtin(
                "resample", [P("s", .series(.q)), P("step", .duration), P("how", .string, default: "\"mean\"")],
                .series(.q),
                summary: """
                    Buckets of `step`, each the \"mean\" (default), \"max\", \"min\", \"sum\" or \"last\" of \
                    its points, at the bucket's start. Buckets are in UTC: calendar months, quarters and years \
                    for a step in those units (`1 month` starts on the 1st), weeks starting on Monday for whole \
                    weeks, and otherwise multiples of the step from the Unix epoch (days at 00:00, hours on the hour).
                    """,
                example: "resample(series([1, 3, 2, 6] GB, start: 2026-01-01, step: 12 h), 1 day, \"max\")"
            ) { c throws(Diagnostic) in
                let s = try c.series(0), step = try c.duration(1), how = try c.optionalString(2, default: "mean")
                guard step >= 1, step == step.rounded(), step < 1e13 else {
                    throw c.fail("step must be a whole number of seconds, at least 1", 1)
                }
                guard ["mean", "max", "min", "sum", "last"].contains(how) else {
                    throw c.fail("resample can take the mean, max, min, sum or last of a bucket, not \"\(how)\"", 2)
                }
                let st = Int64(step), months = CivilDate.calendarMonths(try c.quantity(1))
                let out = Buckets.aggregate(s, seconds: st, months: months) { bucket in
                    switch how {
                    case "max": return bucket.max() ?? 0
                    case "min": return bucket.min() ?? 0
                    case "sum": return bucket.reduce(0, +)
                    case "last": return bucket.last ?? 0
                    default: return bucket.reduce(0, +) / Double(bucket.count)
                    }
                }
                return .series(out)
            })

        r.register(
            Builtin(
                "rate", [P("s", .series(.q))], .quantity(.qPerTime),
                summary: """
                    The least-squares slope of a series, like PromQL `deriv`: change per unit of time, shown per \
                    month for months of data, per day for days, and so on.
                    """,
                example: "rate(series([100, 110, 120] GB, start: 2026-01-01, step: 1 day))"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                guard let f = fit(s) else {
                    throw c.fail(.notEnoughData, "rate needs at least two points at different times", 0)
                }
                return .quantity(Quantity(base: f.slope, unit: c.rateUnit(s.unit, span: s.span)))
            })

        r.register(
            Builtin(
                "percentile", [P("xs", .oneOf([.series(.q), .list(.quantity(.q))])), P("p", .number)], .quantity(.q),
                summary:
                    "The p-th percentile (p from 0% to 100%) of a series or list, interpolating linearly between ranks (numpy's default).",
                example: "percentile([1, 2, 3, 4, 5] GB, 95%)"
            ) { c throws(Diagnostic) in
                let p = try c.number(1)
                guard p >= 0, p <= 1 else { throw c.fail("p must be from 0% to 100%", 1) }
                let qs = try quantitiesOf(c, 0)
                guard let first = qs.first else { throw c.fail("the percentile of nothing is undefined", 0) }
                return .quantity(Quantity(base: Peaks.percentile(qs.map(\.base).sorted(), p), unit: first.unit))
            })

        for (name, pickLast) in [("first", false), ("last", true)] {
            r.register(
                Builtin(
                    name, [P("xs", .oneOf([.series(.q), .list(.any)]))], .item("xs"),
                    summary: "The \(name) value of a series or item of a list.",
                    example: "\(name)(series([1, 2, 3] GB, start: 2026-01-01, step: 1 day))"
                ) { c throws(Diagnostic) in
                    switch c.value(0) {
                    case .series(let s):
                        guard s.count > 0 else { throw c.fail("the series is empty", 0) }
                        return .quantity(s.quantity(pickLast ? s.count - 1 : 0))
                    case .list(let xs):
                        guard let v = pickLast ? xs.last : xs.first else { throw c.fail("the list is empty", 0) }
                        return v
                    default: throw c.typeError(0, "a series or list")
                    }
                })
        }

        r.register(
            Builtin(
                "points", [P("s", .series(.q))],
                .table([("time", .date), ("value", .quantity(.q)), ("lower", .quantity(.q)), ("upper", .quantity(.q))]),
                summary: "A series as a table of `time` and `value` (and `lower`, `upper` for a forecast).",
                example: "points(series([1, 2] GB, start: 2026-01-01, step: 1 day))"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                return .list(
                    s.times.indices.map { i in
                        var fields: [(String, Value)] = [
                            ("time", .date(s.times[i])), ("value", .quantity(s.quantity(i))),
                        ]
                        if let lo = s.lower, let hi = s.upper {
                            fields += [
                                ("lower", .quantity(Quantity(base: lo[i], unit: s.unit))),
                                ("upper", .quantity(Quantity(base: hi[i], unit: s.unit))),
                            ]
                        }
                        return record(fields)
                    })
            })
    }

    /// Quantities from a series or a list argument.
    static func quantitiesOf(_ c: BuiltinCall, _ i: Int) throws(Diagnostic) -> [Quantity] {
        switch c.value(i) {
        case .series(let s): return (0..<s.count).map { s.quantity($0) }
        case .list(let xs):
            var out: [Quantity] = []
            for x in xs {
                guard case .quantity(let q) = x else { throw c.typeError(i, "a list of quantities") }
                if let f = out.first, f.dimension != q.dimension {
                    throw c.fail("the list mixes \(f.dimension) and \(q.dimension)", i)
                }
                out.append(q)
            }
            return out
        default: throw c.typeError(i, "a series or list")
        }
    }
}
