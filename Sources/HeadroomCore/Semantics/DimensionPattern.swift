/// The dimension a parameter accepts or a result has: a fixed dimension, or a variable (`Q`)
/// times a fixed one. `Q/Time` accepts a rate of whatever dimension `Q` stood for in an earlier
/// argument, so `runway(1 TB, 2 TB, 5 cores/month)` is a dimension error before anything runs.
public struct DimensionPattern: Sendable, Equatable {
    public var variable: String?
    public var times: Dimension

    public init(_ variable: String? = nil, times: Dimension = .none) {
        self.variable = variable
        self.times = times
    }

    public static func of(_ d: Dimension) -> DimensionPattern { DimensionPattern(times: d) }
    public static let plain = DimensionPattern.of(.none)
    public static let time = DimensionPattern.of(Dimension(base: "Time"))
    public static let perTime = DimensionPattern.of(Dimension(base: "Time").raised(-1))
    public static let q = DimensionPattern("Q")
    /// An amount of money: any currency (each is its own dimension), the same in one call.
    public static let money = DimensionPattern("Money")
    public static let qPerTime = DimensionPattern("Q", times: Dimension(base: "Time").raised(-1))

    /// The dimension variables have stood for so far in one call.
    public typealias Bindings = [String: Dimension]

    /// Whether `d` fits, binding the variable on first use.
    public func match(_ d: Dimension, _ bindings: inout Bindings) -> Bool {
        guard let v = variable else { return d == times }
        if let bound = bindings[v] { return d == bound * times }
        bindings[v] = d / times
        return true
    }

    /// The dimension once the variable is known; nil while it is not.
    public func resolve(_ bindings: Bindings) -> Dimension? {
        guard let v = variable else { return times }
        return bindings[v].map { $0 * times }
    }

    /// How signatures write it: `Q`, `Q/Time`, `Time`, `number`, `Bytes`.
    public var text: String {
        guard let v = variable else {
            if times.isNone { return "number" }
            // Spelled out rather than named (`1/Time`, not `Frequency`): signatures show the rule.
            if times.powers.allSatisfy({ $0.power < 0 }) {
                return "1/"
                    + times.powers.map { $0.base + ($0.power == -1 ? "" : "^\(-$0.power)") }.joined(separator: "·")
            }
            return times.description
        }
        if times.isNone { return v }
        let num = times.powers.filter { $0.power > 0 }, den = times.powers.filter { $0.power < 0 }
        var s = v
        for p in num { s += "·" + p.base + (p.power == 1 ? "" : "^\(p.power)") }
        for p in den { s += "/" + p.base + (p.power == -1 ? "" : "^\(-p.power)") }
        return s
    }
}
