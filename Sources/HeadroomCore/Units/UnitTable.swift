import Synchronization

/// Every unit product the process has made, each stored once and named by a number, so a
/// `Quantity` holds a number rather than a list: copying a quantity, which the evaluator
/// does at every step, then costs no reference counting. What each product needs often
/// (its dimension, its size in base units) is worked out once, here.
///
/// Entries are never removed or moved. Reading one takes no lock: an id is only ever handed
/// out after its entry is written (under the lock), and reaches other threads through the
/// values that carry it.
enum UnitTable {
    struct Entry {
        let factors: [(atom: UnitAtom, power: Int)]
        let dimension: Dimension
        /// Size of one of this unit in base units.
        let factor: Double
        /// One atom with a dimension, to the first power (`GB`, not `%` or `GB/month`).
        let singleDimensionalAtom: Bool
        /// The same number for every product of the same dimension (`GB` and `TiB`), so
        /// comparing dimensions compares two numbers.
        let dimensionID: UInt32

        init(_ factors: [(atom: UnitAtom, power: Int)], number: (Dimension) -> UInt32) {
            self.factors = factors
            dimension = factors.reduce(Dimension.none) { $0 * $1.atom.dimension.raised($1.power) }
            factor = factors.reduce(1.0) { acc, f in
                var r = acc
                for _ in 0..<abs(f.power) { r = f.power > 0 ? r * f.atom.factor : r / f.atom.factor }
                return r
            }
            singleDimensionalAtom = factors.count == 1 && factors[0].power == 1 && !factors[0].atom.dimension.isNone
            dimensionID = number(dimension)
        }
    }

    /// What makes two products the same: their atoms (by everything that shows or computes,
    /// so a unit declared differently in two sessions is two units) and powers, in order.
    private struct Key: Hashable {
        struct Part: Hashable {
            var symbol: String, plural: String?, prefix: String?, dimension: Dimension, factor: Double, power: Int
        }
        var parts: [Part]
        init(_ factors: [(atom: UnitAtom, power: Int)]) {
            parts = factors.map {
                Part(
                    symbol: $0.atom.symbol, plural: $0.atom.plural, prefix: $0.atom.prefix,
                    dimension: $0.atom.dimension, factor: $0.atom.factor, power: $0.power)
            }
        }
    }

    private static let chunkBits = 10
    private static let chunkSize = 1 << chunkBits
    private static let maxChunks = 1 << 12

    /// Chunks of entries; a chunk is allocated when the first id in it is. Id 0, the empty
    /// product (a plain number), is there from the start.
    nonisolated(unsafe) private static let chunks: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>.allocate(capacity: maxChunks)
        p.initialize(repeating: nil, count: maxChunks)
        let first = UnsafeMutablePointer<Entry>.allocate(capacity: chunkSize)
        first.initialize(to: Entry([]) { _ in 0 })
        p[0] = first
        return p
    }()

    private struct Index: ~Copyable {
        var ids: [Key: UInt32] = [:]
        var count: UInt32 = 0
        var dimensions: [Dimension: UInt32] = [.none: 0]
    }

    private static let index: Mutex<Index> = {
        var index = Index()
        index.ids[Key([])] = 0
        index.count = 1
        return Mutex(index)
    }()

    private static func store(_ entry: Entry, at id: UInt32) {
        let c = Int(id) >> chunkBits
        let chunk = chunks[c] ?? .allocate(capacity: chunkSize)
        chunks[c] = chunk
        (chunk + (Int(id) & (chunkSize - 1))).initialize(to: entry)
    }

    static func intern(_ factors: [(atom: UnitAtom, power: Int)]) -> UInt32 {
        let key = Key(factors)
        return index.withLock { index in
            if let id = index.ids[key] { return id }
            let id = index.count
            precondition(Int(id) < maxChunks * chunkSize, "more than 4 million different units")
            store(
                Entry(factors) { d in
                    if let known = index.dimensions[d] { return known }
                    let n = UInt32(index.dimensions.count)
                    index.dimensions[d] = n
                    return n
                }, at: id)
            index.ids[key] = id
            index.count += 1
            return id
        }
    }

    @inline(__always)
    static func entry(_ id: UInt32) -> UnsafeMutablePointer<Entry> {
        return chunks[Int(id) >> chunkBits].unsafelyUnwrapped + (Int(id) & (chunkSize - 1))
    }
}
