import HeadroomCore

/// `plot`: a series made to be drawn: its history, a forecast with its band, the capacity
/// and threshold lines, and the day the forecast reaches the threshold marked. In a notebook
/// it becomes an SVG chart; at the prompt it is the forecast series' summary.
enum Plot {
    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "plot",
                [
                    P("s", .series(.q)), P("horizon", .duration, optional: true),
                    P("capacity", .quantity(.q), optional: true), P("threshold", .number, default: "100%"),
                    P("method", .string, default: "\"linear\""), P("level", .number, default: "95%"),
                ], .series(.q),
                summary: """
                    A chart of `s`: with `horizon`, its forecast by `method` (as `project`) with the band at \
                    `level` drawn after the history; with `capacity`, the capacity line, the `threshold` line \
                    when below 100%, and the day the forecast reaches the threshold marked (as `runway`). The \
                    value is the forecast (or `s`), which a notebook draws as an SVG.
                    """,
                example:
                    "plot(series([100, 110, 125, 130, 142] GB, start: 2026-01-01, step: 1 day), 10 days, capacity: 250 GB, threshold: 80%)"
            ) { c throws(Diagnostic) in
                let s = try c.series(0)
                var shown = s
                func arg(_ label: String, _ i: Int) -> (label: String?, value: Value, span: Span)? {
                    c.has(i) ? (label, c.value(i), c.span(i)) : nil
                }
                if c.has(1) {
                    guard let project = c.interpreter.builtins["project"] else { return .nothing }
                    let args =
                        [(nil, c.value(0), c.span(0)), (nil, c.value(1), c.span(1))]
                        + [arg("method", 4), arg("level", 5)].compactMap { $0 }
                    guard
                        case .series(let f) = try c.interpreter.call(.function(project.function), args, c.span, c.span)
                    else { return .nothing }
                    shown = f
                }
                var drawing = Series.Drawing(
                    historyTimes: c.has(1) ? s.times : [], historyValues: c.has(1) ? s.values : [], lines: [], marks: []
                )
                if c.has(2) {
                    let capacity = try c.quantity(2)
                    guard capacity.dimension == s.dimension else {
                        throw Diagnostic(
                            .mixedDimensions,
                            "the capacity (\(capacity.dimension)) and the series (\(s.dimension)) differ",
                            at: c.span(2), label: capacity.dimension.description)
                    }
                    let threshold = c.has(3) ? try c.percentage(3, max: 1, allowZero: false) : 1
                    let capText = DisplayRules.quantity(capacity, .standard)
                    drawing.lines.append(.init(label: "capacity \(capText)", value: capacity.base))
                    if threshold < 1 {
                        let pct = NumberFormat.format(threshold * 100)
                        drawing.lines.append(.init(label: "\(pct)% of capacity", value: capacity.base * threshold))
                    }
                    if c.has(1), let runway = c.interpreter.builtins["runway"],
                        case .record(let r) = try c.interpreter.call(
                            .function(runway.function),
                            [(nil, c.value(0), c.span(0)), (nil, c.value(2), c.span(2))]
                                + [arg("threshold", 3), arg("method", 4), arg("level", 5)].compactMap { $0 }, c.span,
                            c.span),
                        case .date(let day)? = r["date"], let end = shown.times.last, day <= end
                    {
                        drawing.marks.append(.init(label: "reached \(DisplayRules.date(day))", time: day))
                    }
                }
                shown.drawing = drawing
                shown.name = s.name
                return .series(shown)
            })
    }
}
