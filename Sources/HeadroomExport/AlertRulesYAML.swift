import HeadroomPlanning
import Yams

/// Alert rules as YAML, through Yams (so any label or annotation text comes out valid): a
/// `PrometheusRule` for the Prometheus Operator, or a plain rule file (`groups:`) for
/// Prometheus and `promtool check rules`.
public enum AlertRulesYAML {
    public enum Format: String, Sendable, CaseIterable {
        case operator_ = "prometheusrule"
        case rules
    }

    public static func render(_ group: AlertGroup, format: Format) throws -> String {
        func scalar(_ s: String) -> Node { Node(s) }
        func map(_ pairs: [(String, Node)]) -> Node {
            .mapping(Node.Mapping(pairs.map { (Node($0.0), $0.1) }))
        }
        let rules: [Node] = group.rules.map { r in
            map([
                ("alert", scalar(r.alert)), ("expr", scalar(r.expr)), ("for", scalar(r.duration)),
                ("labels", map(r.labels.map { ($0.key, scalar($0.value)) })),
                ("annotations", map(r.annotations.map { ($0.key, scalar($0.value)) })),
            ])
        }
        let groups: Node = .sequence(
            Node.Sequence([map([("name", scalar(group.name)), ("rules", .sequence(Node.Sequence(rules)))])]))
        let root: Node
        switch format {
        case .rules:
            root = map([("groups", groups)])
        case .operator_:
            root = map([
                ("apiVersion", scalar("monitoring.coreos.com/v1")), ("kind", scalar("PrometheusRule")),
                (
                    "metadata",
                    map([
                        ("name", scalar(group.name)),
                        ("labels", map([("app.kubernetes.io/managed-by", scalar("headroom"))])),
                    ])
                ),
                ("spec", map([("groups", groups)])),
            ])
        }
        return try Yams.serialize(node: root, width: -1, allowUnicode: true)
    }
}
