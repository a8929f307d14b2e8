/// Recursive-descent parser for the grammar in `grammar/plan.ebnf`.
///
/// Errors resynchronise at the next statement boundary, so one mistake is reported once
/// and later statements are still checked. Each parse function names its production.
public struct Parser {
    /// Deepest nesting the parser recurses into (parentheses, prefix operators, blocks);
    /// deeper input is an error, never a stack overflow.
    public static let maxDepth = 1000
    /// Deepest tree accepted. A long flat chain (`1 + 1 + ...`, 20,000 terms) is built by a loop,
    /// not by recursion, so it may be far deeper than `maxDepth`; the passes that walk it run on
    /// a large stack (`withLargeStack`), measured with 50,000 terms in the CLI tests (half of the 1 GiB stack the front ends give it).
    public static let maxTreeDepth = 50_000

    var tokens: [Token]
    var pos = 0
    let source: SourceFile
    let file: Int
    var diagnostics: [Diagnostic] = []
    var nesting = 0

    struct Bail: Error {}

    public init(source: SourceFile, file: Int) {
        var lexer = Lexer(source: source, file: file)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
        self.source = source
        self.file = file
    }

    /// A parser over a byte range of the source: the `{expr}` hole of a string.
    init(source: SourceFile, file: Int, range: Range<Int>, nesting: Int) {
        var lexer = Lexer(source: source, file: file, range: range)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
        self.source = source
        self.file = file
        self.nesting = nesting
    }

    /// Parses a whole file or entry. Throws a `DiagnosticList` if anything is wrong.
    public static func parse(_ source: SourceFile, file: Int) throws -> Program {
        let (program, diagnostics) = parseRecovering(source, file: file)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return program
    }

