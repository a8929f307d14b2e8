/// A physical dimension: a product of base dimensions raised to integer powers.
///
/// Base dimensions are named: `Bytes`, `Time`, `Cores`, `Energy`, one per currency
/// (`USD`, `EUR`, so currencies never mix), and one per user-declared `unit`.
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// Sorted by base name; no zero powers.
    public private(set) var powers: [(base: String, power: Int)]

    public static let none = Dimension(powers: [])

    public init(base: String) { powers = [(base, 1)] }

    init(powers: [(base: String, power: Int)]) {
        self.powers = powers.filter { $0.power != 0 }.sorted { $0.base < $1.base }
    }

    public var isNone: Bool { powers.isEmpty }

    public static func == (a: Dimension, b: Dimension) -> Bool {
        a.powers.count == b.powers.count
            && zip(a.powers, b.powers).allSatisfy { $0.base == $1.base && $0.power == $1.power }
    }

    public func hash(into h: inout Hasher) {
        for p in powers { h.combine(p.base); h.combine(p.power) }
    }

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        if b.isNone { return a }
        if a.isNone { return b }
        var d: [String: Int] = [:]
        for p in a.powers { d[p.base, default: 0] += p.power }
        for p in b.powers { d[p.base, default: 0] += p.power }
        return Dimension(powers: d.map { ($0.key, $0.value) })
    }

    public func raised(_ n: Int) -> Dimension { Dimension(powers: powers.map { ($0.base, $0.power * n) }) }

    public static func / (a: Dimension, b: Dimension) -> Dimension { a * b.raised(-1) }

    /// Names for compound dimensions that people know by name.
    static let named: [(Dimension, String)] = [
        (Dimension(base: "Energy") / Dimension(base: "Time"), "Power"),
        (Dimension(base: "Bytes") / Dimension(base: "Time"), "DataRate"),
        (Dimension(base: "Time").raised(-1), "Frequency"),
    ]

    /// How the dimension reads in a message: `Bytes`, `Power`, `Bytes/Time`, `plain number`.
    public var description: String {
        if isNone { return "plain number" }
        if let n = Dimension.named.first(where: { $0.0 == self }) { return n.1 }
        func part(_ ps: [(base: String, power: Int)]) -> String {
            ps.map { $0.power == 1 ? $0.base : "\($0.base)^\($0.power)" }.joined(separator: "·")
        }
        let num = powers.filter { $0.power > 0 }
        let den = powers.filter { $0.power < 0 }.map { ($0.base, -$0.power) }
        if num.isEmpty { return "1/" + (den.count > 1 ? "(\(part(den)))" : part(den)) }
        if den.isEmpty { return part(num) }
        return part(num) + "/" + (den.count > 1 ? "(\(part(den)))" : part(den))
    }
}
