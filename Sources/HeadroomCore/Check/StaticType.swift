/// What the checker knows about a value before running anything.
public indirect enum StaticType: Sendable {
    case unknown
    case quantity(Dimension)
    case series(Dimension)
    /// A series, or a record of series by column name, of one dimension (what `load` gives
    /// without `column:`: the file decides). Fields other than a series' own are columns.
    case columns(Dimension)
    /// What a metrics query gives when `unit:` says the numbers' dimension: a quantity, a
    /// series or a table of them (the server decides which). Dimension mistakes in its use are
    /// found before running; its shape is checked when it arrives.
    case measured(Dimension)
    case bool, string, date, nothing
    case list(StaticType)
    case record([(name: String, type: StaticType)])
    /// A function. A user one carries its declaration and the local scopes it was defined in
    /// (none at the top level), so each call is checked with the argument types where the
    /// body can see what it sees when it runs, also after leaving its block.
    case function(FunctionDecl?, builtin: String?, env: [[String: StaticType]] = [])

    public static let number = StaticType.quantity(.none)

    var name: String {
        switch self {
        case .unknown: return "a value"
        case .quantity(let d): return d.isNone ? "a number" : "a quantity (\(d))"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .date: return "a date"
        case .nothing: return "nothing"
        case .list: return "a list"
        case .record: return "a record"
        case .function: return "a function"
        case .series(let d): return "a series (\(d))"
        case .columns(let d): return "a series or a record of series (\(d))"
        case .measured(let d): return "a measured value (\(d))"
        }
    }

    public init(of v: Value) {
        switch v {
        case .quantity(let q): self = .quantity(q.dimension)
        case .bool: self = .bool
        case .string: self = .string
        case .date: self = .date
        case .nothing: self = .nothing
        case .list(let xs): self = .list(StaticType.common(xs.map { StaticType(of: $0) }))
        case .record(let r): self = .record(r.fields.map { ($0.name, StaticType(of: $0.value)) })
        case .series(let s): self = .series(s.dimension)
        case .never(.duration): self = .quantity(Dimension(base: "Time"))
        case .never(.date): self = .date
        case .missing: self = .unknown
        case .function(let f):
            if case .builtin(let b) = f.body {
                self = .function(nil, builtin: b.name)
            } else {
                self = .function(nil, builtin: nil)
            }
        }
    }

    /// The type of a value without walking its items (a list's first item stands for all):
    /// what the interpreter matches builtin parameters with, at no cost per item.
    public static func shallow(of v: Value) -> StaticType {
        switch v {
        case .list(let xs): return .list(xs.first.map { shallow(of: $0) } ?? .unknown)
        case .record(let r): return .record(r.fields.map { ($0.name, shallow(of: $0.value)) })
        default: return StaticType(of: v)
        }
    }

    /// The type all items share (a list's item type), or `.unknown` if they differ, so
    /// `[1, 2 GB]` is never taken for a list of plain numbers.
    static func common(_ ts: [StaticType]) -> StaticType {
        guard let first = ts.first else { return .unknown }
        return ts.dropFirst().allSatisfy { same(first, $0) } ? first : .unknown
    }

    static func same(_ a: StaticType, _ b: StaticType) -> Bool {
        switch (a, b) {
        case (.quantity(let x), .quantity(let y)), (.series(let x), .series(let y)), (.columns(let x), .columns(let y)):
            return x == y
        case (.bool, .bool), (.string, .string), (.date, .date), (.nothing, .nothing): return true
        case (.list(let x), .list(let y)): return same(x, y)
        case (.record(let x), .record(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && same($0.type, $1.type) }
        default: return false
        }
    }
}
