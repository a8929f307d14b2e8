/// One plan session: the pipeline from source text to shown values.
///
///     source ─ Lexer ─ Parser ─▶ Program ─ imports ─ Checker ─▶ (no errors) ─ Interpreter ─▶ values
///
/// The whole program, imports included, is checked before any of it runs, so a dimension
/// mistake on line 50 is reported before lines 1-49 query a live server.
public final class Session {
    public let sources = SourceMap()
    public let builtins: BuiltinRegistry
    public let host: PlanHost
    let interpreter: Interpreter
    /// Programs of imported files, loaded before checking: key is "importing file id|path".
    private var loaded: [String: (name: String, program: Program)] = [:]

    /// - Parameter stackBudget: bytes of stack evaluation may use (see `withLargeStack`).
    public init(host: PlanHost, builtins: BuiltinRegistry = .core(), stackBudget: UInt = 4 << 20) {
        self.host = host
        self.builtins = builtins
        interpreter = Interpreter(state: SessionState(), builtins: builtins, host: host, stackBudget: stackBudget)
        interpreter.importer = { [unowned self] path, span in try self.runImport(path, span) }
        interpreter.sourceNames = { [unowned self] id in self.sources[id]?.name ?? "<input>" }
    }

    public var state: SessionState {
        get { interpreter.state }
        set { interpreter.state = newValue }
    }

    /// Parses, checks and runs one source (a file, a `-e` argument or a REPL entry).
    /// On any error the session's definitions are left as they were before.
    @discardableResult
    public func run(_ file: SourceFile) throws(DiagnosticList) -> [Value] {
        let saved = interpreter.state
        let id = sources.add(file)
        do {
            let program = try parse(file, id)
            try loadImports(program, from: file.name, id)
            var checker = Checker(state: interpreter.state, builtins: builtins) { [unowned self] id, path in
                self.loaded["\(id)|\(path)"]
            }
            let diagnostics = checker.check(program)
            if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
            interpreter.stack.start()
            interpreter.pollCountdown = 0  // the first call of an entry asks whether to stop
            var values: [Value] = []
            for s in program.statements {
                let v = try interpreter.execute(s)
                if case .expr = s.kind { values.append(v) }
            }
            interpreter.state.types = checker.globals
            interpreter.state.definitions = checker.definitions
            return values
        } catch let e as DiagnosticList {
            interpreter.state = saved
            throw e
        } catch let d as Diagnostic {
            interpreter.state = saved
            throw DiagnosticList([d])
        } catch {
            interpreter.state = saved
            throw DiagnosticList([Diagnostic(.builtinFailed, "\(error)", at: .none)])
        }
    }

    /// What the checker knows about a text without running it (for completion and editors):
    /// the partial program, every diagnostic of parsing and checking, each expression's type
    /// by its span, and each name's use to its definition. Imports are read; nothing runs and
    /// the session's state does not change.
    public func analyze(_ file: SourceFile) -> Analysis {
        let id = sources.add(file)
        let (program, syntax) = Parser.parseRecovering(file, file: id)
        var diagnostics = syntax
        do { try loadImports(program, from: file.name, id) } catch { diagnostics += error.diagnostics }
        var checker = Checker(state: interpreter.state, builtins: builtins) { [unowned self] id, path in
            self.loaded["\(id)|\(path)"]
        }
        checker.recordsTables = true
        diagnostics += checker.check(program)
        return Analysis(
            file: id, program: program, diagnostics: diagnostics, types: checker.typeAt,
            definitions: checker.definitionOf)
    }

    private func parse(_ file: SourceFile, _ id: Int) throws(DiagnosticList) -> Program {
        do { return try Parser.parse(file, file: id) } catch let e as DiagnosticList { throw e } catch {
            throw DiagnosticList([])
        }
    }

    /// Reads and parses every file imported (transitively) by `program`.
    private func loadImports(_ program: Program, from name: String, _ id: Int, depth: Int = 0) throws(DiagnosticList) {
        for s in program.statements {
            guard case .import(let path, let span) = s.kind else { continue }
            let key = "\(id)|\(path)"
            if loaded[key] != nil { continue }
            guard depth < 64 else {
                throw DiagnosticList([Diagnostic(.importCycle, "imports nest too deeply", at: span)])
            }
            let file: (name: String, bytes: [UInt8])
            do { file = try host.load(path, from: name) } catch {
                throw DiagnosticList([
                    Diagnostic(.importFailed, "cannot import \"\(path)\": \(error.message)", at: span)
                ])
            }
            if let existing = loaded.values.first(where: { $0.name == file.name }) {
                loaded[key] = existing
                continue
            }
            let src = SourceFile(name: file.name, bytes: file.bytes)
            let fid = sources.add(src)
            let p = try parse(src, fid)
            loaded[key] = (file.name, p)
            try loadImports(p, from: file.name, fid, depth: depth + 1)
        }
    }

    /// Runs an imported file once per session; its values are not shown.
    private func runImport(_ path: String, _ span: Span) throws(Diagnostic) {
        guard let (name, program) = loaded["\(span.file)|\(path)"] else {
            throw Diagnostic(.importFailed, "cannot import \"\(path)\"", at: span)
        }
        if interpreter.state.imported.contains(name) { return }
        interpreter.state.imported.insert(name)
        interpreter.quiet += 1
        defer { interpreter.quiet -= 1 }
        for s in program.statements { _ = try interpreter.execute(s) }
    }
}
