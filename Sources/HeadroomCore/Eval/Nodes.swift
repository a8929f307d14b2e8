/// The compiled form of an expression: a tree of nodes, each evaluating itself.
///
/// `Compiler` builds these from the syntax tree once per definition; names are already
/// resolved to frame slots, so evaluating one walks no dictionaries for locals. What each
/// operation computes (arithmetic, indexing, calls, their errors) is the interpreter's, the
/// same for every node, so a rule and its message stay in one place.
class Node: @unchecked Sendable {
    let span: Span
    init(_ span: Span) { self.span = span }

    func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        preconditionFailure("Node.eval is overridden by every node")
    }
}

final class ConstNode: Node, @unchecked Sendable {
    let value: Value
    init(_ value: Value, _ span: Span) {
        self.value = value
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value { value }
}

/// `"text {expr} text"`.
final class StringNode: Node, @unchecked Sendable {
    enum Part {
        case text(String)
        case expr(Node)
    }
    let parts: [Part]
    init(_ parts: [Part], _ span: Span) {
        self.parts = parts
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        var out = ""
        for p in parts {
            switch p {
            case .text(let t): out += t
            case .expr(let n): out += ValueFormatter.inline(try n.eval(i, f, ls))
            }
        }
        return .string(out)
    }
}

/// A name: the frames that may bind it, innermost first (`hops` frames out, then `slot`),
/// then the session's globals, units and builtins. A slot not assigned yet (a block reading
/// a name before assigning it) passes the lookup on, as it always has.
final class NameNode: Node, @unchecked Sendable {
    let name: String
    let places: [(hops: Int, slot: Int)]
    /// In a call position functions come before units (`min(a, b)`).
    let callee: Bool
    /// The innermost place, apart (most names have one place or none): -1 when none.
    private let hops: Int, slot: Int
    init(_ name: String, places: [(hops: Int, slot: Int)], callee: Bool, _ span: Span) {
        self.name = name
        self.places = places
        self.callee = callee
        hops = places.first?.hops ?? -1
        slot = places.first?.slot ?? -1
        super.init(span)
    }
    /// What the name was found to be outside the frames, while the globals stay as they
    /// were (`generation`): a global, or, in a call position, a builtin (a unit declared
    /// later cannot hide a function there). A user's function is kept unowned: the globals
    /// hold it while the generation is the same, and a strong reference here would be a
    /// cycle (its body holds this node).
    private var generation = -1
    private var value: Value?
    private unowned(unsafe) var closure: Function?

    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        if hops == 0, let f, let v = f.read(slot) { return v }
        if hops > 0 || places.count > 1 {
            for p in places {
                var frame = f
                for _ in 0..<p.hops { frame = frame?.parent }
                if let v = frame?.read(p.slot) { return v }
            }
        }
        if i.globalsGeneration == generation {
            if let closure { return .function(closure) }
            if let value { return value }
        }
        if let v = i.state.globals[name] {
            keep(v, i.globalsGeneration)
            return v
        }
        if callee, let b = i.builtins[name] {
            let v = Value.function(b.function)
            keep(v, i.globalsGeneration)
            return v
        }
        return callee ? try i.lookupCallable(name, span, f) : try i.lookup(name, span, f)
    }

    private func keep(_ v: Value, _ now: Int) {
        closure = nil
        value = nil
        generation = now
        switch v {
        case .function(let fn):
            if case .closure = fn.body { closure = fn } else { value = v }
        case .list, .record:
            // It may hold closures, and finding out would read every item (a list can be
            // a million long): looked up each time instead.
            generation = -1
        default:
            value = v
        }
    }
}

