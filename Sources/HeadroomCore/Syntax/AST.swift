/// The syntax tree the parser builds and the checker and evaluator walk.

public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: Span
    /// Height of this subtree; the parser refuses trees deeper than `Parser.maxDepth`.
    public var depth: Int

    public init(_ kind: ExprKind, _ span: Span, depth: Int = 1) {
        self.kind = kind
        self.span = span
        self.depth = depth
    }
}

public enum UnaryOp: String, Sendable { case negate = "-", plus = "+", not }

public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", pow = "^"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case and, or

    public var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }
}

/// One factor of a unit expression: `GiB`, `month^-1`, `%`.
public struct UnitFactor: Sendable, Equatable, Error {
    public var name: String
    public var power: Int
    public var span: Span
}

/// A unit written after a number (`64 GiB`) or after `->` (`-> TB/year`).
public struct UnitExpr: Sendable {
    public var factors: [UnitFactor]
    public var span: Span
    /// `-> auto`-style targets that are not units are kept as names (none yet).
    public var text: String
}

public struct Argument: Sendable {
    public var label: String?
    public var labelSpan: Span?
    public var value: Expr
}

public struct Param: Sendable {
    public var name: String
    public var span: Span
    public var defaultValue: Expr?
}

public enum StringSegment: Sendable {
    case text(String)
    case expr(Expr)
}

public indirect enum ExprKind: Sendable {
    case number(Double)
    case string([StringSegment])
    case date(Int64)
    case quarter(Int, Int)
    case bool(Bool)
    case name(String)
    /// `64 GiB`, `70%`, `$1500`: a value with a unit written next to it.
    case withUnit(Expr, UnitExpr)
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    /// `expr -> unit` / `expr to unit`.
    case convert(Expr, UnitExpr)
    case list([Expr])
    case record([(name: String, span: Span, value: Expr)])
    case index(Expr, Expr)
    /// `xs[a:b]`: the items from `a` (included) to `b` (left out); either may be left out.
    case slice(Expr, Expr?, Expr?)
    case field(Expr, String, Span)
    case call(Expr, [Argument])
    case lambda([Param], Expr)
    case block([Stmt])
    case ifElse(Expr, Expr, Expr)
}

public struct FunctionDecl: Sendable {
    public var name: String
    public var nameSpan: Span
    public var params: [Param]
    public var body: Expr
    public var doc: String?
}

public enum StmtKind: Sendable {
    case expr(Expr)
    case assign(String, Span, Expr)
    case function(FunctionDecl)
    /// `unit node` or `unit rack = 42 node`.
    case unitDecl(String, Span, Expr?)
    case assert(Expr, Expr?)
    case `import`(String, Span)
    /// What the parser could not read (its diagnostics say why): kept so the rest of the
    /// program is still a tree for the checker's tables and the prompt's completion.
    case invalid
}

public struct Stmt: Sendable {
    public var kind: StmtKind
    public var span: Span
    public init(_ kind: StmtKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// A parsed file or entry.
public struct Program: Sendable {
    public var statements: [Stmt]
    public var file: Int
}
