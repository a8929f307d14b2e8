/// What an operand is, as far as the operator rules care.
public enum OperandKind: Sendable {
    case quantity(Dimension)
    case date, string, bool
    /// Anything else, by the name messages use ("a list", "a record").
    case other(String)

    var name: String {
        switch self {
        case .quantity(let d): return d.isNone ? "a number" : "a quantity (\(d))"
        case .date: return "a date"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .other(let n): return n
        }
    }
}

/// Why an operator cannot take its operands, with the words under each.
public struct OperatorError: Error, Sendable {
    public var code: DiagnosticCode
    public var message: String
    public var left: String
    public var right: String?
    public var notes: [String] = []
    /// The problem is the right operand alone (an exponent with a unit).
    public var onlyRight = false

    /// As a diagnostic at the operands' spans.
    public func diagnostic(_ ls: Span, _ rs: Span) -> Diagnostic {
        if onlyRight { return Diagnostic(code, message, at: rs, label: left, notes: notes) }
        return Diagnostic(code, message, at: ls, label: left, more: right.map { [Label(rs, $0)] } ?? [], notes: notes)
    }
}

/// The one table of what each binary operator accepts and yields, and what it says when it
/// cannot. The checker asks it with inferred types, the interpreter with values' kinds (and
/// then computes); lists and series apply it item by item.
public enum OperatorRules {
    /// How messages name an operator's action: "cannot add Bytes and Time".
    public static func verb(_ op: BinaryOp) -> String {
        switch op {
        case .add: return "add"
        case .sub: return "subtract"
        case .mul: return "multiply"
        case .div: return "divide"
        case .pow: return "raise"
        default: return "compare"
        }
    }

    static let time = Dimension(base: "Time")

    /// The kind of `a op b`. A `.quantity` result of dimension nil depends on a value (a
    /// quantity with a unit raised to a power): the interpreter works it out.
    public static func result(_ op: BinaryOp, _ a: OperandKind, _ b: OperandKind) -> Result<
        OperandKind?, OperatorError
    > {
        switch (a, b) {
        case (.quantity(let x), .quantity(let y)):
            switch op {
            case .add, .sub, .eq, .ne, .lt, .le, .gt, .ge:
                guard x == y else {
                    return .failure(
                        OperatorError(
                            code: .operatorDimension, message: "cannot \(verb(op)) \(x) and \(y)", left: x.description,
                            right: y.description, notes: plainNumberHint(x, y)))
                }
                return .success(op.isComparison ? .bool : a)
            case .mul: return .success(.quantity(x * y))
            case .div: return .success(.quantity(x / y))
            case .pow:
                guard y.isNone else {
                    return .failure(
                        OperatorError(
                            code: .exponentDimension, message: "an exponent must be a plain number",
                            left: y.description,
                            right: nil, onlyRight: true))
                }
                return .success(x.isNone ? .quantity(.none) : nil)
            case .and, .or: break
            }
        case (.date, .quantity(let d)) where op == .add || op == .sub,
            (.quantity(let d), .date) where op == .add:
            guard d == time else {
                return .failure(
                    OperatorError(
                        code: .operatorDimension, message: "cannot \(verb(op)) a date and \(d)", left: "Date",
                        right: d.description, notes: ["a date moves by a duration, such as 3 months"]))
            }
            return .success(.date)
        case (.date, .date) where op == .sub: return .success(.quantity(time))
        case (.date, .date) where op.isComparison: return .success(.bool)
        case (.string, .string) where op == .add: return .success(.string)
        case (.string, .string) where op.isComparison: return .success(.bool)
        case (.bool, .bool) where op == .eq || op == .ne: return .success(.bool)
        default: break
        }
        // Anything can be tested for equality (values of different kinds are not equal).
        if op == .eq || op == .ne { return .success(.bool) }
        return .failure(
            OperatorError(
                code: .operatorType, message: "cannot \(verb(op)) \(a.name) and \(b.name)", left: a.name, right: b.name)
        )
    }

    /// A prefix operator on a value that is not a list or series (those apply it item by item):
    /// `not` takes true or false, `-` and `+` a number or quantity.
    public static func unary(_ op: UnaryOp, _ operand: OperandKind) -> OperatorError? {
        switch (op, operand) {
        case (.not, .bool), (.negate, .quantity), (.plus, .quantity): return nil
        case (.not, _):
            return OperatorError(
                code: .conditionType, message: "'not' needs true or false", left: operand.name, right: nil)
        default:
            return OperatorError(
                code: .operatorType, message: "cannot negate \(operand.name)", left: operand.name, right: nil)
        }
    }

    /// `and`/`or` take true or false on each side.
    public static func logical(_ op: BinaryOp, _ side: OperandKind) -> OperatorError? {
        if case .bool = side { return nil }
        return OperatorError(
            code: .conditionType, message: "'\(op.rawValue)' needs true or false", left: side.name, right: nil)
    }

    /// Comparing a series item by item is refused, in both stages.
    public static let seriesComparison = OperatorError(
        code: .operatorType, message: "cannot compare a series item by item", left: "", right: nil,
        notes: ["compare a value from it instead, e.g. last(s) > 1 TB or max(s) > 1 TB"])

    /// Said the same before and while running, so it names the dimension, not a unit.
    static func plainNumberHint(_ x: Dimension, _ y: Dimension) -> [String] {
        guard x.isNone != y.isNone else { return [] }
        return ["give the plain number a unit of \(x.isNone ? y : x), as the other side has"]
    }
}
