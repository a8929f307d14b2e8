/// A piece of a string literal: literal text, or the byte range of an `{expr}` hole.
public enum StringPart: Equatable, Sendable {
    case text(String)
    case code(start: Int, end: Int)
}

/// The kinds of token the lexer produces.
public enum TokenKind: Equatable, Sendable {
    case number(Double)
    /// `2026-03-01` or `2026-03-01T12:30:00Z`, as seconds since the Unix epoch (UTC).
    case date(Int64)
    /// `2027-Q2`: year and quarter.
    case quarter(Int, Int)
    case string([StringPart])
    case identifier(String)
    /// A currency prefix: `$` or `€`, naming the unit it stands for.
    case currency(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case eof
}

public enum Keyword: String, CaseIterable, Sendable {
    case fn, unit, assert, `import`, `if`, then, `else`, `true`, `false`, and, or, not, to
}

public enum Symbol: String, CaseIterable, Sendable {
    case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
    case comma = ",", semicolon = ";", colon = ":", dot = ".", assign = "="
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case plus = "+", minus = "-", star = "*", slash = "/", caret = "^", starstar = "**"
    case percent = "%", arrow = "->", fatArrow = "=>", pipe = "|>"
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var span: Span
    /// True when whitespace (not a newline) comes right before this token.
    public var spaceBefore: Bool

    /// How the token reads in an error message.
    public var describe: String {
        switch kind {
        case .number: return "a number"
        case .date, .quarter: return "a date"
        case .string: return "a string"
        case .identifier(let n): return "'\(n)'"
        case .currency(let c): return "'\(c == "USD" ? "$" : "€")'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .newline: return "the end of the line"
        case .eof: return "the end of the input"
        }
    }
}
