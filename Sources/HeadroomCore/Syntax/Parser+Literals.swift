/// String literals with `{expr}` holes, and unit expressions (`-> TB/year`, `64 GiB`).
extension Parser {
    /// What to do with braces that are not an interpolation (PromQL selectors, mostly).
    static let braceNotes = [
        "in double quotes {...} is an interpolation; for PromQL write the query in single quotes, "
            + "such as 'up{job=\"node\"}' (no interpolation there), or write \\{ for a literal brace"
    ]

    /// STRING with `{expr}` holes: each hole is parsed as an expression in place.
    mutating func stringLiteral(_ parts: [StringPart], _ span: Span) throws -> Expr {
        var segs: [StringSegment] = []
        for p in parts {
            switch p {
            case .text(let s): segs.append(.text(s))
            case .code(let s, let e):
                var sub = Parser(source: source, file: file, range: s..<e, nesting: nesting)
                sub.skipNewlines()
                if sub.current.kind == .eof {
                    throw fail(
                        .badInterpolation, "empty {} in string", at: Span(file: file, start: s - 1, end: e + 1),
                        notes: ["write \\{ for a literal brace"])
                }
                let inner = try? sub.expression()
                sub.skipNewlines()
                if let inner, sub.current.kind == .eof, sub.diagnostics.isEmpty {
                    segs.append(.expr(inner))
                } else {
                    diagnostics +=
                        sub.diagnostics.isEmpty
                        ? [
                            Diagnostic(
                                .badInterpolation, "this {} in a string does not hold one expression",
                                at: sub.current.span, notes: Parser.braceNotes)
                        ]
                        : sub.diagnostics
                    throw Bail()
                }
            }
        }
        return Expr(.string(segs), span)
    }

    /// unit_expr = unit_term , { ( "*" | "/" ) , unit_term }
    mutating func unitExpr() throws -> UnitExpr {
        let start = current.span
        var factors = try unitTerm(allowGroup: true)
        while check(.star) || check(.slash) {
            let div = advance().kind == .symbol(.slash)
            let t = try unitTerm(allowGroup: true)
            factors += div ? t.map { UnitFactor(name: $0.name, power: -$0.power, span: $0.span) } : t
        }
        let span = start.to(factors.last?.span ?? start)
        return UnitExpr(factors: factors, span: span, text: source.text(span))
    }

    /// unit_term = ( unit_atom | CURRENCY | "(" , unit_expr , ")" ) , [ "^" , [ "-" ] , INTEGER ]
    mutating func unitTerm(allowGroup: Bool) throws -> [UnitFactor] {
        var base: [UnitFactor]
        let t = current
        switch t.kind {
        case .identifier(let n): _ = advance(); base = [UnitFactor(name: n, power: 1, span: t.span)]
        case .symbol(.percent): _ = advance(); base = [UnitFactor(name: "%", power: 1, span: t.span)]
        case .currency(let c): _ = advance(); base = [UnitFactor(name: c, power: 1, span: t.span)]
        case .symbol(.lparen) where allowGroup:
            _ = advance()
            base = try unitExpr().factors
            _ = try expect(.rparen, "')' in the unit")
        case .number(1) where allowGroup:
            // "1/s" style: a leading 1 is allowed.
            _ = advance()
            base = []
        default:
            throw fail(
                .unexpectedToken, "expected a unit, found \(t.describe)", at: t.span,
                notes: ["for example: -> TiB, -> GB/month"])
        }
        // After a number a power belongs to the unit only when it touches it (`4 GB^2`): with a
        // space, `2 GB ^ 2` is (2 GB)^2, as juxtaposition binds tighter than any operator.
        if check(.caret) || check(.starstar), allowGroup || !current.spaceBefore {
            _ = advance()
            let neg = accept(.minus)
            guard case .number(let v) = current.kind, v == v.rounded(), abs(v) < 100 else {
                throw fail(.unexpectedToken, "a unit power must be a small whole number", at: current.span)
            }
            _ = advance()
            let p = Int(v) * (neg ? -1 : 1)
            base = base.map { UnitFactor(name: $0.name, power: $0.power * p, span: $0.span) }
        }
        return base
    }
}
