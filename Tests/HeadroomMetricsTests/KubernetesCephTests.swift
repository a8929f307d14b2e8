import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning
import Testing

@testable import HeadroomMetrics

/// kube_nodes, kube_pods and ceph_df on outputs copied from real systems (Tests/Fixtures/SOURCES.md),
/// run through the real process path: stand-in tools print a fixture after checking their arguments.
@Suite("Kubernetes and Ceph", .serialized)
struct KubernetesCephTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A script that prints `fixture` when called with exactly `args`, else fails on stderr.
    static func tool(_ cases: [(args: String, fixture: String)], extra: String = "") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)").path
        var script = "#!/bin/sh\n\(extra)\ncase \"$*\" in\n"
        for c in cases { script += "  \"\(c.args)\") cat '\(fixtures.appendingPathComponent(c.fixture).path)' ;;\n" }
        script += "  *) echo \"error: unexpected arguments: $*\" >&2; exit 3 ;;\nesac\n"
        // Written through a close-on-exec descriptor: Foundation's atomic write leaves its
        // descriptor inheritable, and a process forked meanwhile by another test would keep
        // the script open for writing, so running it would fail with ETXTBSY.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(script.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    func run(_ text: String, _ ctx: MetricsContext = MetricsContext(timeout: 5)) -> (String, String?, MetricsContext) {
        withLargeStack {
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: ctx)
            let host = MemoryHost()
            let session = Session(host: host, builtins: r, stackBudget: 100 << 20)
            do {
                try session.run(SourceFile(name: "t.plan", text: text))
                let final = MetricsBuiltins.context(in: session.state) ?? ctx
                return (host.shown.map { ValueFormatter.display($0) }.joined(separator: "\n"), nil, final)
            } catch let e as DiagnosticList { return ("", e.diagnostics.first?.message, ctx) } catch {
                return ("", "\(error)", ctx)
            }
        }
    }

    static let quantityCases: [(String, Double)] = [
        ("250m", 0.25), ("321069224n", 0.321069224), ("1536Mi", 1536 * 1048576.0), ("12345678Ki", 12345678 * 1024.0),
        ("1.5e3", 1500), ("2Gi", 2 * 1073741824.0), ("2", 2), ("100k", 100_000), ("1E", 1e18), ("1E3", 1000),
        ("500u", 0.0005), ("-1", -1), ("0.5", 0.5), ("1Ei", 1152921504606846976),
    ]

    @Test(arguments: quantityCases)
    func quantities(_ text: String, _ expected: Double) {
        #expect(KubeQuantity.parse(text) == expected)
    }

    @Test(arguments: ["", "Mi", "12 Mi", "1.2.3", "1Zi", "abc", "1e400"])
    func notQuantities(_ text: String) {
        #expect(KubeQuantity.parse(text) == nil)
    }

    @Test func cephDFCurrentFields() throws {
        setenv("CEPH", try Self.tool([("df --format json", "ceph/df-reef-nvme.json")]), 1)
        let (out, error, _) = run(
            "d = ceph_df()\nd.total\nd.used_ratio\nd.pools.pool\nd.pools[0].percent_used\nd.pools[0].max_avail\nd.pools[0].stored"
        )
        #expect(error == nil, "\(error ?? "")")
        #expect(out == "111.78 TiB\n28.1842%\n[\"nvme1\", \".mgr\"]\n33.8963%\n20.3944 TiB\n10.6165 TiB")
    }

    @Test func cephDFOldFields() throws {
        setenv("CEPH", try Self.tool([("df --format json", "ceph/df-old.json")]), 1)
        let (out, error, _) = run("d = ceph_df()\nd.total\nd.used\nd.pools[3].used\nlen(d.pools)")
        #expect(error == nil, "\(error ?? "")")
        // total_bytes 472345880 is given alongside the KB fields in this output; bytes win.
        #expect(out == "450.464 MiB\n67.7667 MiB\n54.175 MiB\n4")
    }

    @Test func kubeNodesJoinsCapacityAndUsage() throws {
        setenv(
            "KUBECTL",
            try Self.tool([
                ("get nodes -o json", "kubernetes/nodes.json"),
                ("get --raw /apis/metrics.k8s.io/v1beta1/nodes", "kubernetes/node-metrics-ub18.json"),
            ]), 1)
        let (out, error, _) = run("n = kube_nodes()\nn[0].cpu_used\nn[0].memory_allocatable\nn[0].memory_used\nn.node")
        #expect(error == nil, "\(error ?? "")")
        #expect(out == "0.329087 cores\n3.76555 GiB\n2.62087 GiB\n[\"ub18\"]")
    }

    /// Without metrics-server the usage columns stay, empty, and a note says why once.
    @Test func kubeNodesWithoutMetricsServerKeepsItsColumns() throws {
        setenv("KUBECTL", try Self.tool([("get nodes -o json", "kubernetes/nodes.json")]), 1)
        let (out, error, _) = run("n = kube_nodes()\nn[0].cpu_capacity\nn[0].cpu_used")
        #expect(error == nil, "\(error ?? "")")
        #expect(out.hasSuffix("\n"), "\(out)")  // the missing cell shows as an empty label
        let (_, misuse, _) = run("kube_nodes()[0].cpu_used + 1 core")
        #expect(misuse?.hasPrefix("this value is missing: the metrics API (metrics-server) did not answer") == true)
    }

    /// A node without metadata is an error naming what is missing, not a row named "?".
    @Test func malformedToolOutputIsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nodes-\(UUID().uuidString).json")
        try #"{"kind": "NodeList", "items": [{"spec": {}}]}"#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = try Self.tool([])
        setenv("KUBECTL", script, 1)
        let fixtureTool = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-\(UUID().uuidString)")
            .path
        let fd = open(fixtureTool, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        let text = Array("#!/bin/sh\ncat '\(file.path)'\n".utf8)
        _ = write(fd, text, text.count)
        close(fd)
        setenv("KUBECTL", fixtureTool, 1)
        #expect(run("kube_nodes()").1 == "kubectl get nodes -o json: node 0 has no metadata")
    }

    @Test func kubePodsSumsContainers() throws {
        setenv(
            "KUBECTL",
            try Self.tool([
                ("get --raw /apis/metrics.k8s.io/v1beta1/pods", "kubernetes/pod-metrics.json"),
                ("get --raw /apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods", "kubernetes/pod-metrics.json"),
            ]), 1)
        let (out, error, _) = run(
            "p = kube_pods()\nsum(p.cpu)\nsum(p.memory)\nlen(kube_pods(namespace: \"kube-system\"))")
        #expect(error == nil, "\(error ?? "")")
        #expect(out == "0.25 cores\n0.462891 GiB\n4")  // the units kube_nodes uses
        #expect(run("kube_pods(namespace: \"a b; rm -rf /\")").1 == "not a namespace name: a b; rm -rf /")
    }

    /// Requests per node as `kubectl describe node` adds them: finished pods ask for nothing,
    /// an init container counts when it asks for more than the app containers together.
    @Test func requestsPerNodeAndPod() throws {
        setenv(
            "KUBECTL",
            try Self.tool([
                ("get nodes -o json", "kubernetes/nodes.json"),
                ("get --raw /apis/metrics.k8s.io/v1beta1/nodes", "kubernetes/node-metrics-ub18.json"),
                ("get pods -A -o json", "kubernetes/pods.json"),
                ("get --raw /apis/metrics.k8s.io/v1beta1/pods", "kubernetes/pod-metrics.json"),
            ]), 1)
        let (out, error, _) = run(
            """
            n = kube_nodes()[0]
            [n.cpu_requested, n.cpu_requested_share, n.memory_requested -> MiB]
            p = kube_pods()
            [p[0].node, p[0].cpu_request, p[0].cpu_limit, p[0].memory_limit]
            map(take(sort_by(p, x => x.cpu, descending: true), 2), x => x.pod)
            """)
        #expect(error == nil, "\(error ?? "")")
        // 500m + 250m + 100m + 250m + max(100m, init 500m); the finished backup's 2 cores left out.
        #expect(
            out
                == "[1.6 cores, 80%, 420 MiB]\n[\"ub18\", 0.5 cores, 1 core, 0.5 GiB]\n[\"resource-consumer-pod\", \"kube-apiserver-ub18\"]",
            "\(out)")
    }

    @Test func toolFailuresQuoteStandardError() throws {
        setenv("KUBECTL", try Self.tool([]), 1)
        #expect(
            run("kube_nodes()").1 == "kubectl get nodes -o json failed: error: unexpected arguments: get nodes -o json")
        setenv("CEPH", "/nonexistent/ceph", 1)
        #expect(run("ceph_df()").1 == "cannot run /nonexistent/ceph: no such file")
        setenv("CEPH", FileManager.default.temporaryDirectory.path, 1)
        #expect(run("ceph_df()").1 == "cannot run \(FileManager.default.temporaryDirectory.path): it is a directory")
        let plain = try Self.tool([])
        chmod(plain, 0o644)
        setenv("CEPH", plain, 1)
        #expect(run("ceph_df()").1 == "cannot run \(plain): it is not executable")
    }

    @Test func aHangingToolTimesOut() throws {
        setenv("CEPH", try Self.tool([], extra: "sleep 30"), 1)
        #expect(run("ceph_df()", MetricsContext(timeout: 1)).1 == "ceph df --format json took longer than 1 s")
    }

    /// A tool stopped by the timeout (or Ctrl-C) takes what it started with it: tools run in a
    /// process group of their own, and the group is ended.
    @Test func aStoppedToolTakesItsChildrenWithIt() throws {
        let marker = "headroom-grandchild-\(UUID().uuidString.prefix(8))"
        setenv("CEPH", try Self.tool([], extra: "sh -c 'sleep 30 # \(marker)' &\nwait"), 1)
        let started = Date()
        #expect(run("ceph_df()", MetricsContext(timeout: 1)).1 == "ceph df --format json took longer than 1 s")
        #expect(Date().timeIntervalSince(started) < 5)
        usleep(200_000)
        // Any process whose command line holds the marker (read from /proc, as pgrep would).
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let survivors = pids.filter { pid in
            guard pid.allSatisfy(\.isNumber), let cmd = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            return String(decoding: cmd, as: UTF8.self).contains(marker)
        }
        #expect(survivors.isEmpty, "a child of the stopped tool is still running")
    }

    @Test func commandOutputsAreRecordedAndReplayed() throws {
        setenv("CEPH", try Self.tool([("df --format json", "ceph/df-reef-nvme.json")]), 1)
        var recorder = MetricsContext(timeout: 5)
        recorder.startRecording(now: 1_800_000_000)
        let live = run("ceph_df().used", recorder)
        setenv("CEPH", "/nonexistent/ceph", 1)
        var replayer = MetricsContext()
        replayer.startReplaying(try Snapshot.decode(live.2.snapshot!.encoded()), name: "s.json")
        #expect(run("ceph_df().used", replayer).0 == live.0)
        #expect(run("kube_nodes()", replayer).1 == "the snapshot s.json has no answer for kubectl get nodes -o json")
    }
}

