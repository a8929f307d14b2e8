/// A function body compiled a second time, for plain numbers (`NumNode`): kept by a
/// `CompiledFunction` whose body, given parameters that are plain numbers, can only compute
/// a plain number or only a truth: arithmetic, comparisons, `and`/`or`/`not`, `if`, its
/// parameters, numbers written in it, and calls of global functions that are such bodies
/// themselves (`fib`, `x => x * 2 + 1`, `fn clamp(x, lo, hi) = if x < lo then lo else ...`).
///
/// A call to it whose arguments are plain numbers runs this form: the numbers stay unboxed
/// and calls between such functions pass them on the native stack, with no value slots.
/// Anything else (units, lists, other names, builtins) keeps the general form.
final class NumericBody: @unchecked Sendable {
    let root: NumNode
    /// Whether it computes a truth (else a number).
    let truth: Bool
    let arity: Int
    /// Its calls, resolved by `ready` for the globals' current generation.
    let calls: [NumCallNode]
    private var readyGeneration = -1
    private var failedGeneration = -1

    init(root: NumNode, truth: Bool, arity: Int, calls: [NumCallNode]) {
        self.root = root
        self.truth = truth
        self.arity = arity
        self.calls = calls
    }

    /// Whether every call it can reach (through the functions it calls, and theirs) names a
    /// global that holds a numeric body of that arity and kind. Decided once per generation
    /// of the globals, which no call can change (only top-level statements assign them).
    @inline(__always)
    func ready(_ i: Interpreter) -> Bool {
        let g = i.globalsGeneration
        if readyGeneration == g { return true }
        if failedGeneration == g { return false }
        return resolve(i, g)
    }

    /// Finds every call's target first and changes nothing unless all are found: a body
    /// marked ready for a generation always has that generation's targets (a session can
    /// return to an older generation when a failed entry rolls back).
    @inline(never)
    private func resolve(_ i: Interpreter, _ g: Int) -> Bool {
        var reached: [NumericBody] = []
        var targets: [(NumCallNode, NumericBody)] = []
        var seen = Set<ObjectIdentifier>()
        var pending = [self]
        while let body = pending.popLast() {
            guard seen.insert(ObjectIdentifier(body)).inserted else { continue }
            reached.append(body)
            for call in body.calls {
                guard let callee = call.lookup(i) else {
                    failedGeneration = g
                    return false
                }
                targets.append((call, callee))
                pending.append(callee)
            }
        }
        for (call, callee) in targets { call.aim(at: callee, g) }
        for body in reached { body.readyGeneration = g }
        return true
    }

    /// Runs it with `arguments` as its parameters.
    @inline(__always)
    func run(_ i: Interpreter, _ arguments: UnsafePointer<Double>) throws(Diagnostic) -> Value {
        truth ? .bool(try root.test(i, arguments)) : .number(try root.num(i, arguments))
    }
}

/// Compiles a function body for plain numbers (`NumericBody`) when every part of it is one
/// `NumNode` can compute; nil otherwise. Types are those of the body with every parameter a
/// plain number: an operand that would be a truth where a number is wanted (or the other
/// way) leaves the function general, where the interpreter's error is.
struct NumericCompiler {
    private let params: [String]
    /// Whether a name that is not a parameter is a global here (no frame around has it).
    private let global: (String) -> Bool
    private var calls: [NumCallNode] = []

    private init(_ params: [String], global: @escaping (String) -> Bool) {
        self.params = params
        self.global = global
    }

    static func compile(_ params: [Param], _ body: Expr, global: @escaping (String) -> Bool) -> NumericBody? {
        guard params.allSatisfy({ $0.defaultValue == nil }) else { return nil }
        var c = NumericCompiler(params.map(\.name), global: global)
        if let root = c.number(body) {
            return NumericBody(root: root, truth: false, arity: params.count, calls: c.calls)
        }
        c.calls = []
        if let root = c.truth(body) {
            return NumericBody(root: root, truth: true, arity: params.count, calls: c.calls)
        }
        return nil
    }

    private mutating func number(_ e: Expr) -> NumNode? {
        switch e.kind {
        case .number(let v): return NumConstNode(v, e.span)
        case .name(let n):
            guard let slot = params.firstIndex(of: n) else { return nil }
            return NumParamNode(slot, e.span)
        case .unary(.negate, let x): return number(x).map { NumNegateNode($0, e.span) }
        case .unary(.plus, let x): return number(x)
        case .binary(let op, let l, let r) where [.add, .sub, .mul, .div, .pow].contains(op):
            guard let a = number(l), let b = number(r) else { return nil }
            return NumArithmeticNode(op, a, b, e.span)
        case .ifElse(let c, let a, let b):
            guard let t = truth(c), let x = number(a), let y = number(b) else { return nil }
            return NumIfNode(t, x, y, e.span)
        case .call: return call(e, truth: false)
        default: return nil
        }
    }

    private mutating func truth(_ e: Expr) -> NumNode? {
        switch e.kind {
        case .bool(let b): return TruthConstNode(b, e.span)
        case .unary(.not, let x): return truth(x).map { TruthNotNode($0, e.span) }
        case .binary(let op, let l, let r) where op.isComparison:
            guard let a = number(l), let b = number(r) else { return nil }
            return NumComparisonNode(op, a, b, e.span)
        case .binary(let op, let l, let r) where op == .and || op == .or:
            guard let a = truth(l), let b = truth(r) else { return nil }
            return TruthLogicNode(and: op == .and, a, b, e.span)
        case .ifElse(let c, let a, let b):
            guard let t = truth(c), let x = truth(a), let y = truth(b) else { return nil }
            return NumIfNode(t, x, y, e.span)
        case .call: return call(e, truth: true)
        default: return nil
        }
    }

    /// `f(a, b)`: `f` the name of a global (not a parameter, in no frame around), every
    /// argument unlabelled and a number.
    private mutating func call(_ e: Expr, truth: Bool) -> NumNode? {
        guard case .call(let callee, let args) = e.kind, case .name(let name) = callee.kind, !params.contains(name),
            global(name), args.allSatisfy({ $0.label == nil })
        else { return nil }
        var values: [NumNode] = []
        for a in args {
            guard let v = number(a.value) else { return nil }
            values.append(v)
        }
        let node = NumCallNode(name, values, truth: truth, e.span)
        calls.append(node)
        return node
    }
}
