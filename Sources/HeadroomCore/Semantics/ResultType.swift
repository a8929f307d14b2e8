/// A builtin's result as a rule over its arguments' types: fixed (`date`), a dimension
/// pattern resolved from the arguments (`Q/Time` where `Q` is the dimension `usage` had), or
/// the type of an argument. The checker reads it; `docs/builtins.md` prints it.
public indirect enum ResultType: Sendable {
    case quantity(DimensionPattern)
    case series(DimensionPattern)
    /// A series, or a record of series by column name (`load` without `column:`), all of the
    /// pattern's dimension.
    case columns(DimensionPattern)
    case date, string, bool, nothing, function
    case list(ResultType)
    case record([(name: String, type: ResultType)])
    /// The type of the argument given for that parameter.
    case argument(String)
    /// The item type of that argument: a list's item, a series' value, or the argument itself
    /// (variadic calls such as `max(a, b)`).
    case item(String)
    /// A metrics answer whose numbers have the dimension of that (unit) argument.
    case measured(String)
    /// The square root of that argument's dimension (`sqrt(4 GB^2)` is Bytes).
    case squareRoot(String)
    /// Decided at run time by something outside the plan (a server's answer, what `f`
    /// returns); the reason is documented beside the builtin. The checker's one place for it.
    case dynamic(String)

    public static let number = ResultType.quantity(.plain)
    public static let duration = ResultType.quantity(.time)

    /// A list of records with these fields: a table.
    public static func table(_ fields: [(name: String, type: ResultType)]) -> ResultType { .list(.record(fields)) }

    /// The static type for one call, from the dimension variables and the argument types
    /// (by parameter name; the first extra positional argument stands for a variadic one).
    func resolve(_ b: DimensionPattern.Bindings, _ args: [String: StaticType]) -> StaticType {
        switch self {
        case .quantity(let p): return p.resolve(b).map { .quantity($0) } ?? .unknown
        case .series(let p): return p.resolve(b).map { .series($0) } ?? .unknown
        case .columns(let p): return p.resolve(b).map { .columns($0) } ?? .unknown
        case .date: return .date
        case .string: return .string
        case .bool: return .bool
        case .nothing: return .nothing
        case .function: return .function(nil, builtin: nil)
        case .list(let e): return .list(e.resolve(b, args))
        case .record(let fs): return .record(fs.map { ($0.name, $0.type.resolve(b, args)) })
        case .argument(let n): return args[n] ?? .unknown
        case .item(let n):
            switch args[n] ?? .unknown {
            case .list(let e): return e
            case .series(let d), .columns(let d): return .quantity(d)
            case let t: return t
            }
        case .measured(let n):
            if case .quantity(let d) = args[n] ?? .unknown { return .measured(d) }
            return .unknown
        case .squareRoot(let n):
            guard case .quantity(let d) = args[n] ?? .unknown, d.powers.allSatisfy({ $0.power % 2 == 0 }) else {
                return .unknown
            }
            return .quantity(Dimension(powers: d.powers.map { ($0.base, $0.power / 2) }))
        case .dynamic: return .unknown
        }
    }

    /// How signatures write it.
    public var text: String {
        switch self {
        case .quantity(let p): return p.text
        case .series(let p): return "series<\(p.text)>"
        case .columns(let p): return "series<\(p.text)> | {column: series<\(p.text)>}"
        case .date: return "date"
        case .string: return "string"
        case .bool: return "bool"
        case .nothing: return "nothing"
        case .function: return "fn"
        case .list(let e): return "[\(e.text)]"
        case .record(let fs): return "{" + fs.map { "\($0.name): \($0.type.text)" }.joined(separator: ", ") + "}"
        case .argument(let n): return "type of \(n)"
        case .item(let n): return "item of \(n)"
        case .squareRoot(let n): return "sqrt of \(n)'s unit"
        case .measured(let n): return "value (in \(n)'s unit, when given)"
        case .dynamic: return "value"
        }
    }
}
