/// Matches a call's arguments to parameters: positional, then named, defaults left out,
/// overloads tried in order. The checker binds argument types, the interpreter values; both
/// call this, so a call is accepted or refused the same way, with the same words, by both.
public enum ArgumentBinder {
    /// One argument as written.
    public struct Arg {
        public var label: String?
        public var labelSpan: Span?
        public var span: Span
        public var type: StaticType
        public init(label: String?, labelSpan: Span? = nil, span: Span, type: StaticType) {
            self.label = label
            self.labelSpan = labelSpan
            self.span = span
            self.type = type
        }
    }

    /// A successful match: for each parameter of the overload the index of its argument (nil
    /// where left out), extra positional arguments of a variadic one, and what the dimension
    /// variables stood for.
    public struct Binding {
        public var overload: Int
        public var slots: [Int?]
        public var extra: [Int]
        public var dimensions: DimensionPattern.Bindings
    }

    /// Binds names only (user functions, whose parameters take any value).
    public static func bindNames(
        _ names: [String], required: [Bool], variadic: Bool = false, signature: String, _ args: [Arg], call: Span
    ) -> Result<(slots: [Int?], extra: [Int]), DiagnosticList> {
        var slots = [Int?](repeating: nil, count: names.count)
        var extra: [Int] = []
        var errors: [Diagnostic] = []
        var next = 0
        for (k, a) in args.enumerated() {
            if let label = a.label {
                guard let i = names.firstIndex(of: label) else {
                    errors.append(
                        Diagnostic(
                            .unknownParameter, "\(signature) has no parameter '\(label)'", at: a.labelSpan ?? a.span,
                            notes: Suggest.notes(for: label, among: names)))
                    continue
                }
                if slots[i] != nil {
                    errors.append(
                        Diagnostic(.argumentTwice, "argument '\(label)' is given twice", at: a.labelSpan ?? a.span))
                    continue
                }
                slots[i] = k
            } else {
                while next < names.count, slots[next] != nil { next += 1 }
                if next < names.count {
                    slots[next] = k
                    next += 1
                } else if variadic {
                    extra.append(k)
                } else {
                    errors.append(
                        Diagnostic(
                            .tooManyArguments, "too many arguments: \(signature) takes \(names.count)", at: a.span,
                            label: "extra argument"))
                }
            }
        }
        // A misspelt label is most likely the missing argument: say only that.
        let misspelt = errors.contains { $0.code == .unknownParameter }
        for (i, n) in names.enumerated()
        where !misspelt && required[i] && slots[i] == nil && !(variadic && i == names.count - 1) {
            errors.append(Diagnostic(.missingArgument, "missing argument '\(n)' for \(signature)", at: call))
        }
        return errors.isEmpty ? .success((slots, extra)) : .failure(DiagnosticList(errors))
    }

    /// Chooses the first overload whose names and types fit; otherwise the errors of the one
    /// that came closest (names fit, types did not; else the first), with every form named.
    public static func bind(_ b: Builtin, _ args: [Arg], call: Span) -> Result<Binding, DiagnosticList> {
        var firstFailure: DiagnosticList?
        var typeFailure: DiagnosticList?
        for (o, overload) in b.overloads.enumerated() {
            let names = overload.params.map(\.name)
            let sig = overload.shortText(b.name)
            switch bindNames(
                names, required: overload.params.map { !$0.optional }, variadic: overload.variadic,
                signature: sig, args, call: call)
            {
            case .failure(let e):
                if firstFailure == nil { firstFailure = e }
            case .success(let (slots, extra)):
                var dims: DimensionPattern.Bindings = [:]
                var errors: [Diagnostic] = []
                for (i, p) in overload.params.enumerated() {
                    let given = (slots[i].map { [$0] } ?? []) + (overload.variadic && i == names.count - 1 ? extra : [])
                    if given.isEmpty, let absent = p.absent { _ = p.type.accepts(absent, &dims) }
                    for k in given {
                        var type = p.type
                        // A variadic parameter is declared by its item type: it takes the items
                        // one by one, or one list of them (or a series of such quantities).
                        if overload.variadic, i == names.count - 1, extra.isEmpty { type = Overload.itemsOf(p.type) }
                        if !type.accepts(args[k].type, &dims) {
                            errors.append(mismatch(b, p, type.resolved(dims), args[k]))
                        } else if case .recordOf(let allowed) = type, case .record(let fields) = args[k].type {
                            // Other fields may describe the thing (a node's name or price); a
                            // field close to one it reads is a misspelling, and a record with
                            // none of them gives it nothing.
                            let none = !fields.contains { allowed.contains($0.name) }
                            for f in fields
                            where !allowed.contains(f.name)
                                && (none || !Suggest.closest(to: f.name, among: allowed).isEmpty)
                            {
                                errors.append(
                                    Diagnostic(
                                        .unknownField, "\(b.name)'s '\(p.name)' has no field '\(f.name)'",
                                        at: args[k].span, label: "field '\(f.name)'",
                                        notes: Suggest.notes(for: f.name, among: allowed)
                                            + ["its fields: \(allowed.joined(separator: ", "))"]))
                            }
                        }
                    }
                }
                if errors.isEmpty {
                    return .success(Binding(overload: o, slots: slots, extra: extra, dimensions: dims))
                }
                if typeFailure == nil { typeFailure = DiagnosticList(errors) }
            }
        }
        var failure = typeFailure ?? firstFailure ?? DiagnosticList([])
        if b.overloads.count > 1 {
            for i in failure.diagnostics.indices {
                failure.diagnostics[i].notes.append(
                    "\(b.name) is called as " + b.overloads.map { $0.usage(b.name) }.joined(separator: ", or "))
            }
        } else {
            for i in failure.diagnostics.indices {
                failure.diagnostics[i].notes.append("usage: \(b.overloads[0].usage(b.name))")
            }
        }
        return .failure(failure)
    }

    static func mismatch(_ b: Builtin, _ p: Parameter, _ wanted: ParamType, _ a: Arg) -> Diagnostic {
        let dimension = wanted.isDimensionMismatch(a.type)
        return Diagnostic(
            dimension ? .argumentDimension : .argumentType, "\(b.name) needs \(wanted.phrase) for '\(p.name)'",
            at: a.span, label: a.type.name)
    }
}
