/// Walks the syntax tree and computes values.
///
/// Names resolve through the local scopes, then the session's globals, then units (in a
/// value position `month` is one month), then builtins. In a call position (`min(a, b)`)
/// functions come before units.
public final class Interpreter {
    public var state: SessionState {
        didSet {
            globalsGeneration = state.globalsGeneration
            unitsGeneration = state.units.generation
        }
    }
    /// `state`'s generations, kept apart: compiled nodes compare them on every evaluation,
    /// and reading these (not public) needs no run-time exclusivity check.
    private(set) var globalsGeneration: Int
    private(set) var unitsGeneration: Int
    public let builtins: BuiltinRegistry
    public unowned let host: PlanHost
    var stack: StackGuard
    /// The slots of running flat calls.
    let values = ValueStack()
    /// Calls left before the next check for an interrupt.
    var pollCountdown = 0
    /// Whether calls with plain numbers run a function's numeric body (`NumericBody`); off
    /// only in tests that compare the two forms.
    var numericBodies = true
    /// Set while running an imported file: its values are not shown.
    var quiet = 0
    /// Runs an `import` (supplied by the session, which owns file loading).
    var importer: ((String, Span) throws -> Void)?
    /// The name of a source file by id (supplied by the session).
    var sourceNames: (Int) -> String = { _ in "<input>" }

    public func sourceName(_ id: Int) -> String { sourceNames(id) }

    init(state: SessionState, builtins: BuiltinRegistry, host: PlanHost, stackBudget: UInt) {
        self.state = state
        globalsGeneration = state.globalsGeneration
        unitsGeneration = state.units.generation
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

    /// Runs one top-level statement: compiles it (names resolved to frame slots), then
    /// evaluates the compiled form.
    func execute(_ stmt: Stmt) throws(Diagnostic) -> Value {
        var compiler = Compiler()
        return try compiler.statement(stmt).eval(self, nil, values.none)
    }

    func importFile(_ path: String, _ span: Span) throws(Diagnostic) {
        do { try importer?(path, span) } catch let d as Diagnostic { throw d } catch {
            throw self.error(.importFailed, "cannot import \"\(path)\"", span)
        }
    }

    /// Checks made on entering any call. Only calls recurse without bound (the parser caps
    /// expression depth), so the stack is checked here, and the error always points at a
    /// call.
    @inline(__always)
    func enter(_ span: Span) throws(Diagnostic) {
        if stack.exhausted { throw tooDeep(span) }
        // Asking the host is a call through a protocol; every 256th call is often enough.
        pollCountdown &-= 1
        if pollCountdown <= 0 { try poll(span) }
    }

    @inline(never)
    private func tooDeep(_ span: Span) -> Diagnostic {
        error(
            .recursionTooDeep, "recursion too deep", span, label: "this call nests too deeply",
            notes: ["a function probably calls itself without end"])
    }

    @inline(never)
    private func poll(_ span: Span) throws(Diagnostic) {
        pollCountdown = 256
        if host.isCancelled() {
            throw error(
                .interrupted, "interrupted", span, label: "stopped here", notes: ["nothing from this entry was kept"])
        }
    }

    /// `64 GiB`: a plain number takes the unit; anything else is multiplied by one of it.
    func withUnit(_ v: Value, _ unit: UnitProduct, _ u: UnitExpr, _ xSpan: Span, _ span: Span) throws(Diagnostic)
        -> Value
    {
        if case .quantity(let q) = v, q.unit.isEmpty {
            let result = Quantity(q.base, unit)
            guard result.base.isFinite else {
                throw error(.outOfRange, "the result is too large", span, label: "beyond about 1.8e308 base units")
            }
            return .quantity(result)
        }
        return try binary(.mul, v, .quantity(Quantity(1, unit)), xSpan, u.span, span)
    }

    /// The operand of `and`/`or`, which must be true or false.
    func truth(_ op: BinaryOp, _ v: Value, _ span: Span) throws(Diagnostic) -> Bool {
        if case .bool(let b) = v { return b }
        throw
            (OperatorRules.logical(op, Interpreter.operand(v))
            ?? OperatorError(
                code: .conditionType, message: "'\(op.rawValue)' needs true or false", left: "", right: nil))
            .diagnostic(span, span)
    }

    /// A written unit, resolved once per set of declared units and kept in `cache`.
    func resolveUnit(_ u: UnitExpr, cache: inout (generation: Int, unit: UnitProduct)?) throws(Diagnostic)
        -> UnitProduct
    {
        let generation = unitsGeneration
        if let cache, cache.generation == generation { return cache.unit }
        let unit = try resolveUnit(u)
        cache = (generation, unit)
        return unit
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

    /// A name no frame binds: a global, a unit (in a value position `month` is one month),
    /// or a builtin.
    func lookup(_ n: String, _ span: Span, _ frame: Frame?) throws(Diagnostic) -> Value {
        if let v = state.globals[n] { return v }
        if let u = state.units.lookup(n) { return .quantity(Quantity(1, UnitProduct(u))) }
        if let b = builtins[n] { return .function(b.function) }
        throw error(.unknownName, "unknown name '\(n)'", span, notes: Suggest.notes(for: n, among: allNames(frame)))
    }

    /// A name in a call position no frame binds: functions come before units.
    func lookupCallable(_ n: String, _ span: Span, _ frame: Frame?) throws(Diagnostic) -> Value {
        if let v = state.globals[n] { return v }
        if let b = builtins[n] { return .function(b.function) }
        if state.units.lookup(n) != nil {
            throw error(.notAFunction, "'\(n)' is a unit, not a function", span)
        }
        throw error(
            .unknownFunction, "unknown function '\(n)'", span,
            notes: Suggest.notes(for: n, among: builtins.names + Array(state.globals.keys)))
    }

    func allNames(_ frame: Frame?) -> [String] {
        Array(state.globals.keys) + builtins.names + state.units.spellings + (frame?.boundNames ?? [])
    }
}
