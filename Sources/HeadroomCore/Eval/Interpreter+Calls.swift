/// Function application: binding arguments to parameters, closures and builtins.
extension Interpreter {
    public typealias CallArgs = [(label: String?, value: Value, span: Span)]

    public func call(_ f: Value, _ args: CallArgs, _ calleeSpan: Span, _ span: Span) throws(Diagnostic) -> Value {
        guard case .function(let fn) = f else {
            throw error(.notAFunction, "\(f.typeName) is not a function", calleeSpan, label: "cannot be called")
        }
        try enter(span)
        switch fn.body {
        case .builtin(let b):
            let given = args.map { ArgumentBinder.Arg(label: $0.label, span: $0.span, type: .shallow(of: $0.value)) }
            let bound: ArgumentBinder.Binding
            switch ArgumentBinder.bind(b, given, call: span) {
            case .success(let binding): bound = binding
            case .failure(let errors): throw errors.diagnostics.first ?? error(.argumentType, "bad call", span)
            }
            var slots = [(Value, Span)?](repeating: nil, count: b.params.count)
            for (i, slot) in zip(b.slotIndexes(bound.overload), bound.slots) {
                if let k = slot { slots[i] = (args[k].value, args[k].span) }
            }
            let c = BuiltinCall(
                args: slots, extra: bound.extra.map { (args[$0].value, args[$0].span) }, span: span, interpreter: self,
                overload: bound.overload, builtin: b)
            let result = try b.run(c)
            // No value a plan sees is infinite or NaN: a runway that does not end is `never`.
            if let bad = Interpreter.nonFinite(in: result) {
                throw error(
                    .outOfRange,
                    bad.isNaN ? "the result of \(b.name) is not a number" : "the result of \(b.name) is too large",
                    span, label: "beyond about 1.8e308")
            }
            return result
        case .closure(let c):
            if c.code.allRequired, args.count == c.params.count, args.allSatisfy({ $0.label == nil }) {
                return try invoke(c.code, over: c.frame) { k, _, _ throws(Diagnostic) in args[k].value }
            }
            let params = c.params
            let given = args.map { ArgumentBinder.Arg(label: $0.label, span: $0.span, type: .unknown) }
            let slots: [Int?]
            switch ArgumentBinder.bindNames(
                params.map(\.name), required: params.map { $0.defaultValue == nil }, signature: fn.signature, given,
                call: span)
            {
            case .success(let bound): slots = bound.slots
            case .failure(let errors): throw errors.diagnostics.first ?? error(.argumentType, "bad call", span)
            }
            // A default may use the parameters before it.
            func missing(_ k: Int) -> Diagnostic {
                error(.missingArgument, "missing argument '\(params[k].name)' for \(fn.signature)", span)
            }
            if c.code.flat {
                return try invokeFlat(c.code, over: c.frame) { k, frame, locals throws(Diagnostic) in
                    if let a = slots[k] { return args[a].value }
                    if let d = c.code.defaults[k] { return try d.eval(self, frame, locals) }
                    throw missing(k)
                }
            }
            let frame = Frame(c.code.layout, parent: c.frame)
            for k in params.indices {
                if let a = slots[k] {
                    frame.bindParameter(k, args[a].value)
                } else if let d = c.code.defaults[k] {
                    frame.write(k, try d.eval(self, frame, values.none))  // it may close over the call
                } else {
                    throw missing(k)
                }
            }
            return try c.code.body.eval(self, frame, values.none)
        }
    }

    /// Runs `code` closing over `captured`, its parameters bound in order to `argument(k)`,
    /// values made before the call (so none can close over it). A flat function's parameters
    /// are slots on the value stack, any other's a new heap frame.
    @inline(__always)
    func invoke(
        _ code: CompiledFunction, over captured: Frame?,
        _ argument: (Int, Frame?, Locals) throws(Diagnostic) -> Value
    ) throws(Diagnostic) -> Value {
        if code.flat { return try invokeFlat(code, over: captured, argument) }
        let frame = Frame(code.layout, parent: captured)
        for k in 0..<code.arity { frame.bindParameter(k, try argument(k, frame, values.none)) }
        return try code.body.eval(self, frame, values.none)
    }

