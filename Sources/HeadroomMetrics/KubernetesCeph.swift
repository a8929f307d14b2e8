import Foundation
import HeadroomCore

/// kube_nodes, kube_pods and ceph_df: the cluster's own tools, run as processes.
enum KubernetesCeph {
    static func register(into r: BuiltinRegistry, context initial: MetricsContext) {
        r.register(
            Builtin(
                "kube_nodes", [],
                .table([
                    ("node", .string), ("cpu_capacity", .quantity(.of(Dimension(base: "Cores")))),
                    ("cpu_allocatable", .quantity(.of(Dimension(base: "Cores")))),
                    ("cpu_used", .quantity(.of(Dimension(base: "Cores")))),
                    ("memory_capacity", .quantity(.of(Dimension(base: "Bytes")))),
                    ("memory_allocatable", .quantity(.of(Dimension(base: "Bytes")))),
                    ("memory_used", .quantity(.of(Dimension(base: "Bytes")))),
                    ("cpu_requested", .quantity(.of(Dimension(base: "Cores")))), ("cpu_requested_share", .number),
                    ("memory_requested", .quantity(.of(Dimension(base: "Bytes")))), ("memory_requested_share", .number),
                ]),
                summary: """
                    Per node: CPU and memory capacity and allocatable (`kubectl get nodes -o json`), current \
                    usage (`kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes`, from metrics-server; left out \
                    if that API is not there), and what the pods on it request and its share of allocatable \
                    (`kubectl get pods -A -o json`, added up as `kubectl describe node` does: docs/metrics.md). \
                    `kubectl` comes from `$KUBECTL` or PATH.
                    """,
                example: "#! kube_nodes()"
            ) { c throws(Diagnostic) in
                let units = Units(c)
                let nodes = try json(c, initial, "kubectl", "KUBECTL", ["get", "nodes", "-o", "json"])
                guard let items = (nodes as? [String: Any])?["items"] as? [[String: Any]] else {
                    throw c.fail(.toolFailed, "kubectl get nodes -o json did not return a NodeList", nil)
                }
                var usage: [String: [String: Any]] = [:]
                // Without metrics-server the usage columns stay, empty, and a note says why.
                var noUsage: String?
                do {
                    let m = try json(
                        c, initial, "kubectl", "KUBECTL", ["get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes"])
                    for item in metricsItems(m) {
                        if let name = (item["metadata"] as? [String: Any])?["name"] as? String {
                            usage[name] = item["usage"] as? [String: Any]
                        }
                    }
                } catch {
                    noUsage =
                        "the metrics API (metrics-server) did not answer: \((error as? Diagnostic)?.message ?? "\(error)")"
                    c.interpreter.host.note("kube_nodes: cpu_used and memory_used are empty: \(noUsage ?? "")")
                }
                // What the pods on each node request, as `kubectl describe node` adds it up.
                var requested: [String: [String: Double]] = [:]
                var noPods: String?
                do {
                    let p = try json(c, initial, "kubectl", "KUBECTL", ["get", "pods", "-A", "-o", "json"])
                    guard let pods = PodRequests.of(p) else { throw c.fail(.toolFailed, "not a list of pods", nil) }
                    for pod in pods where !pod.finished {
                        guard let node = pod.node else { continue }
                        for (k, v) in pod.requests { requested[node, default: [:]][k, default: 0] += v }
                    }
                } catch {
                    noPods =
                        "kubectl get pods -A -o json did not answer: \((error as? Diagnostic)?.message ?? "\(error)")"
                    c.interpreter.host.note("kube_nodes: the requested columns are empty: \(noPods ?? "")")
                }
                var rows: [Value] = []
                for (index, item) in items.enumerated() {
                    guard let name = (item["metadata"] as? [String: Any])?["name"] as? String,
                        let status = item["status"] as? [String: Any]
                    else {
                        throw c.fail(
                            .toolFailed,
                            "kubectl get nodes -o json: node \(index) has no \(item["metadata"] == nil ? "metadata" : item["status"] == nil ? "status" : "metadata.name")",
                            nil)
                    }
                    do {
                        let cap = status["capacity"] as? [String: Any] ?? [:],
                            alloc = status["allocatable"] as? [String: Any] ?? [:]
                        var row: [(name: String, value: Value)] = [("node", .string(name))]
                        func add(_ field: String, _ dict: [String: Any]?, _ key: String, _ unit: UnitProduct) {
                            if let text = dict?[key] as? String, let v = KubeQuantity.parse(text) {
                                row.append((field, .quantity(Quantity(base: v, unit: unit))))
                            } else {
                                let why = noUsage ?? "kubectl reported no \(key) for \(name) here"
                                row.append((field, .missing(Missing("", reason: why))))
                            }
                        }
                        add("cpu_capacity", cap, "cpu", units.cores)
                        add("cpu_allocatable", alloc, "cpu", units.cores)
                        add("cpu_used", usage[name], "cpu", units.cores)
                        add("memory_capacity", cap, "memory", units.gib)
                        add("memory_allocatable", alloc, "memory", units.gib)
                        add("memory_used", usage[name], "memory", units.gib)
                        for (resource, unit) in [("cpu", units.cores), ("memory", units.gib)] {
                            let allocatable = (alloc[resource] as? String).flatMap(KubeQuantity.parse)
                            if let noPods {
                                row.append(("\(resource)_requested", .missing(Missing("", reason: noPods))))
                                row.append(("\(resource)_requested_share", .missing(Missing("", reason: noPods))))
                                continue
                            }
                            let v = requested[name]?[resource] ?? 0
                            row.append(("\(resource)_requested", .quantity(Quantity(base: v, unit: unit))))
                            row.append(
                                (
                                    "\(resource)_requested_share",
                                    allocatable.map {
                                        $0 > 0
                                            ? .quantity(Quantity(base: v / $0, unit: UnitProduct(.percent))) : .nothing
                                    }
                                        ?? .missing(Missing("", reason: "no allocatable \(resource)"))
                                ))
                        }
                        rows.append(.record(Record(row)))
                    }
                }
                return .list(rows)
            })

        r.register(
            Builtin(
                "kube_pods", [Parameter("namespace", .string, optional: true)],
                .table([
                    ("namespace", .string), ("pod", .string), ("cpu", .quantity(.of(Dimension(base: "Cores")))),
                    ("memory", .quantity(.of(Dimension(base: "Bytes")))), ("node", .string),
                    ("cpu_request", .quantity(.of(Dimension(base: "Cores")))),
                    ("cpu_limit", .quantity(.of(Dimension(base: "Cores")))),
                    ("memory_request", .quantity(.of(Dimension(base: "Bytes")))),
                    ("memory_limit", .quantity(.of(Dimension(base: "Bytes")))),
                ]),
                summary:
                    "Per pod: CPU and memory in use, summed over its containers, from the metrics API (`kubectl get --raw .../pods`), in one namespace or all; with its `node` and its CPU and memory requests and limits (`kubectl get pods -o json`, added up as `kubectl describe node` does; missing where a pod sets none). The top 10 by CPU: `take(sort_by(kube_pods(), p => p.cpu, descending: true), 10)`.",
                example: "#! kube_pods(namespace: \"data-platform\")"
            ) { c throws(Diagnostic) in
                let units = Units(c)
                var path = "/apis/metrics.k8s.io/v1beta1/pods"
                if c.has(0) {
                    let ns = try c.string(0)
                    guard !ns.isEmpty, ns.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
                        throw c.fail("not a namespace name: \(ns)", 0)
                    }
                    path = "/apis/metrics.k8s.io/v1beta1/namespaces/\(ns)/pods"
                }
                let m = try json(c, initial, "kubectl", "KUBECTL", ["get", "--raw", path])
                var specs: [String: PodRequests] = [:]
                var noSpecs: String?
                do {
                    let args = ["get", "pods"] + (c.has(0) ? ["-n", try c.string(0)] : ["-A"]) + ["-o", "json"]
                    let p = try json(c, initial, "kubectl", "KUBECTL", args)
                    for pod in PodRequests.of(p) ?? [] { specs["\(pod.namespace)/\(pod.name)"] = pod }
                } catch {
                    noSpecs =
                        "kubectl get pods -o json did not answer: \((error as? Diagnostic)?.message ?? "\(error)")"
                    c.interpreter.host.note("kube_pods: node, requests and limits are empty: \(noSpecs ?? "")")
                }
                return .list(
                    metricsItems(m).map { item in
                        let meta = item["metadata"] as? [String: Any] ?? [:]
                        var cpu = 0.0, memory = 0.0
                        for container in item["containers"] as? [[String: Any]] ?? [] {
                            let u = container["usage"] as? [String: Any] ?? [:]
                            cpu += (u["cpu"] as? String).flatMap(KubeQuantity.parse) ?? 0
                            memory += (u["memory"] as? String).flatMap(KubeQuantity.parse) ?? 0
                        }
                        let ns = meta["namespace"] as? String ?? "", name = meta["name"] as? String ?? ""
                        let spec = specs["\(ns)/\(name)"]
                        func amount(_ dict: [String: Double]?, _ key: String, _ unit: UnitProduct) -> Value {
                            if let noSpecs { return .missing(Missing("", reason: noSpecs)) }
                            guard let v = dict?[key] else { return .missing(Missing("", reason: "not set")) }
                            return .quantity(Quantity(base: v, unit: unit))
                        }
                        return .record(
                            Record([
                                ("namespace", .string(ns)), ("pod", .string(name)),
                                // The same units as kube_nodes: cores and GiB.
                                ("cpu", .quantity(Quantity(base: cpu, unit: units.cores))),
                                ("memory", .quantity(Quantity(base: memory, unit: units.gib))),
                                (
                                    "node",
                                    spec?.node.map { .string($0) }
                                        ?? .missing(Missing("", reason: noSpecs ?? "not scheduled"))
                                ),
                                ("cpu_request", amount(spec?.requests, "cpu", units.cores)),
                                ("cpu_limit", amount(spec?.limits, "cpu", units.cores)),
                                ("memory_request", amount(spec?.requests, "memory", units.gib)),
                                ("memory_limit", amount(spec?.limits, "memory", units.gib)),
                            ]))
                    })
            })