/// A parameter of the flat function being run: its slot in the call's `Locals`.
final class LocalNode: Node, @unchecked Sendable {
    let slot: Int
    init(_ slot: Int, _ span: Span) {
        self.slot = slot
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value { ls[slot] }
}

/// `64 GiB`, `70%`: a value with a unit written next to it.
final class WithUnitNode: Node, @unchecked Sendable {
    let x: Node
    let unit: UnitExpr
    init(_ x: Node, _ unit: UnitExpr, _ span: Span) {
        self.x = x
        self.unit = unit
        super.init(span)
    }
    private var resolved: (generation: Int, unit: UnitProduct)?
    /// For a literal (`2 GB`): the value, while the units stay as they were.
    private var literal: (generation: Int, value: Value)?
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        if let literal, literal.generation == i.unitsGeneration { return literal.value }
        let v = try x.eval(i, f, ls)
        let result = try i.withUnit(v, try i.resolveUnit(unit, cache: &resolved), unit, x.span, span)
        if x is ConstNode { literal = (i.unitsGeneration, result) }
        return result
    }
}

final class UnaryNode: Node, @unchecked Sendable {
    let op: UnaryOp
    let x: Node
    init(_ op: UnaryOp, _ x: Node, _ span: Span) {
        self.op = op
        self.x = x
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        try i.unary(op, try x.eval(i, f, ls), x.span, span)
    }
}

final class BinaryNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let l: Node, r: Node
    init(_ op: BinaryOp, _ l: Node, _ r: Node, _ span: Span) {
        self.op = op
        self.l = l
        self.r = r
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let a = try l.eval(i, f, ls), b = try r.eval(i, f, ls)
        if let v = Interpreter.quickBinary(op, a, b) { return v }
        return try i.binary(op, a, b, l.span, r.span, span)
    }
}

/// `n - 1`, `n < 2`: a flat function's parameter and a constant, the commonest operation
/// in a function body. It computes exactly what `BinaryNode` would, reading both sides
/// without evaluating a node for either.
final class LocalConstBinaryNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let slot: Int
    let constant: Value
    /// The constant when it is a plain number: then a plain number in the slot is read in
    /// place, as `quickBinary` would take it.
    private let plainConstant: Double?
    let l: Node, r: Node
    init(_ op: BinaryOp, _ l: LocalNode, _ r: ConstNode, _ span: Span) {
        self.op = op
        slot = l.slot
        constant = r.value
        if case .quantity(let q) = r.value, q.unit.isEmpty { plainConstant = q.base } else { plainConstant = nil }
        self.l = l
        self.r = r
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        try compute(i, ls)
    }
    @inline(__always)
    func compute(_ i: Interpreter, _ ls: Locals) throws(Diagnostic) -> Value {
        if let c = plainConstant, case .quantity(let x) = ls[slot], x.unit.isEmpty,
            let v = Interpreter.plain(op, x.base, c)
        {
            return v
        }
        if let v = Interpreter.quickBinary(op, ls[slot], constant) { return v }
        return try i.binary(op, ls[slot], constant, l.span, r.span, span)
    }
}

/// `and`/`or`: the right side runs only when the left does not decide.
final class LogicalNode: Node, @unchecked Sendable {
    let op: BinaryOp
    let l: Node, r: Node
    init(_ op: BinaryOp, _ l: Node, _ r: Node, _ span: Span) {
        self.op = op
        self.l = l
        self.r = r
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let a = try i.truth(op, try l.eval(i, f, ls), l.span)
        if a != (op == .and) { return .bool(a) }
        return .bool(try i.truth(op, try r.eval(i, f, ls), r.span))
    }
}

final class ConvertNode: Node, @unchecked Sendable {
    let x: Node
    let unit: UnitExpr
    private var resolved: (generation: Int, unit: UnitProduct)?
    init(_ x: Node, _ unit: UnitExpr, _ span: Span) {
        self.x = x
        self.unit = unit
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let v = try x.eval(i, f, ls)
        return try i.convert(v, try i.resolveUnit(unit, cache: &resolved), x.span, unit)
    }
}

final class ListNode: Node, @unchecked Sendable {
    let items: [Node]
    init(_ items: [Node], _ span: Span) {
        self.items = items
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for n in items { out.append(try n.eval(i, f, ls)) }
        return .list(out)
    }
}

