extension Parser {
    /// Builds a node one level above its children, refusing trees deeper than `maxDepth`.
    mutating func node(_ kind: ExprKind, _ span: Span, _ children: Expr...) throws -> Expr {
        let d = (children.map(\.depth).max() ?? 0) + 1
        if d > Parser.maxTreeDepth {
            throw fail(
                .nestedTooDeeply, "expression is nested too deeply", at: span,
                label: "more than \(Parser.maxTreeDepth) levels", notes: ["split it into named steps"])
        }
        return Expr(kind, span, depth: d)
    }

    mutating func enter() throws {
        nesting += 1
        if nesting > Parser.maxDepth {
            throw fail(
                .nestedTooDeeply, "expression is nested too deeply", at: current.span,
                label: "more than \(Parser.maxDepth) levels", notes: ["split it into named steps"])
        }
    }

    /// expression = subexpr   (a lambda or an if is a primary)
    mutating func expression() throws -> Expr {
        try subexpr(0)
    }

    /// subexpr = ( unary_op , subexpr | postfix ) , { binary_op , subexpr }
    mutating func subexpr(_ limit: Int) throws -> Expr {
        var left: Expr
        let start = current.span
        switch current.kind {
        case .symbol(.minus), .symbol(.plus):
            let op: UnaryOp = check(.minus) ? .negate : .plus
            _ = advance()
            try enter()
            defer { nesting -= 1 }
            let operand = try subexpr(Precedence.unary)
            left = try node(.unary(op, operand), start.to(operand.span), operand)
        case .keyword(.not):
            _ = advance()
            try enter()
            defer { nesting -= 1 }
            let operand = try subexpr(Precedence.not)
            left = try node(.unary(.not, operand), start.to(operand.span), operand)
        default:
            left = try postfix()
        }
        while let row = Precedence.row(for: current.kind), row.left > limit {
            let opTok = advance()
            switch row.op {
            case .convert:
                let target = try unitExpr()
                left = try node(.convert(left, target), left.span.to(target.span), left)
            case .pipe:
                // x |> f(a)  is  f(x, a);  x |> f  is  f(x)
                let rhs = try postfix()
                let first = Argument(label: nil, labelSpan: nil, value: left)
                if case .call(let callee, let args) = rhs.kind {
                    left = try node(.call(callee, [first] + args), left.span.to(rhs.span), left, rhs)
                } else {
                    left = try node(.call(rhs, [first]), left.span.to(rhs.span), left, rhs)
                }
            case .binary(let op):
                if current.kind == .newline || current.kind == .eof {
                    throw fail(.unexpectedToken, "expected a value after '\(op.rawValue)'", at: current.span)
                }
                let right = try subexpr(row.right)
                if op.isComparison, let next = Precedence.row(for: current.kind),
                    case .binary(let op2) = next.op, op2.isComparison
                {
                    throw fail(
                        .chainedComparison, "comparisons cannot be chained", at: opTok.span.to(current.span),
                        notes: ["write 'a < b and b < c'"])
                }
                left = try node(.binary(op, left, right), left.span.to(right.span), left, right)
            }
        }
        return left
    }

    /// postfix = primary , { call | index | field | unit_suffix }
    mutating func postfix() throws -> Expr {
        var e = try primary()
        while true {
            switch current.kind {
            case .symbol(.lparen) where !current.spaceBefore || isCallable(e):
                // call = "(" , [ argument , { "," , argument } ] , ")"
                let open = advance()
                let args = try arguments()
                guard check(.rparen) else {
                    throw fail(
                        .unexpectedToken, "expected ')' or ',' in the call, found \(current.describe)",
                        at: current.span,
                        more: [Label(open.span, "the arguments start here")])
                }
                let close = advance()
                e = try node(.call(e, args), e.span.to(close.span), [e] + args.map(\.value))
            case .symbol(.lbracket) where !current.spaceBefore:
                // index = "[" , ( expression | slice ) , "]" ; slice = [ expression ] , ":" , [ expression ]
                _ = advance()
                let from: Expr? = check(.colon) ? nil : try expression()
                if check(.colon) {
                    _ = advance()
                    let to: Expr? = check(.rbracket) ? nil : try expression()
                    let close = try expect(.rbracket, "']' after the slice")
                    e = try node(.slice(e, from, to), e.span.to(close.span), [e] + [from, to].compactMap { $0 })
                } else if let i = from {
                    let close = try expect(.rbracket, "']' after the index")
                    e = try node(.index(e, i), e.span.to(close.span), e, i)
                }
            case .symbol(.dot):
                // field = "." , IDENT
                _ = advance()
                guard let f = labelName(current.kind) else {
                    throw fail(
                        .unexpectedToken, "expected a field name after '.', found \(current.describe)", at: current.span
                    )
                }
                let t = advance()
                e = try node(.field(e, f, t.span), e.span.to(t.span), e)
            case .identifier, .symbol(.percent):
                // unit_suffix = unit_atom , [ "^" , [ "-" ] , INTEGER ]   (64 GiB, 70%)
                let factor = try unitTerm(allowGroup: false)
                let unitSpan = factor.dropFirst().reduce(factor[0].span) { $0.to($1.span) }
                let u = UnitExpr(factors: factor, span: unitSpan, text: source.text(unitSpan))
                e = try node(.withUnit(e, u), e.span.to(u.span), e)
            default:
                return e
            }
        }
    }

