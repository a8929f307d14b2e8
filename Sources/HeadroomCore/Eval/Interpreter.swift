/// Walks the syntax tree and computes values.
///
/// Names resolve through the local scopes, then the session's globals, then units (in a
/// value position `month` is one month), then builtins. In a call position (`min(a, b)`)
/// functions come before units.
public final class Interpreter {
    public var state: SessionState
    public let builtins: BuiltinRegistry
    public unowned let host: PlanHost
    var stack: StackGuard
    /// Set while running an imported file: its values are not shown.
    var quiet = 0
    /// Runs an `import` (supplied by the session, which owns file loading).
    var importer: ((String, Span) throws -> Void)?
    /// The name of a source file by id (supplied by the session).
    var sourceNames: (Int) -> String = { _ in "<input>" }

    public func sourceName(_ id: Int) -> String { sourceNames(id) }

    init(state: SessionState, builtins: BuiltinRegistry, host: PlanHost, stackBudget: UInt) {
        self.state = state
        self.builtins = builtins
        self.host = host
        self.stack = StackGuard(budget: stackBudget)
    }

    func error(
        _ code: DiagnosticCode, _ message: String, _ span: Span, label: String = "",
        more: [Label] = [], notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(code, message, at: span, label: label, more: more, notes: notes)
    }

    // MARK: statements

    func execute(_ stmt: Stmt, _ scope: Scope?) throws(Diagnostic) -> Value {
        switch stmt.kind {
        case .expr(let e):
            let v = try evaluate(e, scope)
            // Only top-level statements of the file being run are shown, and never `nothing`
            // (nor a list of nothing: `map(xs, x => print(x))` has printed what it had to say).
            let shown: Bool = {
                switch v {
                case .nothing: return false
                case .list(let xs)
                where !xs.isEmpty && xs.allSatisfy({ if case .nothing = $0 { true } else { false } }):
                    return false
                default: return scope == nil && quiet == 0
                }
            }()
            if shown { host.show(v, span: e.span) }
            return v
        case .assign(let name, _, let e):
            let v = try evaluate(e, scope)
            bind(name, v, scope)
            return .nothing
        case .function(let decl):
            let f = Function(name: decl.name, body: .closure(params: decl.params, body: decl.body, scope: scope))
            bind(decl.name, .function(f), scope)
            return .nothing
        case .unitDecl(let name, let span, let def):
            var definition: (Dimension, Double)?
            if let def {
                guard case .quantity(let q) = try evaluate(def, scope) else {
                    throw error(.unitPlacement, "a unit is defined as a quantity", def.span, label: "not a quantity")
                }
                guard q.base > 0, q.base.isFinite else {
                    throw error(.unitPlacement, "a unit must be a positive size", def.span)
                }
                definition = (q.dimension, q.base)
            }
            if state.units.lookup(name) != nil, !state.declaredUnits.contains(name) {
                throw error(.unitAlreadyDefined, "'\(name)' is already a built-in unit", span)
            }
            state.units.declare(name, as: definition.map { (dimension: $0.0, factor: $0.1) })
            state.declaredUnits.insert(name)
            return .nothing
        case .assert(let cond, let message):
            guard case .bool(let ok) = try evaluate(cond, scope) else {
                throw error(.conditionType, "assert needs a condition that is true or false", cond.span)
            }
            if !ok {
                var msg = "assertion failed"
                if let message {
                    msg += ": " + ValueFormatter.inline(try evaluate(message, scope))
                }
                throw error(.assertionFailed, msg, cond.span, label: try explainFailure(cond, scope))
            }
            return .nothing
        case .import(let path, let span):
            guard scope == nil else { throw error(.importPlacement, "import belongs at the top level of a file", span) }
            try importOrThrow(path, span)
            return .nothing
        case .invalid:
            // Never reached: a program with an unreadable statement does not run.
            return .nothing
        }
    }

    private func importOrThrow(_ path: String, _ span: Span) throws(Diagnostic) {
        do { try importer?(path, span) } catch let d as Diagnostic { throw d } catch {
            throw self.error(.importFailed, "cannot import \"\(path)\"", span)
        }
    }

    /// For `assert a < b`: shows both sides, so the failure says what the values were.
    private func explainFailure(_ cond: Expr, _ scope: Scope?) throws(Diagnostic) -> String {
        guard case .binary(let op, let l, let r) = cond.kind, op.isComparison else { return "this is false" }
        let lv = try evaluate(l, scope), rv = try evaluate(r, scope)
        return "\(ValueFormatter.inline(lv)) \(op.rawValue) \(ValueFormatter.inline(rv)) is false"
    }

    func bind(_ name: String, _ v: Value, _ scope: Scope?) {
        if let scope { scope[name] = v } else { state.globals[name] = v }
    }

    /// Runs statements of a block in a new scope; the last one gives the value.
    func block(_ stmts: [Stmt], _ scope: Scope?) throws(Diagnostic) -> Value {
        let inner = Scope(parent: scope ?? Scope(parent: nil))
        var result: Value?
        defer { if !(result?.reachesClosure ?? false) { inner.clear() } }
        var last: Value = .nothing
        for s in stmts { last = try execute(s, inner) }
        result = last
        return last
    }

    // MARK: expressions

