#!/bin/sh
# Re-records kubernetes-snapshot.json, which the runbook plans that ask Kubernetes and Trino
# replay: runs them under --record with a stand-in kubectl and trino that print the outputs in
# Tests/Fixtures (where they came from: Tests/Fixtures/SOURCES.md).
# Usage: sh examples/runbook/record.sh [path/to/headroom]
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
headroom=${1:-$root/.build/debug/headroom}
fixtures=$root/Tests/Fixtures/kubernetes
tool=$(mktemp)
trap 'rm -f "$tool"' EXIT
cat > "$tool" <<SCRIPT
#!/bin/sh
case "\$*" in
  "get pvc -o json -A") cat "$fixtures/pvcs.json" ;;
  "get events -o json -A") cat "$fixtures/events.json" ;;
  "get nodes -o json") cat "$fixtures/nodes.json" ;;
  "get --raw /apis/metrics.k8s.io/v1beta1/nodes") printf '{"kind":"NodeMetricsList","items":[%s]}' "\$(cat "$fixtures/node-metrics-ub18.json")" ;;
  "get pods -A -o json") cat "$fixtures/pods.json" ;;
  "get sparkapplications -o json -n data-platform") cat "$fixtures/sparkapplications.json" ;;
  "get models -o json -n kubeai") cat "$fixtures/models.json" ;;
  "get --raw /apis/metrics.k8s.io/v1beta1/pods") cat "$fixtures/pod-metrics.json" ;;
  *) echo "stand-in kubectl: unexpected \$*" >&2; exit 3 ;;
esac
SCRIPT
chmod +x "$tool"
trino=$(mktemp)
trap 'rm -f "$tool" "$trino"' EXIT
printf '#!/bin/sh\ncat "%s"\n' "$root/Tests/Fixtures/trino-table-sizes.csv" > "$trino"
chmod +x "$trino"
cd "$here"
cat storage-by-namespace.plan memory-pressure.plan data-platform.plan ai-models.plan | grep -v "^replay(" > "$tool.plan"
KUBECTL=$tool TRINO=$trino "$headroom" --today 2026-11-29 --record kubernetes-snapshot.json "$tool.plan" > /dev/null
rm -f "$tool.plan"
