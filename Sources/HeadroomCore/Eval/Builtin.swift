/// A function provided by Headroom rather than written in a plan.
///
/// Signature, summary and example live with the implementation: `:help NAME` and
/// `docs/builtins.md` are made from them, and the tests run every example.
public final class Builtin: @unchecked Sendable {
    public let name: String
    /// The ways to call it, tried in order; see `ArgumentBinder`.
    public let overloads: [Overload]
    /// Every parameter of every overload, in order of first appearance: the slots a
    /// `BuiltinCall` holds its arguments in, whichever overload matched.
    public let params: [Parameter]
    public let summary: String
    /// Plan code showing the builtin in use; it must evaluate without error.
    public let example: String
    /// Files the example reads (name to contents), for the docs and the tests.
    public let exampleFiles: [String: String]
    let run: (BuiltinCall) throws(Diagnostic) -> Value
    /// The builtin as a plan value. Made on each use: a stored one would hold the builtin,
    /// which would hold it back (a reference cycle, found by `make fuzz`'s leak checker).
    public var function: Function { Function(name: name, body: .builtin(self)) }

    /// Every form, as the docs, `:help` and usage notes show it.
    public var signatures: [String] { overloads.map { $0.text(name) } }
    public var signature: String { signatures.joined(separator: " or ") }
    public var variadic: Bool { overloads.contains { $0.variadic } }

    /// A builtin with one form.
    public convenience init(
        _ name: String, _ params: [Parameter], _ result: ResultType, variadic: Bool = false,
        summary: String, example: String, exampleFiles: [String: String] = [:],
        run: @escaping (BuiltinCall) throws(Diagnostic) -> Value
    ) {
        self.init(
            name, overloads: [Overload(params, result, variadic: variadic)], summary: summary, example: example,
            exampleFiles: exampleFiles, run: run)
    }

    public init(
        _ name: String, overloads: [Overload], summary: String, example: String,
        exampleFiles: [String: String] = [:], run: @escaping (BuiltinCall) throws(Diagnostic) -> Value
    ) {
        self.name = name
        self.overloads = overloads
        var params: [Parameter] = []
        for o in overloads {
            for p in o.params where !params.contains(where: { $0.name == p.name }) { params.append(p) }
        }
        self.params = params
        self.summary = summary
        self.example = example
        self.exampleFiles = exampleFiles
        self.run = run
    }

    /// The slot of each parameter of overload `o` in `params`.
    func slotIndexes(_ o: Int) -> [Int] {
        overloads[o].params.map { p in params.firstIndex { $0.name == p.name } ?? 0 }
    }
}

/// The arguments of one builtin call, with helpers that turn wrong types into diagnostics.
public struct BuiltinCall {
    /// One per parameter of the builtin (`Builtin.params`), nil where not given.
    public let args: [(Value, Span)?]
    public let extra: [(Value, Span)]
    public let span: Span
    public let interpreter: Interpreter
    /// Which of the builtin's overloads matched.
    public let overload: Int
    let builtin: Builtin

    public func has(_ i: Int) -> Bool { args[i] != nil }
    public var builtinParamNames: [String] { builtin.params.map(\.name) }
    /// The name of the file the call is in (for reading files relative to it).
    public var fileName: String { interpreter.sourceName(span.file) }
    public func value(_ i: Int) -> Value { args[i]?.0 ?? .nothing }
    public func span(_ i: Int) -> Span { args[i]?.1 ?? span }

    /// True once the user asked to stop (Ctrl-C at the prompt). Long builtins ask it between
    /// passes and give up early; they then call `checkInterrupted()`.
    public var stop: () -> Bool { { [host = interpreter.host] in host.isCancelled() } }

    /// Throws the same "interrupted" error as a call does when the user asked to stop.
    public func checkInterrupted() throws(Diagnostic) {
        if interpreter.host.isCancelled() {
            throw Diagnostic(
                .interrupted, "interrupted", at: span, label: "stopped here",
                notes: ["nothing from this entry was kept"])
        }
    }

    public func fail(_ message: String, _ i: Int? = nil, label: String = "", notes: [String] = []) -> Diagnostic {
        fail(.builtinFailed, message, i, label: label, notes: notes)
    }

    public func fail(
        _ code: DiagnosticCode, _ message: String, _ i: Int? = nil, label: String = "", notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(code, message, at: i.map(span) ?? span, label: label, notes: notes)
    }

    public func typeError(_ i: Int, _ wanted: String) -> Diagnostic {
        Diagnostic(
            .argumentType, "\(builtin.name) needs \(wanted) for '\(builtin.params[i].name)'", at: span(i),
            label: value(i).typeName, notes: ["usage: \(builtin.overloads[overload].usage(builtin.name))"])
    }

