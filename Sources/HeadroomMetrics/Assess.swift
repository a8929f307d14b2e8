import Foundation
import HeadroomCore

/// `assess()`: the cluster as the standard exporters see it now.
enum Assess {
    /// Interfaces that are not a node's own link: loopback, container and bridge devices,
    /// overlays and tunnels. Replace the network queries (`queries:`) to choose otherwise.
    static let virtualDevices =
        "lo|veth.*|docker.*|br-.*|cali.*|cilium.*|flannel.*|cni.*|virbr.*|vxlan.*|tunl.*|kube-ipvs.*|lxc.*|genev.*"

    /// The PromQL `assess` runs, by name. Each can be replaced: `assess(queries: {memory_total: '...'})`.
    static let queries: [(name: String, promql: String, what: String)] = [
        (
            "cpu_cores", #"count by (instance) (node_cpu_seconds_total{mode="idle"})"#,
            "CPU cores per node (node_exporter)"
        ),
        (
            "cpu_busy", #"1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))"#,
            "share of CPU time not idle"
        ),
        ("memory_total", "node_memory_MemTotal_bytes", "memory per node"),
        ("memory_available", "node_memory_MemAvailable_bytes", "memory the kernel can still give out"),
        (
            "cpu_allocatable", #"sum by (node) (kube_node_status_allocatable{resource="cpu"})"#,
            "cores Kubernetes may schedule (kube-state-metrics)"
        ),
        (
            "cpu_requested", #"sum by (node) (kube_pod_container_resource_requests{resource="cpu"})"#,
            "cores requested by pods"
        ),
        (
            "memory_allocatable", #"sum by (node) (kube_node_status_allocatable{resource="memory"})"#,
            "memory Kubernetes may schedule"
        ),
        (
            "memory_requested", #"sum by (node) (kube_pod_container_resource_requests{resource="memory"})"#,
            "memory requested by pods"
        ),
        (
            "network_receive",
            #"quantile_over_time(0.95, (sum by (instance) (rate(node_network_receive_bytes_total{device!~"\#(virtualDevices)"}[5m])))[1d:1m])"#,
            "bytes per second received, the 95th percentile over the last day, physical interfaces only"
        ),
        (
            "network_transmit",
            #"quantile_over_time(0.95, (sum by (instance) (rate(node_network_transmit_bytes_total{device!~"\#(virtualDevices)"}[5m])))[1d:1m])"#,
            "bytes per second sent, the same way"
        ),
        (
            "network_speed", #"sum by (instance) (node_network_speed_bytes{device!~"\#(virtualDevices)"})"#,
            "link speed in bytes per second (node_exporter)"
        ),
        ("storage_total", "ceph_cluster_total_bytes", "raw Ceph capacity (ceph-mgr)"),
        ("storage_used", "ceph_cluster_total_used_bytes", "raw Ceph bytes used"),
    ]

