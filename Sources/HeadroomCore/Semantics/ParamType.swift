/// What a builtin parameter accepts. The checker matches it against inferred types, the
/// interpreter against values (through the same `accepts`), and signatures print it.
public indirect enum ParamType: Sendable {
    case any
    /// A number or quantity; nil accepts any dimension.
    case quantity(DimensionPattern?)
    case series(DimensionPattern?)
    case date, string, bool, function
    case record
    /// A record whose fields are among these (a misspelt field is an error, not ignored).
    case recordOf([String])
    case list(ParamType)
    case oneOf([ParamType])

    public static let number = ParamType.quantity(.plain)
    public static let duration = ParamType.quantity(.time)

    /// Whether a value of type `t` fits, binding dimension variables. An unknown type fits
    /// (the interpreter checks it when the value is known).
    public func accepts(_ t: StaticType, _ b: inout DimensionPattern.Bindings) -> Bool {
        switch (self, t) {
        case (.any, _), (_, .unknown): return true
        case (.quantity(let p), .quantity(let d)): return p?.match(d, &b) ?? true
        case (.series(let p), .series(let d)), (.series(let p), .columns(let d)): return p?.match(d, &b) ?? true
        case (.date, .date), (.string, .string), (.bool, .bool), (.function, .function), (.record, .record),
            (.recordOf, .record):
            return true
        case (.list(let e), .list(let et)): return e.accepts(et, &b)
        case (.quantity(let p), .measured(let d)), (.series(let p), .measured(let d)): return p?.match(d, &b) ?? true
        case (.list, .measured): return true
        case (.oneOf(let choices), _):
            for c in choices {
                var trial = b
                if c.accepts(t, &trial) {
                    b = trial
                    return true
                }
            }
            return false
        default: return false
        }
    }

    /// The same type with dimension variables replaced where they are known, for messages.
    func resolved(_ b: DimensionPattern.Bindings) -> ParamType {
        func fix(_ p: DimensionPattern?) -> DimensionPattern? { p.flatMap { $0.resolve(b) }.map { .of($0) } ?? p }
        switch self {
        case .quantity(let p): return .quantity(fix(p))
        case .series(let p): return .series(fix(p))
        case .list(let e): return .list(e.resolved(b))
        case .oneOf(let cs): return .oneOf(cs.map { $0.resolved(b) })
        default: return self
        }
    }

    /// How signatures write it: `Q`, `Q/Time`, `series<Q>`, `[quantity]`, `date | string`.
    public var text: String {
        switch self {
        case .any: return "any"
        case .quantity(let p): return p?.text ?? "quantity"
        case .series(let p): return p.map { "series<\($0.text)>" } ?? "series"
        case .date: return "date"
        case .string: return "string"
        case .bool: return "bool"
        case .function: return "fn"
        case .record: return "record"
        case .recordOf(let names): return "{" + names.joined(separator: ", ") + "}"
        case .list(let e): return "[\(e.text)]"
        case .oneOf(let cs): return cs.map(\.text).joined(separator: " | ")
        }
    }

    /// How messages name it: "a quantity (Bytes/Time)", "a series", "a date or a string".
    public var phrase: String {
        switch self {
        case .any: return "a value"
        case .quantity(let p):
            guard let p else { return "a number or quantity" }
            if p.variable != nil { return "a quantity (\(p.text))" }
            if p.times.isNone { return "a plain number" }
            if p.times == Dimension(base: "Time").raised(-1) { return "a percentage per time, such as 10%/month" }
            return p.times == Dimension(base: "Time") ? "a duration, such as 30 days" : "a quantity (\(p.times))"
        case .series(let p): return p.map { $0.variable == nil ? "a series (\($0.times))" : "a series" } ?? "a series"
        case .date: return "a date"
        case .string: return "a string"
        case .bool: return "true or false"
        case .function: return "a function"
        case .record, .recordOf: return "a record"
        case .list: return "a list"
        case .oneOf(let cs):
            let ps = cs.map(\.phrase)
            return ps.count < 3
                ? ps.joined(separator: " or ") : ps.dropLast().joined(separator: ", ") + " or " + ps[ps.count - 1]
        }
    }

    /// Whether the mismatch is one of dimension (both sides quantities or series).
    func isDimensionMismatch(_ t: StaticType) -> Bool {
        switch (self, t) {
        case (.quantity, .quantity), (.series, .series), (.series, .columns): return true
        case (.oneOf(let cs), _): return cs.contains { $0.isDimensionMismatch(t) }
        default: return false
        }
    }
}
