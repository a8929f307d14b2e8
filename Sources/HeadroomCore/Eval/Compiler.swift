/// Turns the syntax tree into `Node`s, resolving each local name to the frames that may bind
/// it.
///
/// Frames are lexical: a call's frame holds the parameters and sits inside the frame the
/// function was made in; a block's frame holds the names the block assigns. A name is looked
/// up in each frame around it that has a slot for it, innermost first, then among the
/// session's globals, units and builtins, exactly the order the language has always had.
/// Nothing here evaluates or checks anything: the checker has run before.
///
/// The parameters of a flat function (`CompiledFunction.flat`) are not a frame: while its
/// body is compiled they are `locals`, read from the call's slots on the value stack, and the
/// frames counted out from its body start at the frame the function closes over.
struct Compiler {
    /// The frames around the code being compiled, outermost first.
    private var frames: [FrameLayout] = []
    /// The parameters of the flat function being compiled, as far as they are visible (a
    /// default value sees the parameters before its own).
    private var locals: ArraySlice<String>?

    init() {}

    mutating func statement(_ s: Stmt) -> Node {
        switch s.kind {
        case .expr(let e):
            return ExprStatementNode(expression(e), s.span)
        case .assign(let name, _, let e):
            return AssignNode(name, slot: frames.last?.slot(of: name), expression(e), s.span)
        case .function(let decl):
            let code = function(decl.params, decl.body)
            let make = LambdaNode(name: decl.name, code, s.span)
            return AssignNode(decl.name, slot: frames.last?.slot(of: decl.name), make, s.span)
        case .unitDecl(let name, let span, let def):
            return UnitDeclNode(name, def.map { expression($0) }, span)
        case .assert(let cond, let message):
            var sides: (op: BinaryOp, l: Node, r: Node)?
            if case .binary(let op, let l, let r) = cond.kind, op.isComparison {
                sides = (op, expression(l), expression(r))
            }
            return AssertNode(expression(cond), message: message.map { expression($0) }, sides: sides, s.span)
        case .import(let path, let span):
            return ImportNode(path, span)
        case .invalid:
            // Never reached: a program with an unreadable statement does not run.
            return ConstNode(.nothing, s.span)
        }
    }

    mutating func expression(_ e: Expr) -> Node {
        switch e.kind {
        case .number(let v): return ConstNode(.number(v), e.span)
        case .bool(let b): return ConstNode(.bool(b), e.span)
        case .date(let s): return ConstNode(.date(s), e.span)
        case .quarter(let y, let q): return ConstNode(.date(CivilDate.quarterStart(year: y, quarter: q)), e.span)
        case .string(let segments):
            if segments.isEmpty { return ConstNode(.string(""), e.span) }
            if segments.count == 1, case .text(let t) = segments[0] { return ConstNode(.string(t), e.span) }
            return StringNode(
                segments.map { s -> StringNode.Part in
                    switch s {
                    case .text(let t): return .text(t)
                    case .expr(let x): return .expr(expression(x))
                    }
                }, e.span)
        case .name(let n): return name(n, callee: false, e.span)
        case .withUnit(let x, let u): return WithUnitNode(expression(x), u, e.span)
        case .unary(let op, let x): return UnaryNode(op, expression(x), e.span)
        case .binary(let op, let l, let r):
            if op == .and || op == .or { return LogicalNode(op, expression(l), expression(r), e.span) }
            let a = expression(l), b = expression(r)
            if let a = a as? LocalNode, let b = b as? ConstNode { return LocalConstBinaryNode(op, a, b, e.span) }
            return BinaryNode(op, a, b, e.span)
        case .convert(let x, let u): return ConvertNode(expression(x), u, e.span)
        case .list(let items): return ListNode(items.map { expression($0) }, e.span)
        case .record(let fields): return RecordNode(fields.map { ($0.name, expression($0.value)) }, e.span)
        case .index(let x, let i): return IndexNode(expression(x), expression(i), e.span)
        case .slice(let x, let a, let b):
            return SliceNode(expression(x), a.map { expression($0) }, b.map { expression($0) }, e.span)
        case .field(let x, let n, let span): return FieldNode(expression(x), n, span, e.span)
        case .call(let callee, let args):
            let f: Node
            if case .name(let n) = callee.kind {
                f = name(n, callee: true, callee.span)
            } else {
                f = expression(callee)
            }
            return CallNode(f, args.map { ($0.label, expression($0.value)) }, e.span)
        case .lambda(let params, let body):
            return LambdaNode(name: "lambda", function(params, body), e.span)
        case .block(let stmts):
            var names: [String] = []
            for s in stmts {
                switch s.kind {
                case .assign(let n, _, _) where !names.contains(n): names.append(n)
                case .function(let d) where !names.contains(d.name): names.append(d.name)
                default: break
                }
            }
            let layout = FrameLayout(names)
            frames.append(layout)
            defer { frames.removeLast() }
            return BlockNode(layout, stmts.map { statement($0) }, e.span)
        case .ifElse(let c, let a, let b):
            let test = expression(c)
            if let test = test as? LocalConstBinaryNode {
                return IfLocalTestNode(test, expression(a), expression(b), e.span)
            }
            return IfNode(test, expression(a), expression(b), e.span)
        }
    }