    static func register(into r: BuiltinRegistry, context initial: MetricsContext) {
        r.register(
            Builtin(
                "assess",
                [
                    Parameter("at", .date, default: "now"), Parameter("queries", .record, optional: true),
                    Parameter(
                        "link", .quantity(.of(Dimension(base: "Bytes") / Dimension(base: "Time"))), optional: true),
                ],
                .dynamic("which exporters answer decides which parts are there"),
                summary: """
                    The cluster now, from node_exporter, kube-state-metrics and Ceph's mgr exporter: `nodes` \
                    (per instance: cores, cpu_busy, memory, memory_used), `kubernetes` (per node: allocatable \
                    and requested CPU and memory), `network` (per instance: the day's 95th-percentile receive \
                    and transmit on physical interfaces against the link speed, node_exporter's or `link:` \
                    such as 1 Gbit/s), `storage` (total, used, used_ratio) and `totals`. Parts whose metrics \
                    are missing are left out. The PromQL is in docs/metrics.md; `queries:` replaces any of it \
                    by name.
                    """,
                example: "#! assess().totals"
            ) { c throws(Diagnostic) in
                var promql = Dictionary(uniqueKeysWithValues: queries.map { ($0.name, $0.promql) })
                if c.has(1) {
                    guard case .record(let custom) = c.value(1) else {
                        throw c.typeError(1, "a record of PromQL strings")
                    }
                    for f in custom.fields {
                        guard promql[f.name] != nil else {
                            throw c.fail(
                                "assess has no query '\(f.name)'", 1,
                                notes: Suggest.notes(for: f.name, among: Array(promql.keys)))
                        }
                        guard case .string(let q) = f.value else {
                            throw c.fail("the query '\(f.name)' must be a string", 1)
                        }
                        promql[f.name] = q
                    }
                }
                var client = MetricsBuiltins.client(c, initial)
                defer { MetricsBuiltins.store(client.context, c) }
                let at = c.has(0) ? try c.date(0) : client.context.now(c.interpreter.host)
                let bytes = UnitProduct(UnitAtom.builtin("B")), cores = UnitProduct(UnitAtom.builtin("core"))
                // Each query gives values by its grouping label (instance or node); no data is fine.
                func fetch(_ name: String) throws(Diagnostic) -> [(String, Double)] {
                    do {
                        guard let expr = promql[name], case .vector(let samples) = try client.query(expr, at: at) else {
                            return []
                        }
                        return samples.filter { $0.value.isFinite }.map { s in
                            (
                                s.labels.first { $0.0 == "instance" || $0.0 == "node" }?.1 ?? s.labels.first?.1 ?? "",
                                s.value
                            )
                        }
                    } catch { throw c.fail("assess: \(error.message)", nil) }
                }
                func gib(_ v: Double) -> Value {
                    .quantity(Quantity(base: v, unit: UnitProduct(UnitAtom.builtin("GiB"))))
                }
                let coresBy = try fetch("cpu_cores"),
                    busy = Dictionary(try fetch("cpu_busy"), uniquingKeysWith: { a, _ in a })
                let memTotal = Dictionary(try fetch("memory_total"), uniquingKeysWith: { a, _ in a })
                let memAvail = Dictionary(try fetch("memory_available"), uniquingKeysWith: { a, _ in a })
                var fields: [(name: String, value: Value)] = []
                let instances = Set(coresBy.map(\.0)).union(memTotal.keys).sorted()
                var totals: [(name: String, value: Value)] = []
                if !instances.isEmpty {
                    let cpuMap = Dictionary(coresBy, uniquingKeysWith: { a, _ in a })
                    fields.append(
                        (
                            "nodes",
                            .list(
                                instances.map { i in
                                    // Every column on every row: a metric with no samples at that
                                    // time gives missing cells (and one note), not a vanished column.
                                    func cell(_ name: String, _ v: Value?) -> (name: String, value: Value) {
                                        if let v { return (name, v) }
                                        let why = "no \(name) samples for \(i) at \(ValueFormatter.date(at))"
                                        c.interpreter.host.note("assess: some \(name) cells are empty: \(why)")
                                        return (name, .missing(Missing("", reason: why)))
                                    }
                                    let m = memTotal[i], a = memAvail[i]
                                    return .record(
                                        Record([
                                            ("instance", .string(i)),
                                            cell("cores", cpuMap[i].map { .quantity(Quantity(base: $0, unit: cores)) }),
                                            cell(
                                                "cpu_busy",
                                                busy[i].map {
                                                    .quantity(Quantity(base: $0, unit: UnitProduct(.percent)))
                                                }),
                                            cell("memory", m.map(gib)),
                                            cell("memory_used", m.flatMap { t in a.map { gib(t - $0) } }),
                                        ]))
                                })
                        ))
                    totals.append(("nodes", .number(Double(instances.count))))
                    if !cpuMap.isEmpty {
                        totals.append(("cores", .quantity(Quantity(base: cpuMap.values.reduce(0, +), unit: cores))))
                    }
                    if !busy.isEmpty, !cpuMap.isEmpty {
                        // Busy cores, summed: each node's share times its cores.
                        let used = cpuMap.reduce(0.0) { $0 + $1.value * (busy[$1.key] ?? 0) }
                        totals.append(("cpu_used", .quantity(Quantity(base: used, unit: cores))))
                    }
                    if !memTotal.isEmpty { totals.append(("memory", gib(memTotal.values.reduce(0, +)))) }
                    if !memAvail.isEmpty {
                        totals.append(("memory_used", gib(memTotal.values.reduce(0, +) - memAvail.values.reduce(0, +))))
                    }
                }
                let kube = [
                    ("cpu_allocatable", cores), ("cpu_requested", cores), ("memory_allocatable", bytes),
                    ("memory_requested", bytes),
                ]
                var kubeData: [String: [String: Double]] = [:]
                for (name, _) in kube { kubeData[name] = Dictionary(try fetch(name), uniquingKeysWith: { a, _ in a }) }
                let kubeNodes = Set(kubeData.values.flatMap(\.keys)).sorted()
                if !kubeNodes.isEmpty {
                    fields.append(
                        (
                            "kubernetes",
                            .list(
                                kubeNodes.map { n in
                                    var row: [(name: String, value: Value)] = [("node", .string(n))]
                                    for (name, unit) in kube {
                                        // No requests from a node's pods is zero requested; allocatable is left out when unknown.
                                        let v = kubeData[name]?[n] ?? (name.hasSuffix("requested") ? 0 : nil)
                                        if let v {
                                            row.append(
                                                (
                                                    name,
                                                    unit == bytes ? gib(v) : .quantity(Quantity(base: v, unit: unit))
                                                ))
                                        }
                                    }
                                    return .record(Record(row))
                                })
                        ))
                }
                // Network: the day's 95th percentile against the link, in bits per second.
                let rx = Dictionary(try fetch("network_receive"), uniquingKeysWith: { a, _ in a })
                let tx = Dictionary(try fetch("network_transmit"), uniquingKeysWith: { a, _ in a })
                let speed = Dictionary(try fetch("network_speed"), uniquingKeysWith: { a, _ in a })
                let declared = c.has(2) ? try c.quantity(2).base : nil
                let netNodes = Set(rx.keys).union(tx.keys).sorted()
                if !netNodes.isEmpty {
                    let mbit = UnitProduct(UnitAtom.builtin("Mbps"))
                    fields.append(
                        (
                            "network",
                            .list(
                                netNodes.map { n in
                                    let link = declared ?? speed[n]
                                    func rate(_ v: Double?) -> Value {
                                        v.map { .quantity(Quantity(base: $0, unit: mbit)) }
                                            ?? .missing(Missing("", reason: "no samples for \(n)"))
                                    }
                                    func share(_ v: Double?) -> Value {
                                        guard let v, let link, link > 0 else {
                                            return .missing(
                                                Missing(
                                                    "", reason: "no link speed for \(n): give assess(link: 1 Gbit/s)"))
                                        }
                                        return .quantity(Quantity(base: v / link, unit: UnitProduct(.percent)))
                                    }
                                    return .record(
                                        Record([
                                            ("instance", .string(n)), ("receive_p95", rate(rx[n])),
                                            ("transmit_p95", rate(tx[n])),
                                            ("link", rate(link)), ("receive_share", share(rx[n])),
                                            ("transmit_share", share(tx[n])),
                                        ]))
                                })
                        ))
                }
                let total = try fetch("storage_total").first?.1, used = try fetch("storage_used").first?.1
                if let total {
                    var s: [(name: String, value: Value)] = [
                        ("total", .quantity(Quantity(base: total, unit: UnitProduct(UnitAtom.builtin("TiB")))))
                    ]
                    if let used {
                        s.append(("used", gib(used)))
                        s.append(
                            (
                                "used_ratio",
                                .quantity(Quantity(base: total > 0 ? used / total : 0, unit: UnitProduct(.percent)))
                            ))
                    }
                    fields.append(("storage", .record(Record(s))))
                }
                if !totals.isEmpty { fields.append(("totals", .record(Record(totals)))) }
                guard !fields.isEmpty else {
                    throw c.fail(
                        .noData, "assess found none of the exporters' metrics at \(ValueFormatter.date(at))", nil,
                        notes: ["it reads node_exporter, kube-state-metrics and ceph-mgr metrics; see docs/metrics.md"])
                }
                fields.append(("at", .date(at)))
                return .record(Record(fields))
            })
    }
}
