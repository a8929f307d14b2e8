/// The compiled form of a function over plain numbers (`NumericBody`): the same operations
/// as `Node`s, on unboxed `Double`s and `Bool`s, for a body that can compute nothing else
/// when its parameters are plain numbers (`NumericCompiler` decides which bodies qualify).
///
/// Every rule is the interpreter's: arithmetic and comparison are `Interpreter.plainArithmetic`
/// and `plainComparison`, what they leave (`^`, a division by zero, a result too large) goes
/// to `Interpreter.binary` with the same operands and spans, and calls enter the interpreter
/// (`enter`: the stack guard, interrupts) at the same call. So a result, an error and the
/// place it points at are exactly what the general nodes give.
class NumNode: @unchecked Sendable {
    let span: Span
    init(_ span: Span) { self.span = span }

    /// A number-valued node's value, its parameters at `ls`.
    func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        preconditionFailure("num is overridden by every number-valued node")
    }

    /// A truth-valued node's value.
    func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        preconditionFailure("test is overridden by every truth-valued node")
    }
}

/// A number-valued operand: a parameter, a number written in the plan, or a parameter and a
/// number (`n - 1`) are computed in place, with no call for the commonest leaves; anything
/// else is its node's. Plain fields, not an enum with a payload: reading a node out of an
/// enum would retain it on every use.
struct NumOperand {
    enum Kind: UInt8 { case param, constant, paramConstant, node }
    let kind: Kind
    let slot: Int
    let value: Double
    let op: BinaryOp
    /// The node itself (computed for `.node`; its spans for an error in `.paramConstant`).
    let node: NumNode

    init(_ node: NumNode) {
        self.node = node
        if let p = node as? NumParamNode {
            (kind, slot, value, op) = (.param, p.slot, 0, .add)
        } else if let c = node as? NumConstNode {
            (kind, slot, value, op) = (.constant, 0, c.value, .add)
        } else if let a = node as? NumArithmeticNode, a.l.kind == .param, a.r.kind == .constant {
            (kind, slot, value, op) = (.paramConstant, a.l.slot, a.r.value, a.op)
        } else {
            (kind, slot, value, op) = (.node, 0, 0, .add)
        }
    }

    @inline(__always)
    func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        switch kind {
        case .param: return ls[slot]
        case .constant: return value
        case .paramConstant:
            if let r = Interpreter.plainArithmetic(op, ls[slot], value) { return r }
            return try node.num(i, ls)  // the same operation, which says what went wrong
        case .node: return try node.num(i, ls)
        }
    }
}

/// A parameter.
final class NumParamNode: NumNode, @unchecked Sendable {
    let slot: Int
    init(_ slot: Int, _ span: Span) {
        self.slot = slot
        super.init(span)
    }
    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double { ls[slot] }
}

/// A number written in the plan.
final class NumConstNode: NumNode, @unchecked Sendable {
    let value: Double
    init(_ value: Double, _ span: Span) {
        self.value = value
        super.init(span)
    }
    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double { value }
}

/// `true` or `false`.
final class TruthConstNode: NumNode, @unchecked Sendable {
    let value: Bool
    init(_ value: Bool, _ span: Span) {
        self.value = value
        super.init(span)
    }
    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool { value }
}

/// `a + b`, `a - b`, `a * b`, `a / b`, `a ^ b`.
final class NumArithmeticNode: NumNode, @unchecked Sendable {
    let op: BinaryOp
    let l: NumOperand, r: NumOperand
    let lSpan: Span, rSpan: Span
    init(_ op: BinaryOp, _ l: NumNode, _ r: NumNode, _ span: Span) {
        self.op = op
        self.l = NumOperand(l)
        self.r = NumOperand(r)
        lSpan = l.span
        rSpan = r.span
        super.init(span)
    }
    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        let a = try l.num(i, ls), b = try r.num(i, ls)
        if let v = Interpreter.plainArithmetic(op, a, b) { return v }
        return try i.plainBinary(op, a, b, lSpan, rSpan, span)
    }
}

