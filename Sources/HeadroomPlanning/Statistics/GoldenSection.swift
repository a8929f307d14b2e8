/// Minimises a function of one variable on an interval: a coarse grid finds the basin
/// (the function need not be unimodal over the whole interval), golden-section search
/// then narrows it to `tolerance`. Deterministic.
enum GoldenSection {
    /// The point in `range` that `f` is smallest at. Nil when `stop` (asked once per
    /// narrowing step) says to give up.
    static func minimise(
        _ f: (Double) -> Double, in range: ClosedRange<Double>, grid: Int = 24, tolerance: Double = 1e-10,
        stop: () -> Bool = { false }
    ) -> Double? {
        let lo = range.lowerBound, width = range.upperBound - range.lowerBound
        let xs = (0...grid).map { lo + width * Double($0) / Double(grid) }
        let values = xs.map { f($0) }
        let i = values.indices.min { values[$0] < values[$1] } ?? 0
        var a = xs[max(0, i - 1)], b = xs[min(grid, i + 1)]
        let r = (5.0.squareRoot() - 1) / 2
        var c = b - r * (b - a), d = a + r * (b - a)
        var fc = f(c), fd = f(d)
        while b - a > tolerance {
            if stop() { return nil }
            if fc < fd {
                b = d; d = c; fd = fc
                c = b - r * (b - a); fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + r * (b - a); fd = f(d)
            }
        }
        let mid = (a + b) / 2
        return f(mid) <= values[i] ? mid : xs[i]
    }
}
