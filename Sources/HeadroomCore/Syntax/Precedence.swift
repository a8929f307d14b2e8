/// Lua-style precedence table: one row per binary operator, read by `Parser.subexpr`.
///
/// An operator binds while its `left` priority is greater than the current limit; its right
/// operand is parsed with limit `right`. Equal left/right is left-associative, `right <
/// left` is right-associative.
enum Precedence {
    enum Op { case binary(BinaryOp), pipe, convert }

    struct Row { let op: Op; let left: Int; let right: Int }

    static let unary = 8
    static let not = 4

    static func row(for kind: TokenKind) -> Row? {
        switch kind {
        case .symbol(let s):
            switch s {
            case .pipe: return Row(op: .pipe, left: 1, right: 1)
            case .arrow: return Row(op: .convert, left: 1, right: 1)
            case .eq: return Row(op: .binary(.eq), left: 5, right: 5)
            case .ne: return Row(op: .binary(.ne), left: 5, right: 5)
            case .lt: return Row(op: .binary(.lt), left: 5, right: 5)
            case .le: return Row(op: .binary(.le), left: 5, right: 5)
            case .gt: return Row(op: .binary(.gt), left: 5, right: 5)
            case .ge: return Row(op: .binary(.ge), left: 5, right: 5)
            case .plus: return Row(op: .binary(.add), left: 6, right: 6)
            case .minus: return Row(op: .binary(.sub), left: 6, right: 6)
            case .star: return Row(op: .binary(.mul), left: 7, right: 7)
            case .slash: return Row(op: .binary(.div), left: 7, right: 7)
            case .caret, .starstar: return Row(op: .binary(.pow), left: 10, right: 9)
            default: return nil
            }
        case .keyword(.to): return Row(op: .convert, left: 1, right: 1)
        case .keyword(.or): return Row(op: .binary(.or), left: 2, right: 2)
        case .keyword(.and): return Row(op: .binary(.and), left: 3, right: 3)
        default: return nil
        }
    }
}