final class RecordNode: Node, @unchecked Sendable {
    let fields: [(name: String, value: Node)]
    init(_ fields: [(name: String, value: Node)], _ span: Span) {
        self.fields = fields
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        var out: [(name: String, value: Value)] = []
        out.reserveCapacity(fields.count)
        for field in fields { out.append((field.name, try field.value.eval(i, f, ls))) }
        return .record(Record(out))
    }
}

final class IndexNode: Node, @unchecked Sendable {
    let x: Node, index: Node
    init(_ x: Node, _ index: Node, _ span: Span) {
        self.x = x
        self.index = index
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let v = try x.eval(i, f, ls)
        return try i.index(v, try index.eval(i, f, ls), x.span, index.span)
    }
}

final class SliceNode: Node, @unchecked Sendable {
    let x: Node
    let from: Node?, to: Node?
    init(_ x: Node, _ from: Node?, _ to: Node?, _ span: Span) {
        self.x = x
        self.from = from
        self.to = to
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let v = try x.eval(i, f, ls)
        let a = try from.map { n throws(Diagnostic) in (try n.eval(i, f, ls), n.span) }
        let b = try to.map { n throws(Diagnostic) in (try n.eval(i, f, ls), n.span) }
        return try i.slice(v, a, b, x.span)
    }
}

final class FieldNode: Node, @unchecked Sendable {
    let x: Node
    let name: String
    let nameSpan: Span
    init(_ x: Node, _ name: String, _ nameSpan: Span, _ span: Span) {
        self.x = x
        self.name = name
        self.nameSpan = nameSpan
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        try i.field(try x.eval(i, f, ls), name, x.span, nameSpan)
    }
}

final class IfNode: Node, @unchecked Sendable {
    let condition: Node, then: Node, otherwise: Node
    init(_ condition: Node, _ then: Node, _ otherwise: Node, _ span: Span) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        guard case .bool(let c) = try condition.eval(i, f, ls) else { throw IfNode.notBoolean(i, condition.span) }
        if c { return try then.eval(i, f, ls) }
        return try otherwise.eval(i, f, ls)
    }

    @inline(never)
    static func notBoolean(_ i: Interpreter, _ span: Span) -> Diagnostic {
        i.error(.conditionType, "the condition of 'if' must be true or false", span, label: "not a boolean")
    }
}

/// `if n < 2 then ...` in a flat function: `IfNode` with the comparison of a parameter and
/// a constant run in place rather than through a node call (the usual test that ends a
/// recursion).
final class IfLocalTestNode: Node, @unchecked Sendable {
    let test: LocalConstBinaryNode, then: Node, otherwise: Node
    init(_ test: LocalConstBinaryNode, _ then: Node, _ otherwise: Node, _ span: Span) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        guard case .bool(let c) = try test.compute(i, ls) else { throw IfNode.notBoolean(i, test.span) }
        if c { return try then.eval(i, f, ls) }
        return try otherwise.eval(i, f, ls)
    }
}

/// `x => body` (and `fn` definitions): makes a closure over the frame it runs in.
final class LambdaNode: Node, @unchecked Sendable {
    let name: String
    let code: CompiledFunction
    init(name: String, _ code: CompiledFunction, _ span: Span) {
        self.name = name
        self.code = code
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        .function(Function(name: name, body: .closure(Closure(code: code, frame: f))))
    }
}

/// `{ a = 1; a + 1 }`: statements in a new frame; the last one gives the value.
final class BlockNode: Node, @unchecked Sendable {
    let layout: FrameLayout
    let statements: [Node]
    init(_ layout: FrameLayout, _ statements: [Node], _ span: Span) {
        self.layout = layout
        self.statements = statements
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let inner = Frame(layout, parent: f)
        var result: Value?
        defer { if !(result?.reachesClosure ?? false) { inner.clear() } }
        var last: Value = .nothing
        for s in statements { last = try s.eval(i, inner, ls) }
        result = last
        return last
    }
}
