/// One parameter of a builtin: name, accepted type, whether it may be left out (and what
/// leaving it out means, for the docs).
public struct Parameter: Sendable {
    public var name: String
    public var type: ParamType
    public var optional: Bool
    /// What leaving it out means (`100%`, `today`), shown in signatures.
    public var defaultText: String?
    /// The type it stands for when left out, for the dimension variables (`load` without
    /// `unit:` gives plain numbers).
    public var absent: StaticType?

    public init(
        _ name: String, _ type: ParamType = .any, optional: Bool = false, default defaultText: String? = nil,
        absent: StaticType? = nil
    ) {
        self.name = name
        self.type = type
        self.optional = optional || defaultText != nil || absent != nil
        self.defaultText = defaultText
        self.absent = absent
    }

    var text: String {
        let t = type.text
        if let d = defaultText { return "\(name): \(t) = \(d)" }
        return optional ? "\(name)?: \(t)" : "\(name): \(t)"
    }
}

/// One way to call a builtin: its parameters in positional order and its result rule.
/// A builtin has one or more (`runway(usage, capacity, rate)` and `runway(series, capacity)`).
public struct Overload: Sendable {
    public var params: [Parameter]
    public var result: ResultType
    /// Extra positional arguments are collected into the last parameter's place
    /// (`max(a, b, c)`, `print(x, y)`).
    public var variadic: Bool

    public init(_ params: [Parameter], _ result: ResultType, variadic: Bool = false) {
        self.params = params
        self.result = result
        self.variadic = variadic
    }

    /// What the last parameter of a variadic overload takes as one argument: an item, a list
    /// of items, or a series when the items are quantities.
    static func itemsOf(_ t: ParamType) -> ParamType {
        var quantity: DimensionPattern?? = nil
        if case .quantity(let p) = t { quantity = .some(p) }
        if case .oneOf(let cs) = t {
            for case .quantity(let p) in cs { quantity = .some(p) }
        }
        if let p = quantity { return .oneOf([t, .list(t), .series(p)]) }
        return .oneOf([t, .list(t)])
    }

    /// `name(p, q?)`: names only, for messages about the arguments' names and count.
    public func shortText(_ name: String) -> String {
        "\(name)(\(params.map { $0.optional ? "\($0.name)?" : $0.name }.joined(separator: ", ")))"
    }

    /// `name(p: T, q?: U) -> R`: what the docs, `:help` and usage notes show.
    public func text(_ name: String) -> String { usage(name) + " -> \(result.text)" }

    /// `name(p: T, q?: U)`: the parameters, for notes under an error about the arguments.
    public func usage(_ name: String) -> String {
        var ps = params.map(\.text)
        if variadic, let last = params.last {
            ps[ps.count - 1] = "\(last.name)...: \(last.type.text)"
        }
        return "\(name)(\(ps.joined(separator: ", ")))"
    }
}
