/// The Nelder-Mead simplex method: minimises a function of a few variables without
/// derivatives. Deterministic (fixed start and steps), bounded by clamping to a box.
enum NelderMead {
    /// The point in `bounds` that `f` is smallest at, starting from `start`, within
    /// `maxEvaluations` calls of `f`. Nil when `stop` (asked once per iteration) says to give up.
    static func minimise(
        _ f: ([Double]) -> Double, start: [Double], bounds: [ClosedRange<Double>], step: [Double],
        maxEvaluations: Int = 2000, tolerance: Double = 1e-10, stop: () -> Bool = { false }
    ) -> (point: [Double], value: Double)? {
        let n = start.count
        func clamp(_ x: [Double]) -> [Double] { zip(x, bounds).map { min($1.upperBound, max($1.lowerBound, $0)) } }
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .greatestFiniteMagnitude
        }
        var simplex = [clamp(start)]
        for i in 0..<n {
            var p = start
            p[i] += step[i]
            p = clamp(p)
            if p[i] == simplex[0][i] { p[i] -= 2 * step[i]; p = clamp(p) }
            simplex.append(p)
        }
        var values = simplex.map(value)
        while evaluations < maxEvaluations {
            if stop() { return nil }
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + 1e-300) { break }
            // Centroid of all but the worst.
            var centroid = [Double](repeating: 0, count: n)
            for p in simplex.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
            func along(_ t: Double) -> [Double] {
                clamp((0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) })
            }
            let reflected = along(-1), fr = value(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = value(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = value(contracted)
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted
                    values[n] = fc
                } else {
                    // Shrink towards the best point.
                    for k in 1...n {
                        simplex[k] = clamp((0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) })
                        values[k] = value(simplex[k])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return (simplex[best], values[best])
    }
}
