/// Compiled calls and statements.

/// `f(a, b: c)`. A closure called with one unlabelled argument per parameter (the common
/// case, and every recursive call) gets them straight into its slots; any other call goes
/// through `Interpreter.call`, which binds labels and defaults and runs builtins.
///
/// When the callee is a global name (no local can hide it) bound to a flat function defined
/// at the top level, the node keeps that function's code while the globals stay as they were,
/// and calls it without making a function value. The code is kept unretained (a retain would
/// be a cycle: the code holds this node): the globals hold it, and they cannot change while a
/// call runs (only top-level statements assign them).
final class CallNode: Node, @unchecked Sendable {

    let callee: Node
    let args: [(label: String?, value: Node)]
    let positional: Bool
    /// The argument nodes alone, for the quick path, and the first apart (a node read from
    /// an array is retained around its call; a stored one is not).
    private let argNodes: [Node]
    private let first: Node
    /// The first argument when it is a parameter and a constant (`n - 1`): run in place.
    private let firstLocal: LocalConstBinaryNode?
    private let global: Bool
    private var generation = -1
    private var direct: Unmanaged<CompiledFunction>?
    init(_ callee: Node, _ args: [(label: String?, value: Node)], _ span: Span) {
        self.callee = callee
        self.args = args
        positional = args.allSatisfy { $0.label == nil }
        argNodes = args.map(\.value)
        first = args.first?.value ?? ConstNode(.nothing, span)
        firstLocal = first as? LocalConstBinaryNode
        if let name = callee as? NameNode { global = name.places.isEmpty } else { global = false }
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        if generation == i.globalsGeneration, let direct {
            try i.enter(span)
            // Borrowed, not retained, for the call (see above).
            let result: Result<Value, Diagnostic> = direct._withUnsafeGuaranteedRef { code in
                do throws(Diagnostic) {
                    return .success(
                        try i.invokeFlat(code, over: nil) { k, _, _ throws(Diagnostic) in
                            if k == 0 {
                                if let firstLocal { return try firstLocal.compute(i, ls) }
                                return try first.eval(i, f, ls)
                            }
                            return try argNodes[k].eval(i, f, ls)
                        })
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
        return try find(i, f, ls)
    }

    /// Any call but the kept one: evaluates the callee, keeps it when it can, and calls it.
    @inline(never)
    private func find(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let fv = try callee.eval(i, f, ls)
        if positional, case .function(let fn) = fv, case .closure(let c) = fn.body, c.code.allRequired,
            c.code.arity == args.count
        {
            if global, c.frame == nil, c.code.flat {
                generation = i.globalsGeneration
                direct = Unmanaged.passUnretained(c.code)
            }
            try i.enter(span)
            return try i.invoke(c.code, over: c.frame) { k, _, _ throws(Diagnostic) in try argNodes[k].eval(i, f, ls)
            }
        }
        var values: Interpreter.CallArgs = []  // labels, defaults or a builtin: the general binder
        values.reserveCapacity(args.count)
        for a in args { values.append((a.label, try a.value.eval(i, f, ls), a.value.span)) }
        return try i.call(fv, values, callee.span, span)
    }
}

/// An expression as a statement. At the top level of the file being run its value is shown,
/// unless it is `nothing` (or a list of nothing: `map(xs, x => print(x))` has printed what
/// it had to say).
final class ExprStatementNode: Node, @unchecked Sendable {
    let x: Node
    init(_ x: Node, _ span: Span) {
        self.x = x
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let v = try x.eval(i, f, ls)
        let shown: Bool = {
            switch v {
            case .nothing: return false
            case .list(let xs)
            where !xs.isEmpty && xs.allSatisfy({ if case .nothing = $0 { true } else { false } }):
                return false
            default: return f == nil && i.quiet == 0
            }
        }()
        if shown { i.host.show(v, span: x.span) }
        return v
    }
}

/// `name = value` and `fn name(...) = ...`: a slot of the block's frame, or a global at the
/// top level.
final class AssignNode: Node, @unchecked Sendable {
    let name: String
    let slot: Int?
    let x: Node
    init(_ name: String, slot: Int?, _ x: Node, _ span: Span) {
        self.name = name
        self.slot = slot
        self.x = x
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        let v = try x.eval(i, f, ls)
        if let slot, let f { f.write(slot, v) } else { i.state.globals[name] = v }
        return .nothing
    }
}

/// `unit node` or `unit rack = 42 node`.
final class UnitDeclNode: Node, @unchecked Sendable {
    let name: String
    let definition: Node?
    init(_ name: String, _ definition: Node?, _ span: Span) {
        self.name = name
        self.definition = definition
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        var size: (dimension: Dimension, factor: Double)?
        if let def = definition {
            guard case .quantity(let q) = try def.eval(i, f, ls) else {
                throw i.error(.unitPlacement, "a unit is defined as a quantity", def.span, label: "not a quantity")
            }
            guard q.base > 0, q.base.isFinite else {
                throw i.error(.unitPlacement, "a unit must be a positive size", def.span)
            }
            size = (q.dimension, q.base)
        }
        if i.state.units.lookup(name) != nil, !i.state.declaredUnits.contains(name) {
            throw i.error(.unitAlreadyDefined, "'\(name)' is already a built-in unit", span)
        }
        i.state.units.declare(name, as: size)
        i.state.declaredUnits.insert(name)
        return .nothing
    }
}

/// `assert condition, message`. For a comparison the failure shows both sides, so it says
/// what the values were.
final class AssertNode: Node, @unchecked Sendable {
    let condition: Node
    let message: Node?
    let sides: (op: BinaryOp, l: Node, r: Node)?
    init(_ condition: Node, message: Node?, sides: (op: BinaryOp, l: Node, r: Node)?, _ span: Span) {
        self.condition = condition
        self.message = message
        self.sides = sides
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        guard case .bool(let ok) = try condition.eval(i, f, ls) else {
            throw i.error(.conditionType, "assert needs a condition that is true or false", condition.span)
        }
        if ok { return .nothing }
        var text = "assertion failed"
        if let message { text += ": " + ValueFormatter.inline(try message.eval(i, f, ls)) }
        var label = "this is false"
        if let sides {
            let a = try sides.l.eval(i, f, ls), b = try sides.r.eval(i, f, ls)
            label = "\(ValueFormatter.inline(a)) \(sides.op.rawValue) \(ValueFormatter.inline(b)) is false"
        }
        throw i.error(.assertionFailed, text, condition.span, label: label)
    }
}

/// `import "file.plan"`, which belongs at the top level.
final class ImportNode: Node, @unchecked Sendable {
    let path: String
    init(_ path: String, _ span: Span) {
        self.path = path
        super.init(span)
    }
    override func eval(_ i: Interpreter, _ f: Frame?, _ ls: Locals) throws(Diagnostic) -> Value {
        guard f == nil else { throw i.error(.importPlacement, "import belongs at the top level of a file", span) }
        try i.importFile(path, span)
        return .nothing
    }
}
