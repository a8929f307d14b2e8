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
                report(.notAFunction, "'\(n)' is a unit, not a function", callee.span)
                calleeType = .unknown
            } else {
                report(
                    .unknownFunction, "unknown function '\(n)'", callee.span,
                    notes: Suggest.notes(for: n, among: builtins.names + Array(globals.keys) + scopes.flatMap(\.keys)))
                calleeType = .unknown
            }
        } else {
            calleeType = infer(callee)
        }
        let argTypes = args.map { infer($0.value) }
        let given = zip(args, argTypes).map {
            ArgumentBinder.Arg(label: $0.label, labelSpan: $0.labelSpan, span: $0.value.span, type: $1)
        }
        switch calleeType {
        case .function(_, let builtin?, _):
            guard let b = builtins[builtin] else { return .unknown }
            switch ArgumentBinder.bind(b, given, call: span) {
            case .failure(let errors):
                for d in errors.diagnostics { report(d) }
                return .unknown
            case .success(let binding):
                var named: [String: StaticType] = [:]
                let params = b.overloads[binding.overload].params
                for (p, slot) in zip(params, binding.slots) { if let k = slot { named[p.name] = argTypes[k] } }
                if let last = params.last, named[last.name] == nil, let k = binding.extra.first {
                    named[last.name] = argTypes[k]
                }
                return b.overloads[binding.overload].result.resolve(binding.dimensions, named)
            }
        case .function(let decl?, nil, let env):
            let names = decl.params.map(\.name)
            switch ArgumentBinder.bindNames(
                names, required: decl.params.map { $0.defaultValue == nil },
                signature: "\(decl.name)(\(names.joined(separator: ", ")))", given, call: span)
            {
            case .failure(let errors):
                for d in errors.diagnostics { report(d) }
                return .unknown
            case .success(let bound):
                let slots = bound.slots.map { $0.map { argTypes[$0] } }
                return instantiate(decl, env: env, slots, firstArg: args.first?.value.span)
            }
        case .function, .unknown:
            return .unknown
        default:
            report(.notAFunction, "\(calleeType.name) is not a function", callee.span, label: "cannot be called")
            return .unknown
        }
    }

    /// Checks a user function's body with the argument types of one call, in the scopes it
    /// was defined in (where its own name is visible, for recursion), not the caller's.
    mutating func instantiate(
        _ decl: FunctionDecl, env: [[String: StaticType]], _ slots: [StaticType?], firstArg: Span?
    ) -> StaticType {
        let depth = instantiating[decl.name, default: 0]
        guard depth < 2, budget > 0 else { return .unknown }
        budget -= 1
        var scope: [String: StaticType] = [:]
        for (p, t) in zip(decl.params, slots) { scope[p.name] = t ?? .unknown }
        instantiating[decl.name] = depth + 1
        // Errors found only with these argument types point at the body; say which call.
        let before = diagnostics.count
        var defined = env
        if !defined.isEmpty { defined[defined.count - 1][decl.name] = .function(decl, builtin: nil, env: env) }
        let callers = scopes
        scopes = defined + [scope]
        // The definitions table follows the scopes: the parameters are defined in the declaration.
        let callerDefinitions = localDefinitions
        if recordsTables {
            localDefinitions = Array(repeating: [:], count: scopes.count)
            for p in decl.params { localDefinitions[localDefinitions.count - 1][p.name] = p.span }
        }
        let result = infer(decl.body)
        scopes = callers
        localDefinitions = callerDefinitions
        instantiating[decl.name] = depth
        // Only the innermost call is named (a nested instantiation has labelled it already).
        if diagnostics.count > before, let callSpan = firstArg {
            for i in before..<diagnostics.count where !diagnostics[i].labels.contains(where: \.isCallSite) {
                diagnostics[i].labels.append(Label(callSpan, "in this call of \(decl.name)", isCallSite: true))
            }
        }
        return result
    }
}