        r.register(
            Builtin(
                "ceph_df", [],
                .record([
                    ("total", .quantity(.of(Dimension(base: "Bytes")))),
                    ("used", .quantity(.of(Dimension(base: "Bytes")))),
                    ("available", .quantity(.of(Dimension(base: "Bytes")))), ("used_ratio", .number),
                    (
                        "pools",
                        .table([
                            ("pool", .string), ("stored", .quantity(.of(Dimension(base: "Bytes")))),
                            ("used", .quantity(.of(Dimension(base: "Bytes")))),
                            ("max_avail", .quantity(.of(Dimension(base: "Bytes")))), ("percent_used", .number),
                            ("objects", .number),
                        ])
                    ),
                ]),
                summary: """
                    Ceph's capacity (`ceph df --format json`): `total`, `used`, `available`, `used_ratio` (raw) \
                    and `pools` (stored, used, max_avail, percent_used, objects). Reads current releases' \
                    fields and older ones (totals in KB, pool percentages from 0 to 100). `ceph` comes from \
                    `$CEPH` or PATH.
                    """,
                example: "#! ceph_df().pools"
            ) { c throws(Diagnostic) in
                let units = Units(c)
                let doc = try json(c, initial, "ceph", "CEPH", ["df", "--format", "json"])
                guard let root = doc as? [String: Any], let stats = root["stats"] as? [String: Any] else {
                    throw c.fail(.toolFailed, "ceph df --format json did not return stats", nil)
                }
                func num(_ d: [String: Any]?, _ k: String) -> Double? { (d?[k] as? NSNumber)?.doubleValue }
                // Current releases give bytes; before Ceph 0.84 totals were in KB (total_space, total_used, total_avail).
                let total = num(stats, "total_bytes") ?? num(stats, "total_space").map { $0 * 1024 }
                let used =
                    num(stats, "total_used_raw_bytes") ?? num(stats, "total_used_bytes")
                    ?? num(stats, "total_used").map { $0 * 1024 }
                let avail = num(stats, "total_avail_bytes") ?? num(stats, "total_avail").map { $0 * 1024 }
                guard let total, let used else {
                    throw c.fail(.toolFailed, "ceph df gave no total and used bytes", nil)
                }
                // Pool percent_used is a fraction from Nautilus on (where total_used_raw_ratio exists), 0-100 before.
                let fractions = stats["total_used_raw_ratio"] != nil
                let pools: [Value] = (root["pools"] as? [[String: Any]] ?? []).map { pool in
                    let s = pool["stats"] as? [String: Any]
                    var row: [(name: String, value: Value)] = [("pool", .string(pool["name"] as? String ?? "?"))]
                    if let v = num(s, "stored") { row.append(("stored", units.bytes(v))) }
                    if let v = num(s, "bytes_used") ?? num(s, "kb_used").map({ $0 * 1024 }) {
                        row.append(("used", units.bytes(v)))
                    }
                    if let v = num(s, "max_avail") { row.append(("max_avail", units.bytes(v))) }
                    if let v = num(s, "percent_used") {
                        row.append(
                            (
                                "percent_used",
                                .quantity(Quantity(base: fractions ? v : v / 100, unit: UnitProduct(.percent)))
                            ))
                    }
                    if let v = num(s, "objects") { row.append(("objects", .number(v))) }
                    return .record(Record(row))
                }
                var fields: [(name: String, value: Value)] = [
                    ("total", units.bytes(total)), ("used", units.bytes(used)),
                ]
                if let avail { fields.append(("available", units.bytes(avail))) }
                fields.append(
                    (
                        "used_ratio",
                        .quantity(
                            Quantity(
                                base: num(stats, "total_used_raw_ratio") ?? (total > 0 ? used / total : 0),
                                unit: UnitProduct(.percent)))
                    ))
                fields.append(("pools", .list(pools)))
                return .record(Record(fields))
            })
    }

    struct Units {
        let cores, mcores, gib, mib: UnitProduct
        let c: BuiltinCall
        init(_ c: BuiltinCall) {
            self.c = c
            cores = UnitProduct(c.atom("core"))
            mcores = UnitProduct(c.atom("mcore"))
            gib = UnitProduct(c.atom("GiB"))
            mib = UnitProduct(c.atom("MiB"))
        }
        /// Bytes in the largest binary unit that keeps the value at least 1.
        func bytes(_ v: Double) -> Value {
            .quantity(Quantity(base: v, unit: MetricsBuiltins.displayUnit([v], UnitProduct(c.atom("B")), c)))
        }
    }

    static func metricsItems(_ doc: Any) -> [[String: Any]] {
        guard let d = doc as? [String: Any] else { return [] }
        if let items = d["items"] as? [[String: Any]] { return items }
        return d["metadata"] != nil ? [d] : []  // a single NodeMetrics or PodMetrics
    }

    static func json(
        _ c: BuiltinCall, _ initial: MetricsContext, _ tool: String, _ variable: String,
        _ args: [String]
    ) throws(Diagnostic) -> Any {
        let host = c.interpreter.host
        let data: Data
        var context = MetricsBuiltins.current(c, initial)
        defer { MetricsBuiltins.store(context, c) }
        do { data = try context.command(tool, variable: variable, args, cancelled: { host.isCancelled() }) } catch {
            throw c.fail(.toolFailed, error.message, nil)
        }
        do { return try JSONSerialization.jsonObject(with: data) } catch {
            throw c.fail(
                .toolFailed, "\(tool) \(args.joined(separator: " ")) did not print JSON (\(data.count) bytes)", nil)
        }
    }
}