    private func isCallable(_ e: Expr) -> Bool {
        if case .name = e.kind { return true }
        return false
    }

    mutating func node(_ kind: ExprKind, _ span: Span, _ children: [Expr]) throws -> Expr {
        let d = (children.map(\.depth).max() ?? 0) + 1
        if d > Parser.maxTreeDepth {
            throw fail(
                .nestedTooDeeply, "expression is nested too deeply", at: span,
                label: "more than \(Parser.maxTreeDepth) levels")
        }
        return Expr(kind, span, depth: d)
    }

    /// A name, or a keyword used as a name where nothing else could be meant: an argument
    /// label (`unit: GiB`), a record field (`{unit: ...}`), a field after a dot.
    func labelName(_ k: TokenKind) -> String? {
        switch k {
        case .identifier(let n): return n
        case .keyword(let k): return k.rawValue
        default: return nil
        }
    }

    /// argument = [ IDENT , ":" ] , expression   (separated by ",", trailing "," allowed)
    mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        var named = false
        while !check(.rparen) {
            if let label = labelName(current.kind), peek().kind == .symbol(.colon) {
                let t = advance()
                _ = advance()
                if args.contains(where: { $0.label == label }) {
                    throw fail(.argumentTwice, "argument '\(label)' is given twice", at: t.span)
                }
                args.append(Argument(label: label, labelSpan: t.span, value: try expression()))
                named = true
            } else {
                let v = try expression()
                if named {
                    throw fail(.unexpectedToken, "a positional argument cannot follow a named one", at: v.span)
                }
                args.append(Argument(label: nil, labelSpan: nil, value: v))
            }
            if !accept(.comma) { break }
        }
        return args
    }

    /// primary = NUMBER | STRING | DATE | QUARTER | "true" | "false" | IDENT | CURRENCY , postfix
    ///         | "(" , expression , ")" | list | record | block | lambda | if_expr
    mutating func primary() throws -> Expr {
        try enter()
        defer { nesting -= 1 }
        let t = current
        switch t.kind {
        case .number(let v):
            _ = advance()
            return Expr(.number(v), t.span)
        case .date(let s):
            _ = advance()
            return Expr(.date(s), t.span)
        case .quarter(let y, let q):
            _ = advance()
            return Expr(.quarter(y, q), t.span)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return Expr(.bool(t.kind == .keyword(.true)), t.span)
        case .string(let parts):
            _ = advance()
            return try stringLiteral(parts, t.span)
        case .currency(let code):
            // $1500, €200: the currency applies to the value that follows.
            _ = advance()
            let value = try postfixNoUnit()
            let u = UnitExpr(factors: [UnitFactor(name: code, power: 1, span: t.span)], span: t.span, text: code)
            return try node(.withUnit(value, u), t.span.to(value.span), value)
        case .identifier(let name):
            if peek().kind == .symbol(.fatArrow) {
                // lambda = IDENT , "=>" , expression
                _ = advance(); _ = advance()
                let body = try expression()
                return try node(
                    .lambda([Param(name: name, span: t.span, defaultValue: nil)], body), t.span.to(body.span), body)
            }
            _ = advance()
            return Expr(.name(name), t.span)
        case .symbol(.lparen):
            if isLambdaAhead() { return try parenLambda() }
            _ = advance()
            if check(.rparen) { throw fail(.unexpectedToken, "empty parentheses", at: t.span.to(current.span)) }
            let inner = try expression()
            guard check(.rparen) else {
                throw fail(
                    .unexpectedToken, "expected ')', found \(current.describe)", at: current.span,
                    more: [Label(t.span, "this '(' is not closed")])
            }
            let close = advance()
            var e = inner
            e.span = t.span.to(close.span)
            return e
        case .symbol(.lbracket):
            // list = "[" , [ expression , { "," , expression } , [ "," ] ] , "]"
            _ = advance()
            var items: [Expr] = []
            while !check(.rbracket) {
                items.append(try expression())
                if !accept(.comma) { break }
            }
            guard check(.rbracket) else {
                throw fail(
                    .unexpectedToken, "expected ']' or ',' in the list, found \(current.describe)", at: current.span,
                    more: [Label(t.span, "the list starts here")])
            }
            let close = advance()
            return try node(.list(items), t.span.to(close.span), items)
        case .symbol(.lbrace):
            return try braces()
        case .keyword(.if):
            // if_expr = "if" , expression , "then" , expression , "else" , expression
            _ = advance()
            let c = try expression()
            skipNewlinesIf(.then)
            guard check(.then) else {
                throw fail(
                    .unexpectedToken, "expected 'then' after the condition", at: current.span,
                    notes: check(.assign) ? ["'=' assigns a name; to compare, write '=='"] : [])
            }
            _ = advance()
            let a = try expression()
            skipNewlinesIf(.else)
            guard check(.else) else {
                throw fail(
                    .unexpectedToken, "expected 'else'", at: current.span,
                    notes: ["'if' is an expression: it needs an 'else' value too"])
            }
            _ = advance()
            let b = try expression()
            return try node(.ifElse(c, a, b), t.span.to(b.span), c, a, b)
        case .newline, .eof:
            throw fail(.unexpectedToken, "expected a value, found \(t.describe)", at: t.span)
        case .symbol(.percent):
            // A bare `%` where a value ends (`unit: %`) is the unit itself, as a bare `GiB` is.
            switch peek().kind {
            case .symbol(.rparen), .symbol(.comma), .newline, .eof:
                _ = advance()
                let u = UnitExpr(factors: [UnitFactor(name: "%", power: 1, span: t.span)], span: t.span, text: "%")
                return Expr(.withUnit(Expr(.number(1), t.span), u), t.span, depth: 2)
            default:
                throw fail(.unexpectedToken, "a '%' needs a number before it", at: t.span)
            }
        default:
            throw fail(.unexpectedToken, "expected a value, found \(t.describe)", at: t.span)
        }
    }

    /// `then`/`else` may start the next line inside a block.
    mutating func skipNewlinesIf(_ k: Keyword) {
        var i = pos
        while tokens[i].kind == .newline, i < tokens.count - 1 { i += 1 }
        if tokens[i].kind == .keyword(k) { pos = i }
    }

    /// The value after `$`: a number or parenthesised expression, with calls and indexing.
    mutating func postfixNoUnit() throws -> Expr {
        let p = try primary()
        if case .symbol(.percent) = current.kind {
            throw fail(.unexpectedToken, "'$' and '%' cannot be combined", at: current.span)
        }
        return p
    }

    /// Is the "(" at the cursor the parameter list of a lambda: "(a, b) =>"?
    func isLambdaAhead() -> Bool {
        var i = pos + 1
        while i < tokens.count {
            switch tokens[i].kind {
            case .identifier, .symbol(.comma): i += 1
            case .symbol(.rparen): return tokens[min(i + 1, tokens.count - 1)].kind == .symbol(.fatArrow)
            default: return false
            }
        }
        return false
    }

    /// lambda = "(" , [ IDENT , { "," , IDENT } , [ "," ] ] , ")" , "=>" , expression
    mutating func parenLambda() throws -> Expr {
        let start = advance().span
        let params = try paramList()
        _ = advance()  // =>
        let body = try expression()
        return try node(.lambda(params, body), start.to(body.span), body)
    }

    /// record = "{" , [ field_init , { "," , field_init } , [ "," ] ] , "}"   when "{" NAME ":", "{" STRING ":" or "{}"
    /// block  = "{" , statement , { separator , statement } , "}"
    mutating func braces() throws -> Expr {
        let open = advance()
        skipNewlines()
        let isRecord: Bool
        switch (current.kind, peek().kind) {
        case (.symbol(.rbrace), _): isRecord = true
        case (.identifier, .symbol(.colon)), (.string, .symbol(.colon)), (.keyword, .symbol(.colon)): isRecord = true
        default: isRecord = false
        }
        if isRecord {
            var fields: [(name: String, span: Span, value: Expr)] = []
            while !check(.rbrace) {
                let t = advance()
                var name = ""
                switch t.kind {
                case .identifier(let n): name = n
                case .keyword(let k): name = k.rawValue
                case .string(let parts):
                    // field_init = ( NAME | STRING ) , ":" , expression: a name is fixed text.
                    for part in parts {
                        guard case .text(let s) = part else {
                            throw fail(
                                .badInterpolation, "a field name cannot use {interpolation}", at: t.span,
                                notes: ["write \\{ for a literal brace, or build the record another way"])
                        }
                        name += s
                    }
                default: throw fail(.unexpectedToken, "expected a field name, found \(t.describe)", at: t.span)
                }
                _ = try expect(.colon, "':' after the field name")
                if fields.contains(where: { $0.name == name }) {
                    throw fail(.argumentTwice, "field '\(name)' is given twice", at: t.span)
                }
                fields.append((name, t.span, try expression()))
                skipNewlines()
                if !accept(.comma) { break }
                skipNewlines()
            }
            skipNewlines()
            let close = try expect(.rbrace, "'}' or ',' in the record")
            return try node(.record(fields), open.span.to(close.span), fields.map(\.value))
        }
        var stmts: [Stmt] = []
        while !check(.rbrace) {
            if current.kind == .eof {
                throw fail(.badInterpolation, "unclosed '{'", at: open.span, label: "this block is never closed")
            }
            stmts.append(try statement())
            if !atStatementEnd {
                throw fail(
                    .unexpectedToken, "expected the end of the statement, found \(current.describe)", at: current.span)
            }
            skipNewlines()
        }
        let close = advance()
        guard let last = stmts.last, case .expr = last.kind else {
            throw fail(
                .blockWithoutValue, "a block must end with a value", at: close.span,
                notes: ["the last line of { ... } is its value"])
        }
        return try node(.block(stmts), open.span.to(close.span), [])
    }
}
