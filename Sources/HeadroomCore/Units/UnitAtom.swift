/// One named unit: `GiB`, `month`, `core`, `USD`, `%`, or a user's `node`.
public struct UnitAtom: Hashable, Sendable {
    /// The spelling shown in output (singular).
    public let symbol: String
    /// Shown instead of `symbol` when it is the whole unit and the value is not 1 (`3 days`).
    public let plural: String?
    public let dimension: Dimension
    /// Size of one of this unit in base units (bytes, seconds, cores, joules, currency units).
    public let factor: Double
    /// `$` or `€`: shown before the number, with thousands separators and cents.
    public let prefix: String?
    /// What `:units` and `:help` say.
    public let summary: String

    public init(
        _ symbol: String, plural: String? = nil, _ dimension: Dimension, _ factor: Double,
        prefix: String? = nil, summary: String = ""
    ) {
        self.symbol = symbol
        self.plural = plural
        self.dimension = dimension
        self.factor = factor
        self.prefix = prefix
        self.summary = summary
    }

    public static func == (a: UnitAtom, b: UnitAtom) -> Bool { a.symbol == b.symbol && a.factor == b.factor }
    public func hash(into h: inout Hasher) { h.combine(symbol) }

    public static let percent = UnitAtom("%", .none, 0.01, summary: "percent, 1/100")
}

/// A unit as a product of atoms with powers: `GB/month` is `[(GB, 1), (month, -1)]`.
public struct UnitProduct: Equatable, Sendable {
    /// Its entry in `UnitTable`: a quantity copies a number, not a list.
    private let id: UInt32

    public var factors: [(atom: UnitAtom, power: Int)] { UnitTable.entry(id).pointee.factors }

    public init(_ factors: [(atom: UnitAtom, power: Int)] = []) {
        id = factors.isEmpty ? 0 : UnitTable.intern(factors)
    }
    public init(_ atom: UnitAtom) { self.init([(atom, 1)]) }

    public static let none = UnitProduct()

    /// The same atoms to the same powers, in the same order.
    public static func == (a: UnitProduct, b: UnitProduct) -> Bool { a.id == b.id }

    public var isEmpty: Bool { id == 0 }

    public var dimension: Dimension { id == 0 ? .none : UnitTable.entry(id).pointee.dimension }

    /// Whether `other` has the same dimension (two numbers compared).
    @inline(__always)
    func sameDimension(as other: UnitProduct) -> Bool {
        id == other.id || UnitTable.entry(id).pointee.dimensionID == UnitTable.entry(other.id).pointee.dimensionID
    }

    /// The one atom this unit is, to the first power, when it has a dimension (`GB`, not
    /// `%` or `GB/month`): such a unit is already as simple as `simplified()` makes it.
    var singleDimensionalAtom: Bool { id != 0 && UnitTable.entry(id).pointee.singleDimensionalAtom }

    /// Size of one of this unit in base units.
    public var factor: Double { id == 0 ? 1 : UnitTable.entry(id).pointee.factor }

    /// Converts a value in this unit to base units. A unit smaller than the base unit whose
    /// size is 1/n (`%`, `mcore`, `bit`) divides by n, which is exact where multiplying
    /// by 1/n is not (`70%` is exactly 0.7).
    public func toBase(_ v: Double) -> Double {
        let f = factor
        if f < 1 {
            let inv = 1 / f
            if inv == inv.rounded() { return v / inv }
        }
        return v * f
    }

    /// Converts a base-unit magnitude to this unit.
    public func fromBase(_ b: Double) -> Double {
        let f = factor
        if f < 1 {
            let inv = 1 / f
            if inv == inv.rounded() { return b * inv }
        }
        return b / f
    }

