import Foundation

/// What a pod asks of its node, as `kubectl describe node` adds it up ("Allocated
/// resources"): for each resource, the larger of the sum over its containers and the largest
/// init container (init containers run one at a time, before the others), plus the pod's
/// `spec.overhead`; pods that have finished (`Succeeded`, `Failed`) ask for nothing.
struct PodRequests {
    var namespace: String
    var name: String
    var node: String?
    var finished: Bool
    var requests: [String: Double]
    var limits: [String: Double]

    init(_ pod: [String: Any]) {
        let meta = pod["metadata"] as? [String: Any] ?? [:]
        let spec = pod["spec"] as? [String: Any] ?? [:]
        let phase = (pod["status"] as? [String: Any])?["phase"] as? String ?? ""
        namespace = meta["namespace"] as? String ?? ""
        name = meta["name"] as? String ?? ""
        node = spec["nodeName"] as? String
        finished = phase == "Succeeded" || phase == "Failed"
        let containers = spec["containers"] as? [[String: Any]] ?? []
        let inits = spec["initContainers"] as? [[String: Any]] ?? []
        let overhead = spec["overhead"] as? [String: Any] ?? [:]
        func total(_ kind: String) -> [String: Double] {
            var out: [String: Double] = [:]
            for resource in ["cpu", "memory"] {
                func value(_ c: [String: Any]) -> Double {
                    ((c["resources"] as? [String: Any])?[kind] as? [String: Any])?[resource].flatMap { $0 as? String }
                        .flatMap(KubeQuantity.parse) ?? 0
                }
                let sum = containers.map(value).reduce(0, +)
                let initMax = inits.map(value).max() ?? 0
                let extra = (overhead[resource] as? String).flatMap(KubeQuantity.parse) ?? 0
                let v = max(sum, initMax) + extra
                if v > 0 { out[resource] = v }
            }
            return out
        }
        requests = total("requests")
        limits = total("limits")
    }

    /// The pods of `kubectl get pods -o json`.
    static func of(_ doc: Any) -> [PodRequests]? {
        guard let items = (doc as? [String: Any])?["items"] as? [[String: Any]] else { return nil }
        return items.map(PodRequests.init)
    }
}
