import RealModule

/// Arithmetic, comparison and conversion on values, with dimension checks.
extension Interpreter {
    func unary(_ op: UnaryOp, _ v: Value, _ s: Span, _ whole: Span) throws(Diagnostic) -> Value {
        switch (op, v) {
        case (.negate, .quantity(var q)): q.base = -q.base; return .quantity(q)
        case (.negate, .series(let s)):
            return .series(
                s.with(
                    values: s.values.map { -$0 }, unit: s.unit, lower: s.upper?.map { -$0 }, upper: s.lower?.map { -$0 }
                ))
        case (.plus, .series): return v
        case (.plus, .quantity): return v
        case (.not, .bool(let b)): return .bool(!b)
        case (_, .list(let xs)) where op != .not:
            var out: [Value] = []
            for x in xs { out.append(try unary(op, x, s, whole)) }
            return .list(out)
        default:
            throw
                (OperatorRules.unary(op, Interpreter.operand(v))
                ?? OperatorError(
                    code: .operatorType, message: "cannot negate \(v.typeName)", left: v.typeName, right: nil))
                .diagnostic(s, s)
        }
    }

    func binary(_ op: BinaryOp, _ a: Value, _ b: Value, _ ls: Span, _ rs: Span, _ whole: Span) throws(Diagnostic)
        -> Value
    {
        if let v = Interpreter.quickBinary(op, a, b) { return v }
        if case .quantity(let x) = a, case .quantity(let y) = b { return try quantities(op, x, y, ls, rs, whole) }
        if let s = try seriesBinary(op, a, b, ls, rs, whole) { return s }
        switch (a, b) {
        case (.list(let xs), .list(let ys)) where !op.isComparison:
            guard xs.count == ys.count else {
                throw error(
                    .lengthMismatch, "cannot \(OperatorRules.verb(op)) lists of different lengths", ls,
                    label: Interpreter.count(xs.count, "item"), more: [Label(rs, Interpreter.count(ys.count, "item"))])
            }
            var out: [Value] = []
            for (x, y) in zip(xs, ys) { out.append(try binary(op, x, y, ls, rs, whole)) }
            return .list(out)
        case (.list(let xs), _) where !op.isComparison:
            var out: [Value] = []
            for x in xs { out.append(try binary(op, x, b, ls, rs, whole)) }
            return .list(out)
        case (_, .list(let ys)) where !op.isComparison:
            var out: [Value] = []
            for y in ys { out.append(try binary(op, a, y, ls, rs, whole)) }
            return .list(out)
        default: break
        }
        // A missing value has no arithmetic (it can be compared for equality).
        for (v, s) in [(a, ls), (b, rs)] {
            guard case .missing(let m) = v else { continue }
            if op == .eq || op == .ne { return .bool((structurallyEqual(a, b) ?? false) == (op == .eq)) }
            throw error(.noValue, "this value is missing: \(m.reason)", s, label: m.label)
        }
        // The table decides whether the operator takes these operands; this computes.
        if case .failure(let e) = OperatorRules.result(op, Interpreter.operand(a), Interpreter.operand(b)) {
            throw e.diagnostic(ls, rs)
        }
        if let v = try unending(op, a, b, ls, rs) { return v }
        switch (a, b) {
        case (.date(let d), .quantity(let q)):
            if let months = CivilDate.calendarMonths(q) {
                return .date(CivilDate.addMonths(d, op == .add ? months : -months))
            }
            let moved = Double(d) + (op == .add ? q.base : -q.base)
            guard abs(moved) < 1e14 else { throw error(.outOfRange, "date out of range", whole) }
            return .date(Int64(moved.rounded()))
        case (.quantity, .date):
            return try binary(.add, b, a, rs, ls, whole)
        case (.date(let x), .date(let y)) where op == .sub:
            let days = UnitProduct(UnitAtom.builtin("days"))
            return .quantity(Quantity(base: Double(x - y), unit: days))
        case (.date(let x), .date(let y)) where op != .eq && op != .ne:
            return .bool(Interpreter.compare(op, Double(x), Double(y), x == y))
        case (.string(let x), .string(let y)):
            if op == .add { return .string(x + y) }
            return .bool(Interpreter.compare(op, 0, 0, x == y, strings: (x, y)))
        default:
            // What is left is == and != (the table refuses everything else).
            return .bool((structurallyEqual(a, b) ?? false) == (op == .eq))
        }
    }