    private func name(_ n: String, callee: Bool, _ span: Span) -> Node {
        if let locals, let slot = locals.firstIndex(of: n) { return LocalNode(slot, span) }
        var places: [(hops: Int, slot: Int)] = []
        for (hops, layout) in frames.reversed().enumerated() {
            if let slot = layout.slot(of: n) { places.append((hops, slot)) }
        }
        return NameNode(n, places: places, callee: callee, span)
    }

    /// A function's body and default values, compiled in a frame of its parameters, or over
    /// the value stack when nothing in them makes a closure or a block.
    private mutating func function(_ params: [Param], _ body: Expr) -> CompiledFunction {
        let names = params.map(\.name)
        let layout = FrameLayout(names)
        let flat = !body.makesScope && !params.contains { $0.defaultValue?.makesScope ?? false }
        var defaults: [Node?] = []
        let compiled: Node
        var numeric: NumericBody?
        if flat {
            let outer = locals
            defer { locals = outer }
            for (k, p) in params.enumerated() {
                locals = names[..<k]
                defaults.append(p.defaultValue.map { expression($0) })
            }
            locals = names[...]
            compiled = expression(body)
            let frames = self.frames
            numeric = NumericCompiler.compile(params, body) { n in frames.allSatisfy { $0.slot(of: n) == nil } }
        } else {
            let outer = locals
            locals = nil  // never reached: a flat function has no function inside
            defer { locals = outer }
            frames.append(layout)
            defer { frames.removeLast() }
            defaults = params.map { p in p.defaultValue.map { expression($0) } }
            compiled = expression(body)
        }
        return CompiledFunction(
            params: params, source: body, layout: layout, defaults: defaults, body: compiled, flat: flat,
            numeric: numeric)
    }
}

extension Expr {
    /// Whether evaluating this makes a closure or a block (which would need a heap frame).
    var makesScope: Bool {
        switch kind {
        case .lambda, .block: return true
        case .number, .date, .quarter, .bool, .name: return false
        case .string(let segments):
            return segments.contains { if case .expr(let e) = $0 { e.makesScope } else { false } }
        case .withUnit(let x, _), .unary(_, let x), .convert(let x, _), .field(let x, _, _): return x.makesScope
        case .binary(_, let a, let b), .index(let a, let b): return a.makesScope || b.makesScope
        case .list(let xs): return xs.contains { $0.makesScope }
        case .record(let fields): return fields.contains { $0.value.makesScope }
        case .slice(let x, let a, let b):
            return x.makesScope || (a?.makesScope ?? false) || (b?.makesScope ?? false)
        case .call(let f, let args): return f.makesScope || args.contains { $0.value.makesScope }
        case .ifElse(let c, let a, let b): return c.makesScope || a.makesScope || b.makesScope
        }
    }
}