    /// `invoke` for a flat function; `argument(k)` is given the frame and locals a default
    /// value runs in.
    @inline(__always)
    func invokeFlat(
        _ code: CompiledFunction, over captured: Frame?,
        _ argument: (Int, Frame?, Locals) throws(Diagnostic) -> Value
    ) throws(Diagnostic) -> Value {
        let n = code.arity
        let base = values.reserve(n)
        var bound = 0
        // Not `defer`, which is compiled into a call of its own on this path.
        do {
            while bound < n {
                (base + bound).initialize(to: try argument(bound, captured, base))
                bound += 1
            }
            if let numeric = code.numeric, numericBodies, numeric.ready(self),
                let result = try runNumeric(numeric, base)
            {
                values.release(base, bound, of: n)
                return result
            }
            let result = try code.body.eval(self, captured, base)
            values.release(base, bound, of: n)
            return result
        } catch {
            values.release(base, bound, of: n)
            throw error
        }
    }

    /// A call's body for plain numbers, when its arguments (bound at `slots`) are all plain
    /// numbers; nil when one is not (then the general body runs).
    @inline(never)
    func runNumeric(_ numeric: NumericBody, _ slots: Locals) throws(Diagnostic) -> Value? {
        let n = numeric.arity
        for k in 0..<n {
            guard case .quantity(let q) = slots[k], q.unit.isEmpty else { return nil }
        }
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(n, 1)) { buffer throws(Diagnostic) in
            guard let p = buffer.baseAddress else { throw notResolved(numeric.root.span) }
            for k in 0..<n {
                guard case .quantity(let q) = slots[k] else { continue }
                (p + k).initialize(to: q.base)
            }
            return try numeric.run(self, p)
        }
    }

    /// Calls a function value from a builtin (`map`, `filter`, `sort_by`).
    public func apply(_ f: Value, _ values: [Value], at span: Span) throws(Diagnostic) -> Value {
        // A closure taking exactly these values in order: straight into its slots.
        if case .function(let fn) = f, case .closure(let c) = fn.body, c.code.allRequired,
            values.count == c.params.count
        {
            try enter(span)
            return try invoke(c.code, over: c.frame) { k, _, _ throws(Diagnostic) in values[k] }
        }
        return try call(f, values.map { (nil, $0, span) }, span, span)
    }

    /// `apply` with one argument.
    public func apply(_ f: Value, _ x: Value, at span: Span) throws(Diagnostic) -> Value {
        if case .function(let fn) = f, case .closure(let c) = fn.body, c.code.allRequired, c.params.count == 1 {
            try enter(span)
            return try invoke(c.code, over: c.frame) { _, _, _ throws(Diagnostic) in x }
        }
        return try apply(f, [x], at: span)
    }

    /// A function called from a builtin once per item (`map`, `filter`): a closure of one
    /// parameter goes straight into its slots, anything else through `apply`.
    public struct Applier {
        let f: Value
        let code: CompiledFunction?
        let frame: Frame?
        let interpreter: Interpreter  // held only while the builtin runs
        let span: Span

        init(_ f: Value, _ interpreter: Interpreter, _ span: Span) {
            self.f = f
            self.interpreter = interpreter
            self.span = span
            if case .function(let fn) = f, case .closure(let c) = fn.body, c.code.allRequired, c.params.count == 1 {
                code = c.code
                frame = c.frame
            } else {
                code = nil
                frame = nil
            }
        }

        public func callAsFunction(_ x: Value) throws(Diagnostic) -> Value {
            guard let code else { return try interpreter.apply(f, x, at: span) }
            try interpreter.enter(span)
            return try interpreter.invoke(code, over: frame) { _, _, _ throws(Diagnostic) in x }
        }
    }

    /// The first infinite or NaN number inside a value (quantities, series points and bands,
    /// lists and records), if any.
    static func nonFinite(in v: Value) -> Double? {
        switch v {
        case .quantity(let q): return q.base.isFinite ? nil : q.base
        case .series(let s):
            for x in s.values where !x.isFinite { return x }
            for band in [s.lower, s.upper] { for x in band ?? [] where !x.isFinite { return x } }
            return nil
        case .list(let xs):
            // Quantities first, read in place: results can be a million items long.
            return xs.withUnsafeBufferPointer { p in
                for k in p.indices {
                    if case .quantity(let q) = p[k] {
                        if q.base.isFinite { continue }
                        return q.base
                    }
                    if let bad = nonFinite(in: p[k]) { return bad }
                }
                return nil
            }
        case .record(let r):
            for f in r.fields { if let bad = nonFinite(in: f.value) { return bad } }
            return nil
        default: return nil
        }
    }
}