    /// `never` in arithmetic (after the table accepted the kinds): it is after every date and
    /// longer than every duration, and stays `never` where that has a meaning (`never + 1
    /// month`, `today() + never`, `never * 2`). Nil when neither operand is `never`.
    func unending(_ op: BinaryOp, _ a: Value, _ b: Value, _ ls: Span, _ rs: Span) throws(Diagnostic) -> Value? {
        let aNever = if case .never = a { true } else { false }
        let bNever = if case .never = b { true } else { false }
        guard aNever || bNever else { return nil }
        func noFinite(_ s: Span) -> Diagnostic {
            error(
                .noValue, "cannot \(OperatorRules.verb(op)) never: it has no finite value", s, label: "never",
                notes: ["never is longer than any duration: test it first (if r > 100 years then ... else ...)"])
        }
        if op.isComparison {
            if aNever && bNever { return .bool(op == .eq || op == .le || op == .ge) }
            // never is greater than anything finite.
            switch op {
            case .eq: return .bool(false)
            case .ne: return .bool(true)
            case .lt, .le: return .bool(bNever)
            default: return .bool(aNever)
            }
        }
        let isDate: (Value) -> Bool = {
            switch $0 {
            case .date, .never(.date): return true
            default: return false
            }
        }
        switch op {
        case .add:
            return .never(isDate(a) || isDate(b) ? .date : .duration)
        case .sub where aNever && !bNever:
            // never - a duration is never (of the same kind); a never date minus a date is a never duration.
            return .never(isDate(a) && !isDate(b) ? .date : .duration)
        case .mul where !(aNever && bNever):
            guard case .quantity(let q) = aNever ? b : a, q.base > 0 else { throw noFinite(aNever ? rs : ls) }
            return .never(.duration)
        case .div where aNever && !bNever:
            guard case .quantity(let q) = b, q.base > 0, q.isPlainNumber else { throw noFinite(ls) }
            return .never(.duration)
        case .div where bNever && !aNever:
            // A finite duration is no part of one that never ends.
            return .quantity(.number(0))
        default:
            throw noFinite(aNever ? ls : rs)
        }
    }

    /// A value as the operator table sees it.
    static func operand(_ v: Value) -> OperandKind {
        switch v {
        case .quantity(let q): return .quantity(q.dimension)
        case .never(.duration): return .quantity(Dimension(base: "Time"))
        case .date, .never(.date): return .date
        case .string: return .string
        case .bool: return .bool
        default: return .other(v.typeName)
        }
    }

