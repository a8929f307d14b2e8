/// Checking calls: argument names and counts, and user functions per call site.
extension Checker {
    mutating func call(_ callee: Expr, _ args: [Argument], _ span: Span) -> StaticType {
        var calleeType: StaticType
        if case .name(let n) = callee.kind {
            if let t = lookupLocal(n) {
                calleeType = t
            } else if builtins[n] != nil {
                calleeType = .function(nil, builtin: n)
            } else if units.lookup(n) != nil {
                report(.type, "'\(n)' is a unit, not a function", callee.span)
                calleeType = .unknown
            } else {
                report(
                    .name, "unknown function '\(n)'", callee.span,
                    notes: Suggest.notes(for: n, among: builtins.names + Array(globals.keys) + scopes.flatMap(\.keys)))
                calleeType = .unknown
            }
        } else {
            calleeType = infer(callee)
        }
        let argTypes = args.map { infer($0.value) }
        switch calleeType {
        case .function(_, let builtin?, _):
            guard let b = builtins[builtin] else { return .unknown }
            checkArity(
                names: b.params.map(\.name), required: Set(b.params.filter { !$0.optional }.map(\.name)),
                variadic: b.variadic, signature: b.signature, args, span)
            return b.returns(alignToParameters(b.params.map(\.name), args, argTypes))
        case .function(let decl?, nil, let env):
            let names = decl.params.map(\.name)
            let ok = checkArity(
                names: names, required: Set(decl.params.filter { $0.defaultValue == nil }.map(\.name)),
                variadic: false, signature: "\(decl.name)(\(names.joined(separator: ", ")))", args, span)
            return ok ? instantiate(decl, env: env, args, argTypes) : .unknown
        case .function, .unknown:
            return .unknown
        default:
            report(.type, "\(calleeType.name) is not a function", callee.span, label: "cannot be called")
            return .unknown
        }
    }

    /// Argument types in parameter order (`.nothing` where a parameter is not given, which
    /// differs from a given argument of `.unknown` type), then any extra positional ones.
    func alignToParameters(_ names: [String], _ args: [Argument], _ types: [StaticType]) -> [StaticType] {
        var slots = [StaticType](repeating: .nothing, count: names.count)
        var given = Set<Int>(), extra: [StaticType] = [], next = 0
        for (a, t) in zip(args, types) {
            if let l = a.label, let i = names.firstIndex(of: l) { slots[i] = t; given.insert(i); continue }
            while next < names.count, given.contains(next) { next += 1 }
            if next < names.count { slots[next] = t; given.insert(next); next += 1 } else { extra.append(t) }
        }
        return slots + extra
    }

    @discardableResult
    mutating func checkArity(
        names: [String], required: Set<String>, variadic: Bool, signature: String,
        _ args: [Argument], _ span: Span
    ) -> Bool {
        var given = Set<String>()
        var positional = 0
        var ok = true
        for a in args {
            if let label = a.label {
                if !names.contains(label) {
                    report(
                        .name, "\(signature) has no parameter '\(label)'", a.labelSpan ?? a.value.span,
                        notes: Suggest.notes(for: label, among: names))
                    ok = false
                }
                given.insert(label)
            } else {
                while positional < names.count, given.contains(names[positional]) { positional += 1 }
                if positional < names.count {
                    given.insert(names[positional]); positional += 1
                } else if !variadic {
                    report(
                        .type, "too many arguments: \(signature) takes \(names.count)", a.value.span,
                        label: "extra argument")
                    ok = false
                }
            }
        }
        let lastVariadic = variadic ? names.last : nil
        for n in names where required.contains(n) && !given.contains(n) && n != lastVariadic {
            report(.type, "missing argument '\(n)' for \(signature)", span)
            ok = false
        }
        return ok
    }

    /// Checks a user function's body with the argument types of one call, in the scopes it
    /// was defined in (where its own name is visible, for recursion), not the caller's.
    mutating func instantiate(
        _ decl: FunctionDecl, env: [[String: StaticType]], _ args: [Argument], _ types: [StaticType]
    ) -> StaticType {
        let depth = instantiating[decl.name, default: 0]
        guard depth < 2, budget > 0 else { return .unknown }
        budget -= 1
        var scope: [String: StaticType] = [:]
        var next = 0
        for (a, t) in zip(args, types) {
            if let l = a.label { scope[l] = t; continue }
            while next < decl.params.count, scope[decl.params[next].name] != nil { next += 1 }
            if next < decl.params.count { scope[decl.params[next].name] = t; next += 1 }
        }
        for p in decl.params where scope[p.name] == nil { scope[p.name] = .unknown }
        instantiating[decl.name] = depth + 1
        // Errors found only with these argument types point at the body; say which call.
        let before = diagnostics.count
        var defined = env
        if !defined.isEmpty { defined[defined.count - 1][decl.name] = .function(decl, builtin: nil, env: env) }
        let callers = scopes
        scopes = defined + [scope]
        let result = infer(decl.body)
        scopes = callers
        instantiating[decl.name] = depth
        if diagnostics.count > before, let callSpan = args.first?.value.span {
            for i in before..<diagnostics.count
            where !diagnostics[i].notes.contains(where: { $0.hasPrefix("in this call") }) {
                diagnostics[i].labels.append(Label(callSpan, "in this call of \(decl.name)"))
            }
        }
        return result
    }
}