/// `a < b` and the other comparisons of numbers.
final class NumComparisonNode: NumNode, @unchecked Sendable {
    let op: BinaryOp
    let l: NumOperand, r: NumOperand
    init(_ op: BinaryOp, _ l: NumNode, _ r: NumNode, _ span: Span) {
        self.op = op
        self.l = NumOperand(l)
        self.r = NumOperand(r)
        super.init(span)
    }
    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        let a = try l.num(i, ls), b = try r.num(i, ls)
        return Interpreter.plainComparison(op, a, b)
    }
}

/// `-x`.
final class NumNegateNode: NumNode, @unchecked Sendable {
    let x: NumNode
    init(_ x: NumNode, _ span: Span) {
        self.x = x
        super.init(span)
    }
    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        -(try x.num(i, ls))
    }
}

/// `not x`.
final class TruthNotNode: NumNode, @unchecked Sendable {
    let x: NumNode
    init(_ x: NumNode, _ span: Span) {
        self.x = x
        super.init(span)
    }
    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        !(try x.test(i, ls))
    }
}

/// `a and b`, `a or b`: the right side runs only when the left does not decide.
final class TruthLogicNode: NumNode, @unchecked Sendable {
    let and: Bool
    let l: NumNode, r: NumNode
    init(and: Bool, _ l: NumNode, _ r: NumNode, _ span: Span) {
        self.and = and
        self.l = l
        self.r = r
        super.init(span)
    }
    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        let a = try l.test(i, ls)
        if a != and { return a }
        return try r.test(i, ls)
    }
}

/// `if c then a else b`, of numbers or of truths.
final class NumIfNode: NumNode, @unchecked Sendable {
    let condition: NumNode, then: NumNode, otherwise: NumNode
    /// The branches as operands (read in place when a parameter or a number).
    private let thenValue: NumOperand, otherwiseValue: NumOperand
    /// The condition when it compares two numbers (`n < 2`): computed in place.
    private let compares: Bool
    private let compareOp: BinaryOp
    private let compareL: NumOperand, compareR: NumOperand
    init(_ condition: NumNode, _ then: NumNode, _ otherwise: NumNode, _ span: Span) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        thenValue = NumOperand(then)
        otherwiseValue = NumOperand(otherwise)
        let comparison = condition as? NumComparisonNode
        compares = comparison != nil
        compareOp = comparison?.op ?? .lt
        compareL = comparison?.l ?? NumOperand(NumConstNode(0, span))
        compareR = comparison?.r ?? NumOperand(NumConstNode(0, span))
        super.init(span)
    }
    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        let c: Bool
        if compares {
            c = Interpreter.plainComparison(compareOp, try compareL.num(i, ls), try compareR.num(i, ls))
        } else {
            c = try condition.test(i, ls)
        }
        return c ? try thenValue.num(i, ls) : try otherwiseValue.num(i, ls)
    }
    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        try condition.test(i, ls) ? try then.test(i, ls) : try otherwise.test(i, ls)
    }
}

/// A call of a global function by name (`fib(n - 1)`). `NumericBody.ready` has found the
/// function the name holds while the globals stay as they are, and that it is itself a
/// numeric body of this arity and kind; `target` is its root, borrowed, not retained: the
/// globals hold it for that generation (and a strong reference from its own body would be
/// a cycle).
final class NumCallNode: NumNode, @unchecked Sendable {
    let name: String
    let args: [NumNode]
    /// The first argument apart: most calls have one.
    private let first: NumOperand
    let arity: Int
    let truth: Bool
    /// The root of the function the name holds, and the generation of the globals it was
    /// found in.
    private var target: Unmanaged<NumNode>?
    private var targetGeneration = -1

    init(_ name: String, _ args: [NumNode], truth: Bool, _ span: Span) {
        self.name = name
        self.args = args
        first = NumOperand(args.first ?? NumConstNode(0, span))
        arity = args.count
        self.truth = truth
        super.init(span)
    }

