/// Every unit spelling a session knows: the built-in table plus the user's `unit` lines.
///
/// A value type, so a REPL entry that fails can be rolled back by keeping the old copy.
public struct UnitRegistry: Sendable {
    private var bySpelling: [String: UnitAtom] = [:]
    /// Atoms in declaration order, for `:units`.
    public private(set) var atoms: [UnitAtom] = []
    /// Changes with every declaration (see `Generation`): a compiled unit keeps what it
    /// resolved to while this stays the same.
    public private(set) var generation = Generation.next()

    public init() {
        for (names, atom) in BuiltinUnits.table {
            if !atoms.contains(atom) { atoms.append(atom) }
            for n in names where bySpelling[n] == nil { bySpelling[n] = atom }
            if let p = atom.plural, bySpelling[p] == nil { bySpelling[p] = atom }
        }
    }

    public func lookup(_ name: String) -> UnitAtom? { bySpelling[name] }

    public var spellings: [String] { Array(bySpelling.keys) }

    /// `unit node`: a new base dimension. `unit rack = 42 node`: a multiple of another unit.
    /// The plural (`nodes`) is accepted too.
    public mutating func declare(_ name: String, as def: (dimension: Dimension, factor: Double)? = nil) {
        generation = Generation.next()
        let dim = def?.dimension ?? Dimension(base: name)
        let plural = name.hasSuffix("s") ? nil : name + "s"
        let atom = UnitAtom(
            name, plural: plural, dim, def?.factor ?? 1,
            summary: def == nil ? "declared unit (its own dimension)" : "declared unit")
        atoms.removeAll { $0.symbol == name }
        atoms.append(atom)
        bySpelling[name] = atom
        if let plural, bySpelling[plural] == nil || bySpelling[plural]?.symbol == name { bySpelling[plural] = atom }
    }

    /// Resolves the factors of a written unit; unknown names are returned for an error.
    public func resolve(_ u: UnitExpr) -> Result<UnitProduct, UnitFactor> {
        var out: [(atom: UnitAtom, power: Int)] = []
        for f in u.factors {
            guard let a = lookup(f.name) else { return .failure(f) }
            out.append((a, f.power))
        }
        return .success(UnitProduct(out))
    }
}