    public func quantity(_ i: Int) throws(Diagnostic) -> Quantity {
        switch value(i) {
        case .quantity(let q): return q
        case .never, .missing: throw noValue(i)
        default: throw typeError(i, "a number or quantity")
        }
    }

    /// `never` or a missing value where this builtin needs a finite one.
    func noValue(_ i: Int) -> Diagnostic {
        let what = if case .missing(let m) = value(i) { "is missing (\(m.reason))" } else { "is never" }
        return Diagnostic(
            .noValue, "\(builtin.name) needs a finite value for '\(builtin.params[i].name)': it \(what)", at: span(i),
            label: value(i).typeName)
    }

    public func number(_ i: Int) throws(Diagnostic) -> Double {
        let q = try quantity(i)
        guard q.isPlainNumber else { throw typeError(i, "a plain number") }
        return q.base
    }

    public func string(_ i: Int) throws(Diagnostic) -> String {
        guard case .string(let s) = value(i) else { throw typeError(i, "a string") }
        return s
    }

    public func list(_ i: Int) throws(Diagnostic) -> [Value] {
        guard case .list(let xs) = value(i) else { throw typeError(i, "a list") }
        return xs
    }

    public func date(_ i: Int) throws(Diagnostic) -> Int64 {
        switch value(i) {
        case .date(let d): return d
        case .never, .missing: throw noValue(i)
        default: throw typeError(i, "a date")
        }
    }

    /// A duration argument, in seconds.
    public func duration(_ i: Int) throws(Diagnostic) -> Double {
        let q = try quantity(i)
        guard q.dimension == BuiltinUnits.time else {
            throw Diagnostic(
                .argumentDimension, "'\(builtin.params[i].name)' must be a duration, such as 30 days", at: span(i),
                label: q.dimension.description)
        }
        return q.base
    }

    /// A built-in unit by that spelling (a plan's `unit` lines cannot change it).
    public func atom(_ name: String) -> UnitAtom { .builtin(name) }

    public func function(_ i: Int) throws(Diagnostic) -> Value {
        guard case .function = value(i) else { throw typeError(i, "a function") }
        return value(i)
    }

    /// The items of a variadic call: `f([a, b])` or `f(a, b)`.
    public func items() -> Items {
        guard let first = args.first ?? nil else { return Items(arguments: extra) }
        if extra.isEmpty, case .list(let xs) = first.0 { return Items(list: xs, first.1) }
        if extra.isEmpty, case .series(let s) = first.0 { return Items(series: s, first.1) }
        return Items(arguments: [first] + extra)
    }

    /// The items of a variadic call with where each came from, read in place (a list of a
    /// million is not copied into pairs).
    public struct Items: RandomAccessCollection {
        private let list: [Value]
        private let series: Series?
        private let arguments: [(Value, Span)]
        private let span: Span
        public let endIndex: Int

        init(list: [Value], _ span: Span) {
            self.list = list
            series = nil
            arguments = []
            self.span = span
            endIndex = list.count
        }
        init(series: Series, _ span: Span) {
            list = []
            self.series = series
            arguments = []
            self.span = span
            endIndex = series.count
        }
        init(arguments: [(Value, Span)]) {
            list = []
            series = nil
            self.arguments = arguments
            span = arguments.first?.1 ?? Span(file: 0, start: 0, end: 0)
            endIndex = arguments.count
        }

        public var startIndex: Int { 0 }
        public subscript(_ k: Int) -> (Value, Span) {
            if !list.isEmpty { return (list[k], span) }
            if let series { return (.quantity(series.quantity(k)), span) }
            return arguments[k]
        }
    }

    public func apply(_ f: Value, _ values: [Value]) throws(Diagnostic) -> Value {
        try interpreter.apply(f, values, at: span)
    }

    /// Calls a function value with one argument (`map`, `filter`): no list made per item.
    public func apply(_ f: Value, _ x: Value) throws(Diagnostic) -> Value {
        try interpreter.apply(f, x, at: span)
    }

    /// A function value to call with one argument per item of a long list: what kind of
    /// function it is is worked out once, not per item.
    public func applier(_ f: Value) -> Interpreter.Applier { Interpreter.Applier(f, interpreter, span) }
}

/// The builtins of a session: the core set, plus what the planning runtime registers.
public final class BuiltinRegistry: @unchecked Sendable {
    private var table: [String: Builtin] = [:]
    public private(set) var all: [Builtin] = []

    public init() {}

    public func register(_ b: Builtin) {
        if table[b.name] == nil { all.append(b) } else { all.removeAll { $0.name == b.name }; all.append(b) }
        table[b.name] = b
    }

    public subscript(_ name: String) -> Builtin? { table[name] }
    public var names: [String] { all.map(\.name) }

    /// The registry with the core builtins.
    public static func core() -> BuiltinRegistry {
        let r = BuiltinRegistry()
        CoreBuiltins.register(into: r)
        return r
    }
}
