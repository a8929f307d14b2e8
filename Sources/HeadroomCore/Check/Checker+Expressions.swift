/// Type and dimension inference for expressions.
extension Checker {
    mutating func infer(_ e: Expr) -> StaticType {
        let t = inferKind(e)
        noteType(t, e.span)
        return t
    }

    mutating func inferKind(_ e: Expr) -> StaticType {
        switch e.kind {
        case .number: return .number
        case .bool: return .bool
        case .date, .quarter: return .date
        case .string(let segs):
            for case .expr(let x) in segs { _ = infer(x) }
            return .string
        case .name(let n):
            if let t = lookupLocal(n) {
                noteUse(n, e.span)
                return t
            }
            if let u = units.lookup(n) { return .quantity(u.dimension) }
            if builtins[n] != nil { return .function(nil, builtin: n) }
            var names = Array(globals.keys) + builtins.names
            for s in scopes { names += s.keys }
            let close = Suggest.closest(to: n, among: names + units.spellings)
            // When only units are close, the user most likely meant a unit (`GB/mnth`).
            let isUnit =
                n.count >= 3 && !close.isEmpty && close.allSatisfy { units.lookup($0) != nil && !names.contains($0) }
            report(
                isUnit ? .unknownUnit : .unknownName, "unknown \(isUnit ? "unit" : "name") '\(n)'", e.span,
                notes: Suggest.notes(for: n, among: names + units.spellings))
            return .unknown
        case .withUnit(let x, let u):
            let t = infer(x)
            guard let unit = resolve(u) else { return .unknown }
            return scale(t, by: unit.dimension, x.span, u.span)
        case .unary(let op, let x):
            let t = infer(x)
            switch t {
            case .unknown: return op == .not ? .bool : .unknown
            case .list, .series, .measured: if op != .not { return t }
            default: break
            }
            if let e = OperatorRules.unary(op, Checker.operand(t)) {
                report(e.diagnostic(x.span, x.span))
                return .unknown
            }
            return t
        case .binary(let op, let l, let r):
            return binary(op, infer(l), infer(r), l.span, r.span)
        case .convert(let x, let u):
            let t = infer(x)
            guard let unit = resolve(u) else { return .unknown }
            return convert(t, unit, x.span, u.span)
        case .list(let items):
            return .list(StaticType.common(items.map { infer($0) }))
        case .record(let fields):
            return .record(fields.map { ($0.name, infer($0.value)) })
        case .index(let x, let i):
            let t = infer(x), it = infer(i)
            switch (t, it) {
            case (.list(let el), .quantity(let d)) where d.isNone: return el
            case (.list, .unknown): if case .list(let el) = t { return el }; return .unknown
            case (.list, _):
                report(.indexType, "a list index must be a whole number", i.span, label: it.name)
                return .unknown
            case (.string, _): return .string
            case (.series(let d), _): return .quantity(d)
            default: return .unknown
            }
        case .slice(let x, let a, let b):
            let t = infer(x)
            for bound in [a, b].compactMap({ $0 }) {
                let bt = infer(bound)
                switch bt {
                case .quantity(let d) where d.isNone: break
                case .unknown: break
                default: report(.indexType, "a slice's ends must be whole numbers", bound.span, label: bt.name)
                }
            }
            switch t {
            case .list, .string, .series, .unknown: return t
            default:
                report(.indexType, "only a list, a string or a series can be sliced", x.span, label: t.name)
                return .unknown
            }
        case .field(let x, let name, let span):
            return field(infer(x), name, span)
        case .call(let callee, let args):
            return call(callee, args, e.span)
        case .lambda(let params, let body):
            pushScope(Dictionary(params.map { ($0.name, StaticType.unknown) }, uniquingKeysWith: { a, _ in a }))
            if recordsTables { for p in params { localDefinitions[localDefinitions.count - 1][p.name] = p.span } }
            _ = infer(body)
            popScope()
            return .function(nil, builtin: nil)
        case .block(let stmts):
            // Each statement is checked once; the last expression's type is the block's. (Checking
            // it twice made nested blocks cost 2^depth.)
            pushScope()
            var last: StaticType = .nothing
            for (i, s) in stmts.enumerated() {
                if i == stmts.count - 1, case .expr(let x) = s.kind { last = infer(x) } else { statement(s) }
            }
            popScope()
            return last
        case .ifElse(let c, let a, let b):
            let ct = infer(c)
            if !isBoolish(ct) {
                report(.conditionType, "the condition of 'if' must be true or false", c.span, label: ct.name)
            }
            let at = infer(a), bt = infer(b)
            if case .quantity(let da) = at, case .quantity(let db) = bt, da != db {
                report(
                    .branchDimension, "the branches of 'if' have different dimensions", a.span,
                    label: da.description, more: [Label(b.span, db.description)])
                return .unknown
            }
            return sameKind(at, bt) ? at : .unknown
        }
    }

    func sameKind(_ a: StaticType, _ b: StaticType) -> Bool { StaticType.same(a, b) }

