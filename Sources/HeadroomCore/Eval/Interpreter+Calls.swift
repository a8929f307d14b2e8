/// Function application: binding arguments to parameters, closures and builtins.
extension Interpreter {
    public typealias CallArgs = [(label: String?, value: Value, span: Span)]

    /// Matches positional and named arguments to parameter names. Returns one slot per
    /// parameter (nil where not given) and the extra positionals for a variadic builtin.
    func bindArguments(
        _ names: [String], _ args: CallArgs, signature: String, variadic: Bool,
        _ calleeSpan: Span
    ) throws(Diagnostic) -> (slots: [(Value, Span)?], extra: [(Value, Span)]) {
        var slots = [(Value, Span)?](repeating: nil, count: names.count)
        var extra: [(Value, Span)] = []
        var next = 0
        for a in args {
            if let label = a.label {
                guard let i = names.firstIndex(of: label) else {
                    throw error(
                        .name, "\(signature) has no parameter '\(label)'", a.span,
                        notes: Suggest.notes(for: label, among: names))
                }
                if slots[i] != nil { throw error(.type, "argument '\(label)' is given twice", a.span) }
                slots[i] = (a.value, a.span)
            } else {
                while next < names.count, slots[next] != nil { next += 1 }
                if next < names.count {
                    slots[next] = (a.value, a.span)
                    next += 1
                } else if variadic {
                    extra.append((a.value, a.span))
                } else {
                    throw error(
                        .type, "too many arguments: \(signature) takes \(names.count)", a.span,
                        label: "extra argument")
                }
            }
        }
        return (slots, extra)
    }

    public func call(_ f: Value, _ args: CallArgs, _ calleeSpan: Span, _ span: Span) throws(Diagnostic) -> Value {
        guard case .function(let fn) = f else {
            throw error(.type, "\(f.typeName) is not a function", calleeSpan, label: "cannot be called")
        }
        // Only calls recurse without bound (the parser caps expression depth), so the stack
        // is checked here, and the error always points at a call.
        if stack.exhausted {
            throw error(
                .limit, "recursion too deep", span, label: "this call nests too deeply",
                notes: ["a function probably calls itself without end"])
        }
        if host.isCancelled() {
            throw error(
                .runtime, "interrupted", span, label: "stopped here", notes: ["nothing from this entry was kept"])
        }
        switch fn.body {
        case .builtin(let b):
            let bound = try bindArguments(
                b.params.map(\.name), args, signature: b.signature,
                variadic: b.variadic, calleeSpan)
            for (i, p) in b.params.enumerated()
            where !p.optional && bound.slots[i] == nil && !(b.variadic && i == b.params.count - 1) {
                throw error(.type, "missing argument '\(p.name)' for \(b.signature)", span)
            }
            let c = BuiltinCall(args: bound.slots, extra: bound.extra, span: span, interpreter: self, builtin: b)
            let result = try b.run(c)
            if case .quantity(let q) = result, !q.base.isFinite,
                !(q.base == .infinity && q.dimension == BuiltinUnits.time)
            {
                throw error(
                    .runtime,
                    q.base.isNaN ? "the result of \(b.name) is not a number" : "the result of \(b.name) is too large",
                    span, label: "beyond about 1.8e308")
            }
            return result
        case .closure(let params, let body, let captured):
            let bound = try bindArguments(
                params.map(\.name), args, signature: fn.signature, variadic: false, calleeSpan)
            let scope = Scope(parent: captured ?? Scope(parent: nil))
            for (i, p) in params.enumerated() {
                if let (v, _) = bound.slots[i] {
                    scope.bindParameter(p.name, v)
                } else if let d = p.defaultValue {
                    scope[p.name] = try evaluate(d, scope)  // a default may close over the call
                } else {
                    throw error(.type, "missing argument '\(p.name)' for \(fn.signature)", span)
                }
            }
            return try evaluate(body, scope)
        }
    }

    /// Calls a function value from a builtin (`map`, `filter`, `sort_by`).
    public func apply(_ f: Value, _ values: [Value], at span: Span) throws(Diagnostic) -> Value {
        try call(f, values.map { (nil, $0, span) }, span, span)
    }
}
