import Foundation
import HeadroomCore

/// `kube_get` (any kind, built-in or custom, as a table) and `kube_pvcs` (claims per
/// namespace): `kubectl get KIND -o json`, recorded and replayed like the other tools.
enum KubeObjects {
    typealias P = Parameter

    static let pvcFields: [(name: String, type: ResultType)] = [
        ("name", .string), ("namespace", .string), ("storage_class", .string),
        ("requested", .quantity(.of(Dimension(base: "Bytes")))), ("capacity", .quantity(.of(Dimension(base: "Bytes")))),
        ("phase", .string), ("created", .date),
    ]

    static let eventFields: [(name: String, type: ResultType)] = [
        ("type", .string), ("reason", .string), ("object", .string), ("namespace", .string), ("count", .number),
        ("first_seen", .date), ("last_seen", .date), ("message", .string),
    ]

    static func register(into r: BuiltinRegistry, context initial: MetricsContext) {
        r.register(
            Builtin(
                "kube_events",
                [
                    P("reason", .string, optional: true), P("since", .duration, optional: true),
                    P("namespace", .string, optional: true),
                ], .table(eventFields),
                summary: """
                    Cluster events (`kubectl get events -o json`), newest last: `type`, `reason`, `object` \
                    (`Pod/name`), `namespace`, `count`, `first_seen`, `last_seen`, `message`. `reason:` keeps \
                    those whose reason or message contains it, ignoring case (`"oom"` finds OOMKilled and \
                    SystemOOM); `since:` those seen within that long before now. Events record their count and \
                    times in two ways (the older `count`/`lastTimestamp`, the newer `series`/`eventTime`); both \
                    are read. The runbook's memory pressure: `count(kube_events(reason: "oom", since: 30 days))`.
                    """,
                example: "#! kube_events(reason: \"oom\", since: 30 days)"
            ) { c throws(Diagnostic) in
                var args = ["get", "events", "-o", "json"]
                if c.has(2) { args += ["-n", try c.string(2)] } else { args.append("-A") }
                let needle = c.has(0) ? try c.string(0).lowercased() : nil
                let cutoff = c.has(1) ? c.interpreter.host.now() - Int64(try c.duration(1)) : nil
                var rows: [(Int64, Value)] = []
                for item in try list(c, initial, args, "events") {
                    let reason = item["reason"] as? String ?? "", message = item["message"] as? String ?? ""
                    if let needle, !reason.lowercased().contains(needle), !message.lowercased().contains(needle) {
                        continue
                    }
                    let meta = item["metadata"] as? [String: Any] ?? [:]
                    let series = item["series"] as? [String: Any]
                    let first =
                        time(item["firstTimestamp"]) ?? time(item["eventTime"]) ?? time(meta["creationTimestamp"])
                    let last = time(series?["lastObservedTime"]) ?? time(item["lastTimestamp"]) ?? first
                    if let cutoff, let last, last < cutoff { continue }
                    let object = item["involvedObject"] as? [String: Any] ?? [:]
                    let count =
                        (item["count"] as? NSNumber)?.doubleValue ?? (series?["count"] as? NSNumber)?.doubleValue ?? 1
                    let ns = object["namespace"] as? String ?? meta["namespace"] as? String
                    rows.append(
                        (
                            last ?? 0,
                            .record(
                                Record([
                                    (name: "type", value: .string(item["type"] as? String ?? "")),
                                    (name: "reason", value: .string(reason)),
                                    (
                                        name: "object",
                                        value: .string(
                                            "\(object["kind"] as? String ?? "?")/\(object["name"] as? String ?? "?")")
                                    ),
                                    (
                                        name: "namespace",
                                        value: ns.map { .string($0) } ?? .missing(Missing(reason: "cluster-wide"))
                                    ),
                                    (name: "count", value: .number(count)),
                                    (
                                        name: "first_seen",
                                        value: first.map { .date($0) } ?? .missing(Missing(reason: "no time"))
                                    ),
                                    (
                                        name: "last_seen",
                                        value: last.map { .date($0) } ?? .missing(Missing(reason: "no time"))
                                    ),
                                    (name: "message", value: .string(message)),
                                ]))
                        ))
                }
                return .list(
                    rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1))
            })
        r.register(
            Builtin(
                "kube_get",
                [
                    P("kind", .string), P("namespace", .string, optional: true), P("selector", .string, optional: true),
                    P("fields", .record, optional: true),
                ], .list(.dynamic("the object's fields, by `fields:`")),
                summary: """
                    Kubernetes objects of any kind (`pods`, `pvc`, `sparkapplications`, `models`) from \
                    `kubectl get KIND -o json`, in one `namespace` or all, filtered by a label `selector`: a \
                    table of `name`, `namespace`, `created` (a date), `labels` (a record) and each of `fields` \
                    (column name: dotted path, `spec.containers[0].image`). Kubernetes quantities where they \
                    are known (`...requests.storage`, `...capacity.storage`, requests and limits of cpu and \
                    memory) become cores and bytes; other values stay strings, numbers and records. A path \
                    that is not there is a missing cell.
                    """,
                example:
                    "#! kube_get(\"sparkapplications\", namespace: \"data-platform\", fields: {state: \"status.applicationState.state\"})"
            ) { c throws(Diagnostic) in
                let kind = try c.string(0)
                guard !kind.isEmpty, !kind.contains(" ") else { throw c.fail("the kind is one word, such as pvc", 0) }
                var args = ["get", kind, "-o", "json"]
                if c.has(1) { args += ["-n", try c.string(1)] } else { args.append("-A") }
                if c.has(2) { args += ["-l", try c.string(2)] }
                var fields: [(String, String)] = []
                if c.has(3) {
                    guard case .record(let rec) = c.value(3) else { throw c.typeError(3, "a record of paths") }
                    for f in rec.fields {
                        guard case .string(let path) = f.value else {
                            throw c.fail("fields: \(f.name) must be a path such as \"spec.replicas\"", 3)
                        }
                        fields.append((f.name, path))
                    }
                }
                let items = try list(c, initial, args, kind)
                return .list(
                    items.map { item in
                        var row = base(item)
                        for (name, path) in fields { row.append((name: name, value: lookup(item, path))) }
                        return .record(Record(row))
                    })
            })
        r.register(
            Builtin(
                "kube_pvcs", [P("namespace", .string, optional: true)], .table(pvcFields),
                summary: """
                    Persistent volume claims (`kubectl get pvc -o json`), in one namespace or all: `name`, \
                    `namespace`, `storage_class` (the field, or the older annotation), `requested` and bound \
                    `capacity` in bytes (missing while unbound), `phase`, `created`. Per-namespace totals: \
                    `group_by(kube_pvcs(), p => p.namespace, ps => sum(map(ps, p => p.requested)))`.
                    """,
                example: "#! kube_pvcs()"
            ) { c throws(Diagnostic) in
                var args = ["get", "pvc", "-o", "json"]
                if c.has(0) { args += ["-n", try c.string(0)] } else { args.append("-A") }
                let items = try list(c, initial, args, "pvc")
                return .list(
                    items.map { item in
                        let meta = item["metadata"] as? [String: Any] ?? [:]
                        let spec = item["spec"] as? [String: Any] ?? [:]
                        let status = item["status"] as? [String: Any] ?? [:]
                        let annotations = meta["annotations"] as? [String: Any] ?? [:]
                        let sc =
                            spec["storageClassName"] as? String
                            ?? annotations["volume.beta.kubernetes.io/storage-class"] as? String
                        func bytes(_ path: String) -> Value {
                            guard case .string(let s) = lookup(item, path, quantities: false),
                                let b = KubeQuantity.parse(s)
                            else { return .missing(Missing(reason: "not set (an unbound claim has no capacity)")) }
                            return .quantity(Quantity(base: b, unit: UnitProduct(c.atom("GiB"))))
                        }
                        return .record(
                            Record([
                                (name: "name", value: .string(meta["name"] as? String ?? "")),
                                (name: "namespace", value: .string(meta["namespace"] as? String ?? "")),
                                (
                                    name: "storage_class",
                                    value: sc.map { .string($0) } ?? .missing(Missing(reason: "no storage class"))
                                ),
                                (name: "requested", value: bytes("spec.resources.requests.storage")),
                                (name: "capacity", value: bytes("status.capacity.storage")),
                                (name: "phase", value: .string(status["phase"] as? String ?? "")),
                                (name: "created", value: created(meta)),
                            ]))
                    })
            })
    }

    /// `kubectl get ... -o json`'s items; an error naming what was wrong otherwise.
    static func list(_ c: BuiltinCall, _ initial: MetricsContext, _ args: [String], _ kind: String)
        throws(Diagnostic) -> [[String: Any]]
    {
        let doc = try KubernetesCeph.json(c, initial, "kubectl", "KUBECTL", args)
        guard let root = doc as? [String: Any], let items = root["items"] as? [[String: Any]] else {
            throw c.fail(.toolFailed, "kubectl \(args.joined(separator: " ")) did not return a list of \(kind)", nil)
        }
        return items
    }

    /// name, namespace, created and labels.
    static func base(_ item: [String: Any]) -> [(name: String, value: Value)] {
        let meta = item["metadata"] as? [String: Any] ?? [:]
        let labels = (meta["labels"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
        return [
            (name: "name", value: .string(meta["name"] as? String ?? "")),
            (
                name: "namespace",
                value: (meta["namespace"] as? String).map { .string($0) } ?? .missing(Missing(reason: "not namespaced"))
            ),
            (name: "created", value: created(meta)),
            (name: "labels", value: .record(Record(labels.map { (name: $0.key, value: .string("\($0.value)")) }))),
        ]
    }

    /// An RFC 3339 time (`2026-11-27T22:40:51Z`, fractions ignored) in seconds; nil otherwise.
    static func time(_ v: Any?) -> Int64? {
        guard let t = v as? String, let d = CivilDate.parse(t.prefix(10)) else { return nil }
        let parts = t.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int64($0) }
        return d + (parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : 0)
    }

    static func created(_ meta: [String: Any]) -> Value {
        time(meta["creationTimestamp"]).map { .date($0) } ?? .missing(Missing(reason: "no creationTimestamp"))
    }

    /// The value at a dotted path (`spec.containers[0].resources.requests.cpu`), quantities
    /// where Kubernetes keeps them.
    static func lookup(_ item: [String: Any], _ path: String, quantities: Bool = true) -> Value {
        var node: Any? = item
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var index: Int?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
                key = key[..<open]
            }
            if !key.isEmpty { node = (node as? [String: Any])?[String(key)] }
            if let index { node = (node as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
            if node == nil { return .missing(Missing(reason: "\(path) is not set")) }
        }
        if quantities, let s = node as? String, isQuantityPath(path), let v = KubeQuantity.parse(s) {
            let cpu = path.hasSuffix(".cpu")
            return .quantity(Quantity(base: v, unit: UnitProduct(UnitAtom.builtin(cpu ? "cores" : "GiB"))))
        }
        return Command.value(node as Any)
    }

    /// Where Kubernetes keeps quantities: storage requests and capacity, cpu and memory
    /// requests and limits.
    static func isQuantityPath(_ path: String) -> Bool {
        let known = [
            "requests.storage", "limits.storage", "capacity.storage", "requests.cpu", "limits.cpu", "requests.memory",
            "limits.memory", "allocatable.cpu", "allocatable.memory", "capacity.cpu", "capacity.memory",
        ]
        return known.contains { path.hasSuffix($0) }
    }
}
