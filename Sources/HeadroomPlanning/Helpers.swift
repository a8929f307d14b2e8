import HeadroomCore

typealias P = Parameter

/// The record shapes planning builtins return, for their signatures (what the checker knows).
enum Shapes {
    static let clusterTotals: [(name: String, type: ResultType)] = [
        ("nodes", .number), ("cores", .quantity(.of(Dimension(base: "Cores")))),
        ("memory", .quantity(.of(Dimension(base: "Bytes")))), ("raw", .quantity(.of(Dimension(base: "Bytes")))),
        ("usable", .quantity(.of(Dimension(base: "Bytes")))),
    ]
    static let policyFields = ["cpu", "cpu_peak", "memory", "memory_peak", "storage", "buffer"]
    static let milestoneFields: [(name: String, type: ResultType)] = [
        ("when", .date), ("component", .string), ("action", .string), ("cost", .quantity(.money)),
        ("priority", .string), ("rationale", .string),
    ]
    static let backtestFields: [(name: String, type: ResultType)] = [
        ("method", .string), ("mae", .quantity(.q)), ("mape", .number), ("train", .number), ("test", .number),
    ]
    static let scoreFields: [(name: String, type: ResultType)] = [
        ("rank", .number), ("name", .string), ("cost", .quantity(.money)), ("score", .number),
        ("relief", .duration), ("weeks", .number), ("disruption", .string),
    ]
    static let runwayComparisonFields: [(name: String, type: ResultType)] = [
        ("name", .string), ("cost", .quantity(.money)), ("binding", .string), ("runway", .duration),
        ("low", .duration), ("high", .duration), ("gained", .duration),
        ("cost_per_month", .quantity(DimensionPattern("Money", times: Dimension(base: "Time").raised(-1)))),
        ("cpu", .duration), ("memory", .duration), ("storage", .duration), ("cpu_peak", .duration),
        ("memory_peak", .duration),
    ]
}

extension BuiltinCall {
    /// The policy record given as argument `i`, else `policy()`'s defaults: one place for
    /// the builtins that plan against the policy (compare, report, alerts).
    func policy(_ i: Int) throws(Diagnostic) -> Record {
        if has(i) { return try record(i) }
        guard let p = interpreter.builtins["policy"],
            case .record(let r) = try interpreter.call(.function(p.function), [], span, span)
        else { throw fail("no policy", i) }
        return r
    }

    func series(_ i: Int) throws(Diagnostic) -> Series {
        guard case .series(let s) = value(i) else { throw typeError(i, "a series") }
        return s
    }

    func record(_ i: Int) throws(Diagnostic) -> Record {
        guard case .record(let r) = value(i) else { throw typeError(i, "a record") }
        return r
    }

    /// A percentage written with `%` (a plain `33` is refused: the runbook writes gains as
    /// plain numbers, and `33` would mean 3300%), at most `max` (a fraction) when given.
    func percentage(_ i: Int, max: Double? = nil, allowZero: Bool = true) throws(Diagnostic) -> Double {
        let q = try quantity(i)
        let name = builtinParamNames[i]
        guard q.unit == UnitProduct(.percent) else {
            let v = q.base
            let hint =
                !q.isPlainNumber
                ? []
                : v >= 1 || v <= -1 ? ["write \(NumberFormat.format(v))%"] : ["write \(NumberFormat.format(v * 100))%"]
            throw Diagnostic(
                .argumentType, "'\(name)' is a percentage, such as 33%", at: span(i),
                label: q.isPlainNumber ? "a plain number" : q.dimension.description, notes: hint)
        }
        if let max, q.base > max {
            throw fail(
                "'\(name)' must be at most \(NumberFormat.format(max * 100))%", i, label: DisplayRules.quantity(q))
        }
        guard q.base > 0 || (allowZero && q.base == 0) else {
            throw fail("'\(name)' must be \(allowZero ? "0% or more" : "above 0%")", i, label: DisplayRules.quantity(q))
        }
        return q.base
    }

    /// An amount of money: a quantity in a currency (`$1500`, `€900`), not a plain number.
    func money(_ i: Int) throws(Diagnostic) -> Quantity {
        let q = try quantity(i)
        guard q.unit.factors.count == 1, q.unit.factors[0].power == 1, q.unit.factors[0].atom.prefix != nil else {
            throw Diagnostic(
                .argumentType, "'\(builtinParamNames[i])' is an amount of money, such as $1500", at: span(i),
                label: q.isPlainNumber ? "a plain number" : q.dimension.description,
                notes: q.isPlainNumber
                    ? ["write $\(NumberFormat.format(q.base)) (or €\(NumberFormat.format(q.base)))"] : [])
        }
        return q
    }

    func optionalString(_ i: Int, default d: String) throws(Diagnostic) -> String {
        has(i) ? try string(i) : d
    }

    /// The unit for a rate of change of `unit` over a span of data: per month for months of
    /// data, per day for days, and so on (`GB/month`).
    func rateUnit(_ unit: UnitProduct, span seconds: Double) -> UnitProduct {
        UnitProduct(unit.factors + [(timeAtom(forSpan: seconds), -1)])
    }

    func timeAtom(forSpan seconds: Double) -> UnitAtom {
        let day = 86_400.0
        if seconds >= 60 * day { return atom("month") }
        if seconds >= 2 * day { return atom("day") }
        if seconds >= 7200 { return atom("hour") }
        if seconds >= 120 { return atom("minute") }
        return atom("second")
    }

    /// A time in the unit a planner reads runway in (months, unless the data is short).
    func time(_ seconds: Double, span: Double) -> Value {
        guard seconds < Runway.farFuture else { return .never(.duration) }
        return .quantity(Quantity(base: seconds, unit: UnitProduct(timeAtom(forSpan: max(span, seconds)))))
    }
}

func record(_ fields: [(String, Value)]) -> Value { .record(Record(fields.map { (name: $0.0, value: $0.1) })) }

func number(_ v: Double) -> Value { .number(v) }

/// x = seconds from the last sample, as PromQL measures it.
func fit(_ s: Series) -> LinearFit? {
    guard let last = s.times.last else { return nil }
    return LinearFit(x: s.times.map { Double($0 - last) }, y: s.values)
}

extension Series {
    var span: Double { count >= 2 ? Double(times[count - 1] - times[0]) : 0 }
}
