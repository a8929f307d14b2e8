/// Arithmetic on series: item by item, with a series of the same timestamps or a single
/// quantity, dimension-checked once. Forecast bands survive the operations that keep their
/// order (adding a constant, scaling by a positive one).
extension Interpreter {
    func seriesBinary(_ op: BinaryOp, _ a: Value, _ b: Value, _ ls: Span, _ rs: Span, _ whole: Span) throws(Diagnostic)
        -> Value?
    {
        let left: Series?, right: Series?
        switch (a, b) {
        case (.series(let x), .series(let y)): left = x; right = y
        case (.series(let x), .quantity): left = x; right = nil
        case (.quantity, .series(let y)): left = nil; right = y
        default: return nil
        }
        guard !op.isComparison else {
            throw error(
                .operatorType, "cannot compare a series item by item", ls,
                notes: ["compare a value from it instead, e.g. last(s) > 1 TB or max(s) > 1 TB"])
        }
        if let x = left, let y = right, x.times != y.times {
            throw error(
                .lengthMismatch, "these series have different timestamps", ls, label: "\(x.count) points",
                more: [Label(rs, "\(y.count) points")], notes: ["resample both to one step first"])
        }
        guard let base = left ?? right else { preconditionFailure("series arithmetic without a series") }
        guard base.count > 0 else { return .series(base) }
        // The first pair decides the unit and checks the dimensions.
        func pair(_ i: Int) -> (Quantity, Quantity) {
            let x: Quantity, y: Quantity
            if let left { x = left.quantity(i) } else if case .quantity(let q) = a { x = q } else { x = .number(0) }
            if let right { y = right.quantity(i) } else if case .quantity(let q) = b { y = q } else { y = .number(0) }
            return (x, y)
        }
        let (x0, y0) = pair(0)
        guard case .quantity(let probe) = try quantities(op, x0, y0, ls, rs, whole) else { return nil }
        var out = [Double](repeating: 0, count: base.count)
        for i in 0..<base.count {
            let x = left?.values[i] ?? x0.base, y = right?.values[i] ?? y0.base
            let v: Double
            switch op {
            case .add: v = x + y
            case .sub: v = x - y
            case .mul: v = x * y
            case .div:
                if y == 0 {
                    throw error(
                        .divisionByZero, "division by zero", rs, label: "zero at \(ValueFormatter.date(base.times[i]))")
                }
                v = x / y
            default:
                guard
                    case .quantity(let q) = try quantities(
                        op, Quantity(base: x, unit: x0.unit),
                        Quantity(base: y, unit: y0.unit), ls, rs, whole)
                else { return nil }
                v = q.base
            }
            if !v.isFinite { throw error(.outOfRange, "the result is too large", whole) }
            out[i] = v
        }
        var result = base.with(values: out, unit: probe.unit)
        result.name = nil  // a computed series is no longer the metric it came from
        // Bands: a series and a constant, where the operation keeps the order.
        if let left, right == nil, let lo = left.lower, let hi = left.upper {
            let c = y0.base
            let f: ((Double) -> Double)? =
                switch op {
                case .add: { $0 + c }
                case .sub: { $0 - c }
                case .mul where c > 0: { $0 * c }
                case .div where c > 0: { $0 / c }
                default: nil
                }
            if let f { result.lower = lo.map(f); result.upper = hi.map(f) }
        }
        // A fetched series scaled by a constant is still that query, scaled (alert rules).
        if let origin = (left ?? right)?.origin, left == nil || right == nil {
            let c = left == nil ? x0.base : y0.base
            switch op {
            case .mul where c > 0:
                result.origin = Series.Origin(
                    query: origin.query, range: origin.range, step: origin.step, scale: origin.scale * c)
            case .div where c > 0 && right == nil:
                result.origin = Series.Origin(
                    query: origin.query, range: origin.range, step: origin.step, scale: origin.scale / c)
            default: break
            }
        }
        return .series(result)
    }

    func seriesField(_ s: Series, _ name: String, _ fs: Span) throws(Diagnostic) -> Value {
        switch name {
        case "lower", "upper":
            guard let band = name == "lower" ? s.lower : s.upper else {
                throw error(
                    .unknownField, "this series has no '\(name)' band", fs,
                    notes: ["forecasts from project() have bands"])
            }
            return .series(Series(times: s.times, values: band, unit: s.unit, name: s.name.map { "\($0) \(name)" }))
        case "values": return .list((0..<s.count).map { .quantity(s.quantity($0)) })
        case "times": return .list(s.times.map { .date($0) })
        default:
            throw error(
                .unknownField, "a series has no field '\(name)'", fs,
                notes: Suggest.notes(for: name, among: Interpreter.seriesFields) + [
                    "its fields: \(Interpreter.seriesFields.joined(separator: ", "))"
                ])
        }
    }

    static let seriesFields = ["values", "times", "lower", "upper"]
}