    /// The numeric body the name holds now, if it is one of this arity and kind.
    func lookup(_ i: Interpreter) -> NumericBody? {
        guard case .function(let fn)? = i.state.globals[name], case .closure(let c) = fn.body,
            let callee = c.code.numeric, callee.arity == arity, callee.truth == truth
        else { return nil }
        return callee
    }

    func aim(at callee: NumericBody, _ generation: Int) {
        target = Unmanaged.passUnretained(callee.root)
        targetGeneration = generation
    }

    /// A body can be reached in a generation other than the one its calls were last aimed
    /// in (a failed entry rolled the globals back to an older one): aims again. The body
    /// that called it was found ready in this generation, so this finds its target.
    @inline(never)
    private func reaim(_ i: Interpreter) throws(Diagnostic) {
        guard let callee = lookup(i), callee.ready(i) else { throw i.notResolved(span) }
        aim(at: callee, i.globalsGeneration)
    }

    override func num(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Double {
        try i.enter(span)
        if targetGeneration != i.globalsGeneration { try reaim(i) }
        guard let target else { throw i.notResolved(span) }
        if arity == 1 {
            var a = try first.num(i, ls)
            return try withUnsafePointer(to: &a) { p throws(Diagnostic) in
                try NumCallNode.borrowing(target) { callee throws(Diagnostic) in try callee.num(i, p) }
            }
        }
        return try withArguments(i, ls) { p throws(Diagnostic) in
            try NumCallNode.borrowing(target) { callee throws(Diagnostic) in try callee.num(i, p) }
        }
    }

    override func test(_ i: Interpreter, _ ls: UnsafePointer<Double>) throws(Diagnostic) -> Bool {
        try i.enter(span)
        if targetGeneration != i.globalsGeneration { try reaim(i) }
        guard let target else { throw i.notResolved(span) }
        return try withArguments(i, ls) { p throws(Diagnostic) in
            try NumCallNode.borrowing(target) { callee throws(Diagnostic) in try callee.test(i, p) }
        }
    }

    /// `body` on the target, borrowed for the call (no retain; its errors passed on as they are).
    @inline(__always)
    private static func borrowing<T>(
        _ target: Unmanaged<NumNode>, _ body: (NumNode) throws(Diagnostic) -> T
    ) throws(Diagnostic) -> T {
        let result: Result<T, Diagnostic> = target._withUnsafeGuaranteedRef { callee in
            do throws(Diagnostic) { return .success(try body(callee)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The arguments, evaluated in order, in a buffer on the native stack for `body`.
    @inline(__always)
    private func withArguments<T>(
        _ i: Interpreter, _ ls: UnsafePointer<Double>, _ body: (UnsafePointer<Double>) throws(Diagnostic) -> T
    ) throws(Diagnostic) -> T {
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(arity, 1)) {
            buffer throws(Diagnostic) in
            guard let base = buffer.baseAddress else { throw i.notResolved(span) }
            for k in 0..<arity { (base + k).initialize(to: try args[k].num(i, ls)) }
            return try body(base)
        }
    }
}

extension Interpreter {
    /// What `binary` says of two plain numbers that `plainArithmetic` left to it (`^`, a
    /// division by zero, a result too large): a plain number, or its error.
    @inline(never)
    func plainBinary(_ op: BinaryOp, _ a: Double, _ b: Double, _ ls: Span, _ rs: Span, _ whole: Span)
        throws(Diagnostic) -> Double
    {
        let v = try binary(op, .number(a), .number(b), ls, rs, whole)
        guard case .quantity(let q) = v, q.unit.isEmpty else { throw notResolved(whole) }
        return q.base
    }

    /// Never thrown: `NumericBody.ready` resolves every call before a numeric body runs, and
    /// arithmetic on plain numbers gives plain numbers. Here so that a broken promise is an
    /// error, not a crash.
    @inline(never)
    func notResolved(_ span: Span) -> Diagnostic {
        error(.operatorType, "internal error: a numeric function was run unprepared", span)
    }
}
