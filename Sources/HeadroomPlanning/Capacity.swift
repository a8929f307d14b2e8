import HeadroomCore

/// cluster and policy.
enum Capacity {
    static func register(into r: BuiltinRegistry) {
        r.register(
            Builtin(
                "cluster",
                [
                    P("nodes", .number), P("node", .recordOf(["cores", "memory", "disks", "disk", "storage"])),
                    P("replication", .number, default: "1"),
                ],
                .record(
                    Shapes.clusterTotals + [("replication", .number), ("n_minus_1", .record(Shapes.clusterTotals))]),
                summary: """
                    Totals for `nodes` identical nodes, each a record with any of `cores`, `memory`, `disks` \
                    (a count) and `disk` (size of one), or `storage`. A record: `nodes`, `cores`, `memory`, \
                    `raw` (all disks), `usable` (raw / `replication`, default 1), `replication`, and `n_minus_1`, \
                    the same with one node lost.
                    """,
                example:
                    "cluster(nodes: 3, node: {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, replication: 3)"
            ) { c throws(Diagnostic) in
                let n = try c.number(0), node = try c.record(1)
                guard n >= 1, n == n.rounded(), n < 1e6 else {
                    throw c.fail("nodes must be a whole number, at least 1", 0)
                }
                let replication = c.has(2) ? try c.number(2) : 1
                guard replication >= 1 else { throw c.fail("replication must be at least 1", 2) }
                func q(_ name: String) throws(Diagnostic) -> Quantity? {
                    guard let v = node[name] else { return nil }
                    guard case .quantity(let x) = v else {
                        throw c.fail("the node's \(name) must be a quantity, not \(v.typeName)", 1)
                    }
                    return x
                }
                var perNodeStorage: Quantity? = try q("storage")
                if perNodeStorage == nil, let disk = try q("disk") {
                    let disks = try q("disks")?.base ?? 1
                    perNodeStorage = Quantity(base: disk.base * disks, unit: disk.unit)
                }
                let cores = try q("cores"), memory = try q("memory")
                func totals(_ k: Double) -> [(String, Value)] {
                    var f: [(String, Value)] = [("nodes", number(k))]
                    if let cores { f.append(("cores", .quantity(Quantity(base: cores.base * k, unit: cores.unit)))) }
                    if let memory {
                        f.append(("memory", .quantity(Quantity(base: memory.base * k, unit: memory.unit))))
                    }
                    if let s = perNodeStorage {
                        f.append(("raw", .quantity(Quantity(base: s.base * k, unit: s.unit))))
                        f.append(("usable", .quantity(Quantity(base: s.base * k / replication, unit: s.unit))))
                    }
                    return f
                }
                return record(totals(n) + [("replication", number(replication)), ("n_minus_1", record(totals(n - 1)))])
            })

        r.register(
            Builtin(
                "policy",
                Shapes.policyFields.map { P($0, .number, optional: true) },
                .record(Shapes.policyFields.map { ($0, ResultType.number) }),
                summary: """
                    Planning targets, from current practice: CPU 70% average (`cpu`) and 85% peak, memory 80% \
                    and 90%, storage 70% (plan expansion there), and a 20% growth `buffer`: plan for that much \
                    more growth than projected, so `compare` runs each runway with growth taken 20% higher \
                    (`buffer: 0%` turns it off). Any can be overridden: \
                    `policy(storage: 80%)`. `compare` uses the averages and storage as the thresholds.
                    """,
                example: "policy(storage: 80%)"
            ) { c throws(Diagnostic) in
                let defaults: [(String, Double)] = [
                    ("cpu", 0.70), ("cpu_peak", 0.85), ("memory", 0.80), ("memory_peak", 0.90),
                    ("storage", 0.70), ("buffer", 0.20),
                ]
                var fields: [(String, Value)] = []
                for (i, (name, d)) in defaults.enumerated() {
                    // Thresholds are above 0% and at most 100%; the buffer may be 0%.
                    let v =
                        c.has(i) ? try c.percentage(i, max: name == "buffer" ? nil : 1, allowZero: name == "buffer") : d
                    fields.append((name, .quantity(Quantity(base: v, unit: UnitProduct(.percent)))))
                }
                return record(fields)
            })
    }
}
