/// Finds name, dimension and type mistakes before anything runs.
///
/// It infers a `StaticType` for every expression. Where it cannot know a type (a builtin
/// that returns `.unknown`, say) it stays quiet and leaves the check to run time. User
/// functions are checked once with unknown parameters (for names) and again at each call
/// with the argument types (for dimensions), so `fn f(x) = x + 3 days; f(5 GB)` is caught.
public struct Checker {
    public private(set) var globals: [String: StaticType]
    var units: UnitRegistry
    var declaredUnits: Set<String>
    let builtins: BuiltinRegistry
    /// The imported file's name and program for (importing file id, path as written).
    let importedProgram: (Int, String) -> (name: String, program: Program)?
    var checkedImports: Set<String>
    var scopes: [[String: StaticType]] = []
    var diagnostics: [Diagnostic] = []
    var instantiating: [String: Int] = [:]
    var budget = 20_000
    /// Off for runs; on for `Session.analyze` (the prompt's completion, an editor): every
    /// expression's inferred type by its span, and each name's use to its definition.
    public var recordsTables = false
    public private(set) var typeAt: [Span: StaticType] = [:]
    public private(set) var definitionOf: [Span: Span] = [:]
    /// Where each global was defined: from earlier entries (the session's state), then this program.
    var globalDefinitions: [String: Span]
    /// Where each local of the scopes being checked was defined, parallel to `scopes`.
    var localDefinitions: [[String: Span]] = []

    public init(
        state: SessionState, builtins: BuiltinRegistry,
        importedProgram: @escaping (Int, String) -> (name: String, program: Program)?
    ) {
        globals = state.types
        globalDefinitions = state.definitions
        units = state.units
        declaredUnits = state.declaredUnits
        checkedImports = state.imported
        self.builtins = builtins
        self.importedProgram = importedProgram
    }

    /// Checks a whole program and returns what is wrong, at most 20 diagnostics.
    public mutating func check(_ program: Program) -> [Diagnostic] {
        for s in program.statements { statement(s) }
        return Array(diagnostics.prefix(20))
    }

    /// Records a diagnostic once: checking a function body again for another call finds the
    /// same mistake again (it differs only in the call it names).
    mutating func report(_ d: Diagnostic) {
        if !diagnostics.contains(where: { $0.sameProblem(as: d) }) { diagnostics.append(d) }
    }

    mutating func report(
        _ code: DiagnosticCode, _ m: String, _ s: Span, label: String = "", more: [Label] = [], notes: [String] = []
    ) {
        report(Diagnostic(code, m, at: s, label: label, more: more, notes: notes))
    }

    // MARK: statements

    mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expr(let e): _ = infer(e)
        case .assign(let name, let nameSpan, let e):
            // An assignment may hide a unit of the same name in expressions; see docs/language.md.
            bind(name, infer(e), at: nameSpan)
        case .function(let decl):
            bind(decl.name, .function(decl, builtin: nil, env: scopes), at: decl.nameSpan)
            // Check the body once with unknown parameters: catches unknown names.
            // A default may use the parameters before it: fn f(a, b = a * 2).
            pushScope()
            for p in decl.params {
                let t = p.defaultValue.map { infer($0) } ?? .unknown
                scopes[scopes.count - 1][p.name] = t
                if recordsTables { localDefinitions[localDefinitions.count - 1][p.name] = p.span }
            }
            _ = infer(decl.body)
            popScope()
        case .unitDecl(let name, let span, let def):
            if units.lookup(name) != nil, !declaredUnits.contains(name) {
                report(.unitAlreadyDefined, "'\(name)' is already a built-in unit", span)
                return
            }
            var definition: (dimension: Dimension, factor: Double)?
            if let def {
                switch infer(def) {
                case .quantity(let d): definition = (d, 1)
                case .unknown: definition = (Dimension(base: "?" + name), 1)
                case let t: report(.unitPlacement, "a unit is defined as a quantity", def.span, label: t.name)
                }
            }
            units.declare(name, as: definition)
            declaredUnits.insert(name)
        case .assert(let c, let m):
            let t = infer(c)
            if !isBoolish(t) {
                report(.conditionType, "assert needs a condition that is true or false", c.span, label: t.name)
            }
            if let m { _ = infer(m) }
        case .invalid:
            return  // the parser reported it
        case .import(let path, let span):
            guard scopes.isEmpty else {
                report(.importPlacement, "import belongs at the top level of a file", span)
                return
            }
            guard let (name, p) = importedProgram(span.file, path) else { return }
            if checkedImports.contains(name) { return }
            checkedImports.insert(name)
            for s in p.statements { statement(s) }
        }
    }

    mutating func bind(_ name: String, _ t: StaticType, at span: Span? = nil) {
        if scopes.isEmpty {
            globals[name] = t
            if let span { globalDefinitions[name] = span }
        } else {
            scopes[scopes.count - 1][name] = t
            if recordsTables, let span { localDefinitions[localDefinitions.count - 1][name] = span }
        }
    }

    mutating func pushScope(_ scope: [String: StaticType] = [:]) {
        scopes.append(scope)
        if recordsTables { localDefinitions.append([:]) }
    }

    mutating func popScope() {
        scopes.removeLast()
        if recordsTables { localDefinitions.removeLast() }
    }

    /// Where a name used at `span` was defined, for the definitions table.
    mutating func noteUse(_ name: String, _ span: Span) {
        guard recordsTables else { return }
        for d in localDefinitions.reversed() {
            if let def = d[name] {
                definitionOf[span] = def
                return
            }
        }
        if let def = globalDefinitions[name] { definitionOf[span] = def }
    }

    /// The definition spans of the globals after this program, for the session's state.
    public var definitions: [String: Span] { globalDefinitions }

    mutating func noteType(_ t: StaticType, _ span: Span) {
        if recordsTables { typeAt[span] = t }
    }

    func isBoolish(_ t: StaticType) -> Bool {
        switch t {
        case .bool, .unknown: return true;
        default: return false
        }
    }

    func lookupLocal(_ n: String) -> StaticType? {
        for s in scopes.reversed() { if let t = s[n] { return t } }
        return globals[n]
    }

    mutating func resolve(_ u: UnitExpr) -> UnitProduct? {
        switch units.resolve(u) {
        case .success(let p): return p
        case .failure(let f):
            var notes = Suggest.notes(for: f.name, among: units.spellings)
            if lookupLocal(f.name) != nil {
                notes = ["'\(f.name)' is a variable: write '* \(f.name)' to multiply by it"]
            }
            report(.unknownUnit, "unknown unit '\(f.name)'", f.span, notes: notes)
            return nil
        }
    }
}