/// kube_get and kube_pvcs on a real PersistentVolumeClaimList (Tests/Fixtures/SOURCES.md); in
/// the same serialized suite, as the stand-in tools are set through the environment.
extension KubernetesCephTests {
    /// Runs `text` on 2026-11-29.
    func run(_ text: String) -> (String, String?) {
        withLargeStack {
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: MetricsContext(timeout: 5))
            let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
            let session = Session(host: host, builtins: r, stackBudget: 100 << 20)
            do {
                try session.run(SourceFile(name: "t.plan", text: text))
                return (host.shown.map { ValueFormatter.display($0) }.joined(separator: "\n"), nil)
            } catch let e as DiagnosticList { return ("", e.diagnostics.first?.message) } catch {
                return ("", "\(error)")
            }
        }
    }

    @Test func claimsPerNamespaceAndStorageClass() throws {
        setenv("KUBECTL", try KubernetesCephTests.tool([("get pvc -o json -A", "kubernetes/pvcs.json")]), 1)
        let (shown, error) = run(
            """
            p = kube_pvcs()
            [len(p), p[0].requested, p[2].storage_class, p[0].storage_class, p[1].created]
            t = group_by(p, x => x.namespace, xs => sum(map(xs, x => x.requested)))
            [t[0].key, t[0].value]
            """)
        #expect(error == nil, "\(error ?? "")")
        #expect(shown == "[3, 10 GiB, \"csi-disk\", \"sata\", 2018-07-21]\n[\"default\", 25 GiB]", "\(shown)")
    }

    @Test func anyKindWithFieldsByPath() throws {
        setenv(
            "KUBECTL",
            try KubernetesCephTests.tool([("get pvc -o json -n default -l app=db", "kubernetes/pvcs.json")]), 1)
        let (shown, error) = run(
            """
            g = kube_get("pvc", namespace: "default", selector: "app=db", fields: {req: "spec.resources.requests.storage", mode: "spec.accessModes[0]", nope: "spec.nothing.here"})
            [g[1].name, g[1].req, g[1].mode, g[1].labels["failure-domain.beta.kubernetes.io/zone"]]
            g[0].nope
            """)
        #expect(error == nil, "\(error ?? "")")
        #expect(shown == "[\"db-mysql-0\", 5 GiB, \"ReadWriteMany\", \"cn-north-4a\"]\nn/a", "\(shown)")
    }

    /// Memory pressure as the runbook counts it, from both ways events record their count and
    /// times (`count`/`lastTimestamp` and `series`/`eventTime`).
    @Test func memoryPressureEvents() throws {
        setenv("KUBECTL", try KubernetesCephTests.tool([("get events -o json -A", "kubernetes/events.json")]), 1)
        let (shown, error) = run(
            """
            oom = kube_events(reason: "oom")
            [len(oom), oom[0].object, oom[0].count, oom[0].first_seen, oom[0].last_seen]
            e = kube_events(reason: "memory")
            [e[1].reason, e[1].count, e[1].last_seen, e[1].namespace]
            [len(kube_events(reason: "oom", since: 1 day)), len(kube_events(reason: "oom", since: 5 days))]
            """)
        #expect(error == nil, "\(error ?? "")")
        // On 2026-11-29 neither OOM was seen within a day; both within five (the last on the 27th).
        #expect(
            shown
                == "[2, \"Node/k8s-2\", 4, 2026-11-20, 2026-11-27]\n[\"Evicted\", 3, 2026-11-28, \"kubeai\"]\n[0, 2]",
            "\(shown)")
    }

    @Test func outputThatIsNotAListSaysSo() throws {
        // A single object is not a list.
        setenv(
            "KUBECTL", try KubernetesCephTests.tool([("get pvc -o json -A", "kubernetes/node-metrics-ub18.json")]), 1)
        let (_, error) = run("kube_pvcs()")
        #expect(error == "kubectl get pvc -o json -A did not return a list of pvc", "\(error ?? "")")
        let (_, spaced) = run("kube_get(\"pods -A\")")
        #expect(spaced == "the kind is one word, such as pvc")
    }
}
