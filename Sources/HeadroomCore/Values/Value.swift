/// Everything a plan expression can evaluate to.
public enum Value: Sendable {
    case quantity(Quantity)
    case bool(Bool)
    case string(String)
    /// Seconds since 1970-01-01T00:00:00Z.
    case date(Int64)
    case list([Value])
    case record(Record)
    case function(Function)
    indirect case series(Series)
    /// A runway that does not end, or the date it would end: after every date, longer than
    /// every duration. Arithmetic keeps it (`never + 1 month` is `never`).
    case never(NeverKind)
    /// No value for this cell (a MAPE of a series with a zero in it, the cost of changing
    /// nothing): shown as its label, `null` with the reason in JSON; arithmetic on it is an error.
    indirect case missing(Missing)
    /// What `print(...)` returns; never shown.
    case nothing

    public static func number(_ v: Double) -> Value { .quantity(.number(v)) }

    /// The kind of value, as messages name it.
    public var typeName: String {
        switch self {
        case .quantity(let q): return q.isPlainNumber ? "a number" : "a quantity (\(q.dimension))"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .date: return "a date"
        case .list: return "a list"
        case .record: return "a record"
        case .function: return "a function"
        case .series(let s): return "a series (\(s.dimension))"
        case .never(.duration): return "a duration (never)"
        case .never(.date): return "a date (never)"
        case .missing: return "a missing value"
        case .nothing: return "nothing"
        }
    }
}

extension Value {
    /// True when a user-written function (a closure) is this value or inside it.
    var reachesClosure: Bool {
        switch self {
        case .function(let f): if case .closure = f.body { return true } else { return false }
        case .list(let xs): return xs.contains { $0.reachesClosure }
        case .record(let r): return r.fields.contains { $0.value.reachesClosure }
        default: return false
        }
    }
}

/// What a `never` stands for: a duration (a runway) or a date (when it runs out).
public enum NeverKind: Sendable, Equatable {
    case duration, date
}

/// Why a value is missing: a short label for cells (`n/a`, `no gain`) and a sentence.
public struct Missing: Sendable, Equatable {
    public var label: String
    public var reason: String
    public init(_ label: String = "n/a", reason: String) {
        self.label = label
        self.reason = reason
    }
}

/// Named fields in the order they were written.
public struct Record: Sendable {
    public var fields: [(name: String, value: Value)]

    public init(_ fields: [(name: String, value: Value)]) { self.fields = fields }

    public subscript(_ name: String) -> Value? {
        fields.first(where: { $0.name == name })?.value
    }

    public var names: [String] { fields.map(\.name) }
}

/// A callable: a builtin, or a closure made by `fn` or `=>`.
public final class Function: @unchecked Sendable {
    public enum Body {
        case builtin(Builtin)
        case closure(Closure)
    }

    public let name: String
    public let body: Body

    public init(name: String, body: Body) {
        self.name = name
        self.body = body
    }

    public var signature: String {
        switch body {
        case .builtin(let b): return b.signature
        case .closure(let c):
            let params = c.params
            return
                "\(name)(\(params.map { $0.defaultValue == nil ? $0.name : "\($0.name) = …" }.joined(separator: ", ")))"
        }
    }
}