    func evaluate(_ e: Expr, _ scope: Scope?) throws(Diagnostic) -> Value {
        switch e.kind {
        case .number(let v): return .number(v)
        case .bool(let b): return .bool(b)
        case .date(let s): return .date(s)
        case .quarter(let y, let q): return .date(CivilDate.quarterStart(year: y, quarter: q))
        case .string(let segs):
            var out = ""
            for s in segs {
                switch s {
                case .text(let t): out += t
                case .expr(let x): out += ValueFormatter.inline(try evaluate(x, scope))
                }
            }
            return .string(out)
        case .name(let n): return try lookup(n, e.span, scope)
        case .withUnit(let x, let u):
            let v = try evaluate(x, scope)
            let unit = try resolveUnit(u)
            if case .quantity(let q) = v, q.unit.isEmpty {
                let result = Quantity(q.base, unit)
                guard result.base.isFinite else {
                    throw error(
                        .outOfRange, "the result is too large", e.span, label: "beyond about 1.8e308 base units")
                }
                return .quantity(result)
            }
            return try binary(.mul, v, .quantity(Quantity(1, unit)), x.span, u.span, e.span)
        case .unary(let op, let x):
            let v = try evaluate(x, scope)
            return try unary(op, v, x.span, e.span)
        case .binary(.and, let l, let r), .binary(.or, let l, let r):
            let op: BinaryOp = if case .binary(.and, _, _) = e.kind { .and } else { .or }
            func truth(_ x: Expr) throws(Diagnostic) -> Bool {
                let v = try evaluate(x, scope)
                if case .bool(let b) = v { return b }
                throw
                    (OperatorRules.logical(op, Interpreter.operand(v))
                    ?? OperatorError(
                        code: .conditionType, message: "'\(op.rawValue)' needs true or false", left: "", right: nil))
                    .diagnostic(x.span, x.span)
            }
            let a = try truth(l)
            if a != (op == .and) { return .bool(a) }
            return .bool(try truth(r))
        case .binary(let op, let l, let r):
            let a = try evaluate(l, scope), b = try evaluate(r, scope)
            return try binary(op, a, b, l.span, r.span, e.span)
        case .convert(let x, let u):
            let v = try evaluate(x, scope)
            return try convert(v, try resolveUnit(u), x.span, u)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for i in items { out.append(try evaluate(i, scope)) }
            return .list(out)
        case .record(let fields):
            var out: [(name: String, value: Value)] = []
            for f in fields { out.append((f.name, try evaluate(f.value, scope))) }
            return .record(Record(out))
        case .index(let x, let i):
            return try index(try evaluate(x, scope), try evaluate(i, scope), x.span, i.span)
        case .slice(let x, let a, let b):
            let v = try evaluate(x, scope)
            return try slice(
                v, try a.map { e throws(Diagnostic) in (try evaluate(e, scope), e.span) },
                try b.map { e throws(Diagnostic) in (try evaluate(e, scope), e.span) }, x.span)
        case .field(let x, let name, let span):
            return try field(try evaluate(x, scope), name, x.span, span)
        case .call(let callee, let args):
            let f: Value
            if case .name(let n) = callee.kind {
                f = try lookupCallable(n, callee.span, scope)
            } else {
                f = try evaluate(callee, scope)
            }
            var values: [(label: String?, value: Value, span: Span)] = []
            for a in args { values.append((a.label, try evaluate(a.value, scope), a.value.span)) }
            return try call(f, values, callee.span, e.span)
        case .lambda(let params, let body):
            return .function(Function(name: "lambda", body: .closure(params: params, body: body, scope: scope)))
        case .block(let stmts):
            return try block(stmts, scope)
        case .ifElse(let c, let a, let b):
            guard case .bool(let cond) = try evaluate(c, scope) else {
                throw error(
                    .conditionType, "the condition of 'if' must be true or false", c.span, label: "not a boolean")
            }
            return try evaluate(cond ? a : b, scope)
        }
    }

    func resolveUnit(_ u: UnitExpr) throws(Diagnostic) -> UnitProduct {
        switch state.units.resolve(u) {
        case .success(let p): return p
        case .failure(let f):
            throw error(
                .unknownUnit, "unknown unit '\(f.name)'", f.span,
                notes: Suggest.notes(for: f.name, among: state.units.spellings))
        }
    }

    func lookup(_ n: String, _ span: Span, _ scope: Scope?) throws(Diagnostic) -> Value {
        if let v = scope?.lookup(n) ?? state.globals[n] { return v }
        if let u = state.units.lookup(n) { return .quantity(Quantity(1, UnitProduct(u))) }
        if let b = builtins[n] { return .function(b.function) }
        throw error(.unknownName, "unknown name '\(n)'", span, notes: Suggest.notes(for: n, among: allNames(scope)))
    }

    func lookupCallable(_ n: String, _ span: Span, _ scope: Scope?) throws(Diagnostic) -> Value {
        if let v = scope?.lookup(n) ?? state.globals[n] { return v }
        if let b = builtins[n] { return .function(b.function) }
        if state.units.lookup(n) != nil {
            throw error(.notAFunction, "'\(n)' is a unit, not a function", span)
        }
        throw error(
            .unknownFunction, "unknown function '\(n)'", span,
            notes: Suggest.notes(for: n, among: builtins.names + Array(state.globals.keys)))
    }

    func allNames(_ scope: Scope?) -> [String] {
        var names = Array(state.globals.keys) + builtins.names + state.units.spellings
        var s = scope
        while let c = s { names += c.names; s = c.parent }
        return names
    }
}