    mutating func scale(_ t: StaticType, by d: Dimension, _ s: Span, _ us: Span) -> StaticType {
        switch t {
        case .quantity(let x): return .quantity(x * d)
        case .list(let el): return .list(scale(el, by: d, s, us))
        case .unknown: return .unknown
        default:
            report(.unitPlacement, "a unit can only follow a number", s, label: t.name, more: [Label(us, "unit")])
            return .unknown
        }
    }

    mutating func binary(_ op: BinaryOp, _ a: StaticType, _ b: StaticType, _ ls: Span, _ rs: Span) -> StaticType {
        if op == .and || op == .or {
            for (t, s) in [(a, ls), (b, rs)] where !isBoolish(t) {
                if let e = OperatorRules.logical(op, Checker.operand(t)) { report(e.diagnostic(s, s)) }
            }
            return .bool
        }
        switch (a, b) {
        case (.unknown, _), (_, .unknown):
            return op.isComparison ? .bool : .unknown
        case (.measured(let x), _), (_, .measured(let x)):
            // Checked as a quantity of its dimension; the result is measured too (it may be a series).
            let other: StaticType = if case .measured(let y) = b { .quantity(y) } else { b }
            let left: StaticType = if case .measured = a { .quantity(x) } else { a }
            let right: StaticType = if case .measured = b { other } else { b }
            switch binary(op, left, right, ls, rs) {
            case .quantity(let d): return .measured(d)
            case let t: return t
            }
        case (.series(let x), .series(let y)), (.series(let x), .quantity(let y)), (.quantity(let x), .series(let y)):
            if op.isComparison {
                report(OperatorRules.seriesComparison.diagnostic(ls, rs))
                return .unknown
            }
            if case .quantity(let d) = binary(op, .quantity(x), .quantity(y), ls, rs) { return .series(d) }
            return .unknown
        case (.list(let x), .list(let y)) where !op.isComparison:
            return .list(binary(op, x, y, ls, rs))
        case (.list(let x), _) where !op.isComparison:
            return .list(binary(op, x, b, ls, rs))
        case (_, .list(let y)) where !op.isComparison:
            return .list(binary(op, a, y, ls, rs))
        default:
            switch OperatorRules.result(op, Checker.operand(a), Checker.operand(b)) {
            case .success(let kind?): return Checker.staticType(kind)
            case .success(nil): return .unknown
            case .failure(let e):
                report(e.diagnostic(ls, rs))
                return op.isComparison ? .bool : .unknown
            }
        }
    }

    /// An inferred type as the operator table sees it.
    static func operand(_ t: StaticType) -> OperandKind {
        switch t {
        case .quantity(let d), .measured(let d): return .quantity(d)
        case .date: return .date
        case .string: return .string
        case .bool: return .bool
        default: return .other(t.name)
        }
    }

    static func staticType(_ k: OperandKind) -> StaticType {
        switch k {
        case .quantity(let d): return .quantity(d)
        case .date: return .date
        case .string: return .string
        case .bool: return .bool
        case .other: return .unknown
        }
    }

    mutating func convert(_ t: StaticType, _ u: UnitProduct, _ s: Span, _ us: Span) -> StaticType {
        switch t {
        case .measured(let d):
            if case .quantity = convert(.quantity(d), u, s, us) { return .measured(u.dimension) }
            return .unknown
        case .quantity(let d):
            if d != u.dimension {
                report(
                    .conversionDimension, "cannot convert \(d) to \(u.dimension)", s, label: d.description,
                    more: [Label(us, u.dimension.description)])
            }
            return .quantity(u.dimension)
        case .list(let el): return .list(convert(el, u, s, us))
        case .series(let d):
            if d != u.dimension {
                report(
                    .conversionDimension, "cannot convert \(d) to \(u.dimension)", s, label: d.description,
                    more: [Label(us, u.dimension.description)])
            }
            return .series(u.dimension)
        case .unknown, .record: return t
        default:
            report(.operatorType, "cannot convert \(t.name) to a unit", s, label: t.name)
            return .unknown
        }
    }

    mutating func field(_ t: StaticType, _ name: String, _ span: Span) -> StaticType {
        switch t {
        case .record(let fields):
            if let f = fields.first(where: { $0.name == name }) { return f.type }
            report(
                .unknownField, "no field '\(name)' in this record", span,
                notes: Suggest.notes(for: name, among: fields.map(\.name)) + [
                    "its fields: \(fields.map(\.name).joined(separator: ", "))"
                ])
            return .unknown
        case .list(let el): return .list(field(el, name, span))
        case .series(let d):
            switch name {
            case "lower", "upper": return .series(d)
            case "values": return .list(.quantity(d))
            case "times": return .list(.date)
            default:
                report(
                    .unknownField, "a series has no field '\(name)'", span,
                    notes: Suggest.notes(for: name, among: Interpreter.seriesFields))
                return .unknown
            }
        case .measured: return .unknown  // a table's label columns or a series' fields: the answer decides
        case .columns(let d):
            // A series' own fields, else a column of the file.
            if Interpreter.seriesFields.contains(name) { return field(.series(d), name, span) }
            return .series(d)
        case .unknown: return .unknown
        default:
            report(.noFields, "\(t.name) has no fields", span, label: "field '\(name)'")
            return .unknown
        }
    }
}