    func structurallyEqual(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) { guard structurallyEqual(p, q) == true else { return false } }
            return true
        case (.record(let x), .record(let y)):
            guard x.names == y.names else { return false }
            for (p, q) in zip(x.fields, y.fields) {
                guard structurallyEqual(p.value, q.value) == true else { return false }
            }
            return true
        case (.quantity(let x), .quantity(let y)): return x.dimension == y.dimension && x.base == y.base
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.never(let x), .never(let y)): return x == y
        case (.missing, .missing): return true
        case (.nothing, .nothing): return true
        default: return false
        }
    }

    /// Two plain numbers, or quantities in one-atom units, the common cases in user functions:
    /// the same result `quantities` gives, without its dimension and unit bookkeeping (and,
    /// called by a compiled node, without a call to `binary`). Nil where `quantities` has
    /// more to say (other operands, a power, a division by zero, a result that is not
    /// finite: its errors).
    @inline(__always)
    static func quickBinary(_ op: BinaryOp, _ a: Value, _ b: Value) -> Value? {
        guard case .quantity(let x) = a, case .quantity(let y) = b else { return nil }
        if x.unit.isEmpty, y.unit.isEmpty { return plain(op, x.base, y.base) }
        return oneAtomQuantities(op, x, y)
    }

    /// Two plain numbers; nil where `binary` has more to say (division by zero, `^`, a result
    /// that is not finite).
    @inline(__always)
    static func plain(_ op: BinaryOp, _ x: Double, _ y: Double) -> Value? {
        if op.isComparison { return .bool(plainComparison(op, x, y)) }
        return plainArithmetic(op, x, y).map(Value.number)
    }

    /// `+ - * /` on two plain numbers; nil where `binary` has more to say (division by zero,
    /// `^`, a result that is not finite, an operator that is not arithmetic).
    @inline(__always)
    static func plainArithmetic(_ op: BinaryOp, _ x: Double, _ y: Double) -> Double? {
        let r: Double
        switch op {
        case .add: r = x + y
        case .sub: r = x - y
        case .mul: r = x * y
        case .div: if y == 0 { return nil } else { r = x / y }
        default: return nil
        }
        return r.isFinite ? r : nil
    }

    /// A comparison of two plain numbers (`==` to 1e-12 relative).
    @inline(__always)
    static func plainComparison(_ op: BinaryOp, _ x: Double, _ y: Double) -> Bool {
        compare(op, x, y, nearlyEqual(x, y))
    }

    @inline(__always)
    private static func compare(
        _ op: BinaryOp, _ x: Double, _ y: Double, _ equal: @autoclosure () -> Bool,
        strings: (String, String)? = nil
    ) -> Bool {
        if let (s, t) = strings {
            switch op {
            case .eq: return s == t
            case .ne: return s != t
            case .lt: return s < t
            case .le: return s <= t
            case .gt: return s > t
            default: return s >= t
            }
        }
        switch op {
        case .eq: return equal()
        case .ne: return !equal()
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        default: return x >= y
        }
    }

    /// Two quantities are equal when they agree to 1e-12 relative (so `1 TB == 1000 GB`).
    static func nearlyEqual(_ x: Double, _ y: Double) -> Bool {
        x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    }

    /// Quantities in one-atom units (`GB`, `TB`, `core`) or a plain number times or over one,
    /// the common case in user functions: what the rest of `quantities` gives, without the
    /// table (which allows these) or the unit algebra (which changes nothing here). Nil for
    /// anything else, or a result that is not finite (its errors are `quantities`').
    @inline(__always)
    static func oneAtomQuantities(_ op: BinaryOp, _ x: Quantity, _ y: Quantity) -> Value? {
        let r: Quantity
        switch op {
        case .mul where x.unit.isEmpty && y.unit.singleDimensionalAtom:
            r = Quantity(base: x.base * y.base, unit: y.unit)  // `3 * GB` is in GB, as simplified() says
        case .mul where y.unit.isEmpty && x.unit.singleDimensionalAtom:
            r = Quantity(base: x.base * y.base, unit: x.unit)
        case .div where y.unit.isEmpty && x.unit.singleDimensionalAtom && y.base != 0:
            r = Quantity(base: x.base / y.base, unit: x.unit)
        case .add, .sub, .eq, .ne, .lt, .le, .gt, .ge:
            guard x.unit.singleDimensionalAtom, y.unit.singleDimensionalAtom, x.unit.sameDimension(as: y.unit)
            else { return nil }
            if op.isComparison { return .bool(compare(op, x.base, y.base, nearlyEqual(x.base, y.base))) }
            r = Quantity(base: op == .add ? x.base + y.base : x.base - y.base, unit: x.unit)
        default: return nil
        }
        return r.base.isFinite ? .quantity(r) : nil
    }

    func quantities(_ op: BinaryOp, _ x: Quantity, _ y: Quantity, _ ls: Span, _ rs: Span, _ whole: Span)
        throws(Diagnostic) -> Value
    {
        if let v = Interpreter.oneAtomQuantities(op, x, y) { return v }
        // Dimension rules come from the table.
        if x.dimension != y.dimension || op == .pow,
            case .failure(let e) = OperatorRules.result(op, .quantity(x.dimension), .quantity(y.dimension))
        {
            throw e.diagnostic(ls, rs)
        }
        var result: Quantity
        switch op {
        case .add, .sub:
            // The left operand's unit is kept; a plain number plus a percentage stays plain.
            let unit = x.unit.isEmpty && !y.unit.isEmpty && y.unit != UnitProduct(.percent) ? y.unit : x.unit
            result = Quantity(base: op == .add ? x.base + y.base : x.base - y.base, unit: unit)
        case .mul:
            result = Quantity(base: x.base * y.base, unit: x.unit.multiplied(by: y.unit).simplified())
            // A percentage of a plain number is a plain number: 70% * 100 is 70, not 7000%.
            if result.unit == UnitProduct(.percent), x.unit.isEmpty || y.unit.isEmpty { result.unit = .none }
        case .div:
            if y.base == 0 {
                throw error(.divisionByZero, "division by zero", rs, label: "this is zero")
            }
            result = Quantity(base: x.base / y.base, unit: x.unit.multiplied(by: y.unit, power: -1).simplified())
        case .pow:
            if x.isPlainNumber {
                if x.base < 0, y.base != y.base.rounded() {
                    throw error(.outOfRange, "a negative number to a fractional power is not a real number", whole)
                }
                result = .number(Double.pow(x.base, y.base))
                if x.unit == UnitProduct(.percent) { result = .number(result.base) }
            } else {
                guard y.base == y.base.rounded(), abs(y.base) <= 64 else {
                    throw error(
                        .exponentDimension, "a quantity with a unit can only be raised to a whole power", rs,
                        label: "\(NumberFormat.format(y.base))", more: [Label(ls, x.dimension.description)])
                }
                let n = Int(y.base)
                result = Quantity(base: Double.pow(x.base, y.base), unit: x.unit.raised(n).simplified())
            }
        default:
            return .bool(Interpreter.compare(op, x.base, y.base, Interpreter.nearlyEqual(x.base, y.base)))
        }
        if result.base.isNaN { throw error(.outOfRange, "the result is not a number", whole) }
        if result.base.isInfinite, x.base.isFinite, y.base.isFinite {
            throw error(.outOfRange, "the result is too large", whole, label: "beyond about 1.8e308")
        }
        return .quantity(result)
    }

    func convert(_ v: Value, _ target: UnitProduct, _ s: Span, _ u: UnitExpr) throws(Diagnostic) -> Value {
        switch v {
        case .quantity(let q):
            guard q.dimension == target.dimension else {
                throw error(
                    .conversionDimension, "cannot convert \(q.dimension) to \(target.dimension)", s,
                    label: q.dimension.description, more: [Label(u.span, target.dimension.description)])
            }
            let converted = q.converted(to: target)
            guard converted.value.isFinite else {
                throw error(
                    .outOfRange, "\(ValueFormatter.quantity(q)) is too large to show in \(target.symbol)", s,
                    label: "beyond about 1.8e308 \(target.symbol)")
            }
            return .quantity(converted)
        case .list(let xs):
            var out: [Value] = []
            for x in xs { out.append(try convert(x, target, s, u)) }
            return .list(out)
        case .series(var series):
            guard series.dimension == target.dimension else {
                throw error(
                    .conversionDimension, "cannot convert \(series.dimension) to \(target.dimension)", s,
                    label: series.dimension.description, more: [Label(u.span, target.dimension.description)])
            }
            series.unit = target
            return .series(series)
        case .record(let r):
            var out: [(name: String, value: Value)] = []
            for f in r.fields {
                if case .quantity(let q) = f.value, q.dimension == target.dimension {
                    out.append((f.name, .quantity(q.converted(to: target))))
                } else {
                    out.append(f)
                }
            }
            return .record(Record(out))
        default:
            throw error(.operatorType, "cannot convert \(v.typeName) to a unit", s, label: v.typeName)
        }
    }

    func index(_ v: Value, _ i: Value, _ s: Span, _ isp: Span) throws(Diagnostic) -> Value {
        switch (v, i) {
        case (.list(let xs), .quantity(let q)) where q.isPlainNumber:
            guard q.base == q.base.rounded(), abs(q.base) < 1e15 else {
                throw error(.indexType, "a list index must be a whole number", isp)
            }
            let n = Int(q.base)
            let k = n < 0 ? xs.count + n : n
            guard k >= 0, k < xs.count else {
                throw error(
                    .indexOutOfRange, "index \(n) is out of range", isp,
                    label: "the list has \(xs.count) item\(xs.count == 1 ? "" : "s")",
                    notes: ["indexes start at 0; -1 is the last item"])
            }
            return xs[k]
        case (.record, .string(let name)):
            return try field(v, name, s, isp)
        case (.series(let series), .quantity(let q))
        where q.isPlainNumber && q.base == q.base.rounded() && abs(q.base) < 1e15:
            let n = Int(q.base), k = n < 0 ? series.count + n : n
            guard k >= 0, k < series.count else {
                throw error(
                    .indexOutOfRange, "index \(n) is out of range", isp, label: "the series has \(series.count) points")
            }
            return .quantity(series.quantity(k))
        case (.string(let str), .quantity(let q))
        where q.isPlainNumber && q.base == q.base.rounded() && abs(q.base) < 1e15:
            let cs = Array(str)
            let n = Int(q.base), k = n < 0 ? cs.count + n : n
            guard k >= 0, k < cs.count else { throw error(.indexOutOfRange, "index \(n) is out of range", isp) }
            return .string(String(cs[k]))
        default:
            throw error(
                .indexType, "cannot index \(v.typeName) with \(i.typeName)", isp, label: i.typeName,
                more: [Label(s, v.typeName)])
        }
    }

    /// `xs[a:b]`: from `a` (included) to `b` (left out), counted from the end when negative,
    /// clamped to the ends (as Python slices: never out of range).
    func slice(_ v: Value, _ a: (Value, Span)?, _ b: (Value, Span)?, _ s: Span) throws(Diagnostic) -> Value {
        func count() throws(Diagnostic) -> Int {
            switch v {
            case .list(let xs): return xs.count
            case .string(let str): return str.count
            case .series(let series): return series.count
            default:
                throw error(.indexType, "only a list, a string or a series can be sliced", s, label: v.typeName)
            }
        }
        let n = try count()
        func end(_ e: (Value, Span)?, _ otherwise: Int) throws(Diagnostic) -> Int {
            guard let (value, span) = e else { return otherwise }
            guard case .quantity(let q) = value, q.isPlainNumber, q.base == q.base.rounded(), abs(q.base) < 1e15 else {
                throw error(.indexType, "a slice's ends must be whole numbers", span, label: value.typeName)
            }
            let k = Int(q.base)
            return min(n, max(0, k < 0 ? n + k : k))
        }
        let from = try end(a, 0), to = max(from, try end(b, n))
        switch v {
        case .list(let xs): return .list(Array(xs[from..<to]))
        case .string(let str): return .string(String(Array(str)[from..<to]))
        case .series(let series):
            var out = series
            out.times = Array(series.times[from..<to])
            out.values = Array(series.values[from..<to])
            out.lower = series.lower.map { Array($0[from..<to]) }
            out.upper = series.upper.map { Array($0[from..<to]) }
            out.origin = nil
            out.drawing = nil
            return .series(out)
        default: return .nothing
        }
    }

    func field(_ v: Value, _ name: String, _ s: Span, _ fs: Span) throws(Diagnostic) -> Value {
        switch v {
        case .record(let r):
            if let x = r[name] { return x }
            throw error(
                .unknownField, "no field '\(name)' in this record", fs,
                notes: Suggest.notes(for: name, among: r.names) + ["its fields: \(r.names.joined(separator: ", "))"])
        case .series(let series):
            return try seriesField(series, name, fs)
        case .list(let xs):
            // A list of records: `servers.cost` is the list of every server's cost.
            var out: [Value] = []
            for x in xs { out.append(try field(x, name, s, fs)) }
            return .list(out)
        default:
            throw error(
                .noFields, "\(v.typeName) has no fields", fs, label: "field '\(name)'", more: [Label(s, v.typeName)])
        }
    }

    /// `1 item`, `0 items`, `3 items`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