    /// `GB/month`, `USD/kWh`, `W·h`, `1/s`.
    public var symbol: String {
        func part(_ fs: [(atom: UnitAtom, power: Int)]) -> String {
            fs.map { $0.power == 1 ? $0.atom.symbol : "\($0.atom.symbol)^\($0.power)" }.joined(separator: "·")
        }
        let num = factors.filter { $0.power > 0 }
        let den = factors.filter { $0.power < 0 }.map { (atom: $0.atom, power: -$0.power) }
        let n = num.isEmpty ? "1" : part(num)
        if den.isEmpty { return num.isEmpty ? "" : n }
        return n + "/" + (den.count > 1 ? "(\(part(den)))" : part(den))
    }

    public func multiplied(by other: UnitProduct, power: Int = 1) -> UnitProduct {
        UnitProduct(factors + other.factors.map { ($0.atom, $0.power * power) })
    }

    public func raised(_ n: Int) -> UnitProduct { UnitProduct(factors.map { ($0.atom, $0.power * n) }) }

    /// A power over an energy (`W/kWh`, `kW/J`) is a rate per time: the pair becomes `1/h` (or
    /// `1/s`), so `65 W * 0.30 USD/kWh` reads `$0.0195/h`, not `19.5 W·USD/kWh`.
    static func powerOverEnergy(_ fs: [(atom: UnitAtom, power: Int)]) -> [(atom: UnitAtom, power: Int)] {
        let time = Dimension(base: "Time")
        for i in fs.indices where fs[i].power == 1 {
            guard
                let j = fs.indices.first(where: {
                    fs[$0].power == -1 && !fs[$0].atom.dimension.isNone && !fs[i].atom.dimension.isNone
                        && (fs[i].atom.dimension / fs[$0].atom.dimension == time.raised(-1)
                            || fs[i].atom.dimension / fs[$0].atom.dimension == time)
                })
            else { continue }
            let perTime = fs[i].atom.dimension / fs[j].atom.dimension == time.raised(-1)
            let hours = fs[i].atom.symbol.hasSuffix("h") || fs[j].atom.symbol.hasSuffix("h")
            let unit = UnitAtom.builtin(hours ? "h" : "s")
            let replaced = (atom: unit, power: perTime ? -1 : 1)
            var out = fs.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
            out.append(replaced)
            return powerOverEnergy(out)
        }
        return fs
    }

    /// Tidies a product built by `*` or `/` into the unit a person would write:
    /// merges repeated atoms, cancels atoms of one dimension against each other
    /// (`TB/GB` is a number; `GB/month * months` is `GB`), drops `%` next to real units (but keeps it in a rate such as `%/month`),
    /// and when one atom alone carries the whole dimension (`W·month·USD/kWh` is `USD`),
    /// keeps just that atom.
    public func simplified() -> UnitProduct {
        var out: [(atom: UnitAtom, power: Int)] = []
        for f in UnitProduct.powerOverEnergy(factors) {
            if let i = out.firstIndex(where: { $0.atom.dimension == f.atom.dimension && !f.atom.dimension.isNone }) {
                out[i].power += f.power
            } else if let i = out.firstIndex(where: { $0.atom == f.atom }) {
                out[i].power += f.power
            } else {
                out.append(f)
            }
        }
        out.removeAll { $0.power == 0 }
        let dimensional = out.filter { !$0.atom.dimension.isNone }
        if dimensional.isEmpty {
            let p = out.reduce(0) { $0 + $1.power }
            return p >= 1 ? UnitProduct(.percent) : .none
        }
        // A percentage per time (`20%/quarter`) keeps its `%`: it is a growth rate.
        if dimensional.allSatisfy({ $0.power < 0 }), out.contains(where: { $0.atom == .percent && $0.power > 0 }) {
            return UnitProduct([(UnitAtom.percent, 1)] + dimensional)
        }
        out = dimensional
        let total = UnitProduct(out).dimension
        if out.count > 1, let single = out.first(where: { $0.power == 1 && $0.atom.dimension == total }) {
            return UnitProduct([single])
        }
        return UnitProduct(out)
    }
}