    /// Parses what it can: the program, with an `invalid` statement where a statement could
    /// not be read, and the diagnostics (lexer's and parser's, in source order, at most 20).
    public static func parseRecovering(_ source: SourceFile, file: Int) -> (program: Program, diagnostics: [Diagnostic])
    {
        var p = Parser(source: source, file: file)
        let program = p.program()
        let sorted = p.diagnostics.enumerated().sorted {
            ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset)
        }.map(\.element)
        return (program, Array(sorted.prefix(20)))
    }

    // MARK: token helpers

    var current: Token { tokens[pos] }
    func peek(_ k: Int = 1) -> Token { tokens[min(pos + k, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    func check(_ s: Symbol) -> Bool { current.kind == .symbol(s) }
    func check(_ k: Keyword) -> Bool { current.kind == .keyword(k) }

    mutating func accept(_ s: Symbol) -> Bool {
        if check(s) { pos += 1; return true }
        return false
    }

    mutating func expect(_ s: Symbol, _ what: String) throws -> Token {
        if check(s) { return advance() }
        throw fail(.unexpectedToken, "expected \(what), found \(current.describe)", at: current.span)
    }

    mutating func fail(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String = "", more: [Label] = [],
        notes: [String] = []
    ) -> Bail {
        diagnostics.append(Diagnostic(code, message, at: span, label: label, more: more, notes: notes))
        return Bail()
    }

    mutating func skipNewlines() {
        while current.kind == .newline || check(.semicolon) { pos += 1 }
    }

    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .eof, .symbol(.semicolon), .symbol(.rbrace): return true
        default: return false
        }
    }

    /// Skips to the next statement boundary after an error.
    mutating func synchronize() {
        var depth = 0
        while current.kind != .eof {
            switch current.kind {
            case .symbol(.lbrace): depth += 1
            case .symbol(.rbrace):
                if depth == 0 { return }
                depth -= 1
            case .newline, .symbol(.semicolon):
                if depth == 0 { pos += 1; return }
            default: break
            }
            pos += 1
        }
    }

    // MARK: statements

    /// program = { separator } , [ statement , { separator , [ statement ] } ] , EOF
    mutating func program() -> Program {
        var stmts: [Stmt] = []
        skipNewlines()
        while current.kind != .eof {
            if diagnostics.count >= 20 { break }
            let start = current.span
            do {
                let s = try statement()
                stmts.append(s)
                if !atStatementEnd {
                    throw fail(
                        .unexpectedToken, "expected the end of the statement, found \(current.describe)",
                        at: current.span,
                        notes: hint(after: s))
                }
                if check(.rbrace) { throw fail(.unexpectedToken, "unmatched '}'", at: current.span) }
            } catch {
                synchronize()
                if check(.rbrace) { pos += 1 }
                stmts.append(Stmt(.invalid, start.to(tokens[max(0, pos - 1)].span)))
            }
            skipNewlines()
        }
        return Program(statements: stmts, file: file)
    }

    func hint(after s: Stmt) -> [String] {
        if case .expr(let e) = s.kind, case .name = e.kind, case .identifier = current.kind {
            return ["two names side by side: did you mean a call, like name(...)?"]
        }
        // `10 % 3`: % is percent here, so `10 %` is a value and `3` is left over.
        if pos > 0, tokens[pos - 1].kind == .symbol(.percent), case .number = current.kind {
            return ["'%' means percent; there is no remainder operator: write mod(a, b)"]
        }
        return ["separate statements with a new line or ';'"]
    }

    /// statement = import | unit_decl | fn_decl | assert | assignment | expression
    mutating func statement() throws -> Stmt {
        let start = current.span
        switch current.kind {
        case .keyword(.import):
            _ = advance()
            guard case .string(let parts) = current.kind else {
                throw fail(.unexpectedToken, "expected a file name in quotes after 'import'", at: current.span)
            }
            let t = advance()
            var path = ""
            for p in parts {
                guard case .text(let s) = p else {
                    throw fail(.badInterpolation, "an import path cannot use {interpolation}", at: t.span)
                }
                path += s
            }
            return Stmt(.import(path, t.span), start.to(t.span))
        case .keyword(.unit):
            // unit_decl = "unit" , IDENT , [ "=" , expression ]
            _ = advance()
            guard case .identifier(let name) = current.kind else {
                throw fail(.unexpectedToken, "expected a unit name after 'unit'", at: current.span)
            }
            let nameTok = advance()
            var def: Expr?
            if accept(.assign) { def = try expression() }
            return Stmt(.unitDecl(name, nameTok.span, def), start.to(def?.span ?? nameTok.span))
        case .keyword(.fn):
            return try functionDecl()
        case .keyword(.assert):
            // assert = "assert" , expression , [ "," , expression ]
            _ = advance()
            let cond = try expression()
            var msg: Expr?
            if accept(.comma) { msg = try expression() }
            return Stmt(.assert(cond, msg), start.to(msg?.span ?? cond.span))
        case .identifier(let name) where peek().kind == .symbol(.assign):
            // assignment = IDENT , "=" , expression
            let nameTok = advance()
            _ = advance()
            if atStatementEnd { throw fail(.unexpectedToken, "expected a value after '='", at: current.span) }
            let value = try expression()
            return Stmt(.assign(name, nameTok.span, value), start.to(value.span))
        default:
            let e = try expression()
            if check(.assign) {
                throw fail(
                    .unexpectedToken, "cannot assign to this expression", at: e.span,
                    label: "only a plain name can be assigned")
            }
            return Stmt(.expr(e), e.span)
        }
    }

    /// fn_decl = "fn" , IDENT , "(" , [ params ] , ")" , "=" , expression
    mutating func functionDecl() throws -> Stmt {
        let start = advance().span
        guard case .identifier(let name) = current.kind else {
            throw fail(.unexpectedToken, "expected a function name after 'fn'", at: current.span)
        }
        let nameTok = advance()
        _ = try expect(.lparen, "'(' and the parameters of '\(name)'")
        let params = try paramList()
        _ = try expect(.assign, "'=' and the body of '\(name)'")
        if atStatementEnd { throw fail(.unexpectedToken, "expected the body of '\(name)' after '='", at: current.span) }
        let body = try expression()
        return Stmt(
            .function(FunctionDecl(name: name, nameSpan: nameTok.span, params: params, body: body, doc: nil)),
            start.to(body.span))
    }

    /// params = param , { "," , param } ; param = IDENT , [ "=" , expression ]   (after "(", through ")")
    mutating func paramList() throws -> [Param] {
        var params: [Param] = []
        while !check(.rparen) {
            guard case .identifier(let p) = current.kind else {
                throw fail(.unexpectedToken, "expected a parameter name, found \(current.describe)", at: current.span)
            }
            let t = advance()
            if params.contains(where: { $0.name == p }) {
                throw fail(.argumentTwice, "parameter '\(p)' is named twice", at: t.span)
            }
            var def: Expr?
            if accept(.assign) {
                def = try expression()
            } else if params.last?.defaultValue != nil {
                throw fail(
                    .missingDefault, "parameter '\(p)' needs a default value", at: t.span,
                    notes: ["parameters after one with a default must have defaults too"])
            }
            params.append(Param(name: p, span: t.span, defaultValue: def))
            if !accept(.comma) { break }
        }
        _ = try expect(.rparen, "')' after the parameters")
        return params
    }
}
