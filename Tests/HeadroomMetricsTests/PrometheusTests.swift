import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning
import Testing

/// The metrics builtins against a real Prometheus (see PrometheusServer).
@Suite("Prometheus", .serialized)
struct PrometheusTests {
    let server: PrometheusServer
    init() throws { server = try PrometheusServer.get() }

    var endDate: String { CivilDate.format(server.end, withTime: true) }

    /// Runs `text`; `final` is the session's metrics source afterwards (a recording lives there).
    func run(_ text: String, context: MetricsContext? = nil) -> (
        shown: [Value], error: String?, rendered: String, final: MetricsContext
    ) {
        let ctx = context ?? MetricsContext(prometheusURL: URL(string: server.url)!)
        return withLargeStack {
            let host = MemoryHost(now: server.end)
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: ctx)
            let session = Session(host: host, builtins: r, stackBudget: 100 << 20)
            do {
                try session.run(SourceFile(name: "test.plan", text: text))
                let final = MetricsBuiltins.context(in: session.state) ?? ctx
                return (host.shown, nil, host.shown.map { ValueFormatter.display($0) }.joined(separator: "\n"), final)
            } catch let e as DiagnosticList {
                return (host.shown, e.diagnostics.first?.message, "", ctx)
            } catch { return ([], "\(error)", "", ctx) }
        }
    }

    @Test func instantQueryOfOneSeriesIsAQuantity() {
        let r = run("query('headroom_test_used_bytes{instance=\"a\"}')")
        #expect(r.error == nil, "\(r.error ?? "")")
        guard case .quantity(let q)? = r.shown.first else { Issue.record("not a quantity: \(r.rendered)"); return }
        #expect(q.dimension == Dimension(base: "Bytes"))
        #expect(q.unit.symbol == "GiB")
    }

    @Test func instantQueryOfSeveralSeriesIsATable() {
        let r = run("t = query(\"headroom_test_used_bytes\")\nt.instance\nlen(t)")
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.rendered.hasPrefix("[\"a\", \"b\"]\n2"))
    }

    @Test func scalarsAndUnitOverrides() {
        #expect(run("query(\"scalar(vector(42))\")").rendered == "42")
        #expect(run("query(\"vector(2)\", unit: GiB)").rendered == "2 GiB")
        #expect(run("query(\"headroom_test_odd\")").rendered == "5")
    }

    @Test func rangeQueryIsASeries() {
        let r = run(
            "s = query_range('headroom_test_used_bytes{instance=\"a\"}', last: 7 days, step: 1 h, to: \(endDate))\nlen(s)\nfit(s).slope > 0.4 GB/day and fit(s).slope < 0.7 GB/day"
        )
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.rendered.hasSuffix("169\ntrue"))
    }

    @Test func rangesPastElevenThousandPointsAreJoinedWithoutGapsOrDuplicates() {
        // 10 days at 1 minute is 14,401 points: two requests.
        let r = run(
            "s = query_range(\"headroom_test_fine_bytes\", last: 10 days, step: 1 min, to: \(endDate))\nlen(s)\nlen(resample(s, 1 min))"
        )
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.rendered.hasSuffix("14401\n14401"))
        guard case .series(let s)? = r.shown.first else { return }
        #expect(zip(s.times, s.times.dropFirst()).allSatisfy { $1 - $0 == 60 })
    }

    @Test func nanAndInfinitySamplesAreLeftOutOfSeries() {
        let r = run("query_range(\"headroom_test_odd\", last: 4 h, step: 1 h, to: \(endDate)).values")
        #expect(r.rendered == "[1, 5]")
    }

    @Test func predictLinearAgreesWithPrometheus() throws {
        // Headroom's OLS on the same hourly samples as Prometheus's m[30d] (2.x: both ends included).
        let promql = "headroom_test_used_bytes{instance=\"a\"}"
        let own = try server.instant("predict_linear(\(promql)[30d], 90*86400)")
        let result = ((own["data"] as! [String: Any])["result"] as! [[String: Any]])[0]["value"] as! [Any]
        let expected = Double(result[1] as! String)!
        let r = run(
            "predict_linear(query_range('headroom_test_used_bytes{instance=\"a\"}', last: 30 days, step: 1 h, to: \(endDate)), 90 days)"
        )
        guard case .quantity(let q)? = r.shown.first else { Issue.record("\(r.error ?? "")"); return }
        #expect(abs(q.base - expected) <= 1e-6 * abs(expected), "headroom \(q.base), prometheus \(expected)")
        print(
            "predict_linear: headroom \(q.base), prometheus \(expected), relative difference \(abs(q.base - expected) / abs(expected))"
        )
    }

    @Test func assessReadsTheStandardExporters() {
        let r = run(
            """
            a = assess(at: \(endDate))
            a.nodes.cores
            a.nodes.cpu_busy
            a.nodes.memory_used
            a.totals
            a.kubernetes.cpu_requested
            a.storage.used_ratio
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(
            r.rendered == """
                [4 cores, 4 cores]
                [25%, 50%]
                [40 GiB, 24 GiB]
                {nodes: 2, cores: 8 cores, cpu_used: 3 cores, memory: 128 GiB, memory_used: 64 GiB}
                [1.5 cores, 0 cores]
                6.2277%
                """)
    }

    /// The network part: physical interfaces only (loopback and a veth carry more and are left
    /// out), the day's 95th percentile, against node_exporter's link speed or a declared one.
    @Test func assessReadsTheNetwork() {
        let r = run(
            """
            n = assess(at: \(endDate)).network[0]
            [n.instance, round(n.receive_p95), round(n.transmit_p95), n.link, round(n.receive_share, 3)]
            round(assess(at: \(endDate), link: 10 Gbps).network[0].receive_share, 4)
            """)
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.rendered == "[\"n1:9100\", 100 Mbps, 20 Mbps, 1000 Mbps, 10%]\n1%", "\(r.rendered)")
        // Bandwidth runs out like any other resource.
        let w = run(
            """
            s = query_range('sum(rate(node_network_receive_bytes_total{device="eth0"}[5m]))', last: 20 min, step: 1 min, to: \(endDate), unit: B/s)
            [round(last(s) -> Mbps), runway(s, 1 Gbps).runway]
            """)
        #expect(w.error == nil, "\(w.error ?? "")")
        #expect(w.rendered == "[100 Mbps, never]", "\(w.rendered)")
    }

    @Test func assessQueriesCanBeReplaced() {
        let r = run("assess(at: \(endDate), queries: {storage_total: 'vector(1e13)'}).storage.total")
        #expect(r.rendered == "9.09495 TiB")
        #expect(run("assess(queries: {memroy_total: 'x'})").error == "assess has no query 'memroy_total'")
    }

    /// `HEADROOM_RECORD=1` re-records Tests/Fixtures/metrics-snapshot.json, which docs/metrics.md
    /// replays. The backfilled values depend only on their position before the last sample, so
    /// the snapshot's answers do not change with the day it is made.
    @Test func theDocsSnapshotReplaysWhatTheServerSays() throws {
        let plan =
            "query('headroom_test_used_bytes{instance=\"a\"}')\ns = query_range('headroom_test_used_bytes{instance=\"a\"}', last: 2 days, step: 6 h)\nlen(s)"
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/metrics-snapshot.json")
        var recorder = MetricsContext(prometheusURL: URL(string: server.url)!)
        recorder.startRecording(now: server.end)
        let live = run(plan, context: recorder)
        #expect(live.error == nil)
        if ProcessInfo.processInfo.environment["HEADROOM_RECORD"] == "1" {
            try live.final.snapshot!.encoded().write(to: path)
        }
        var replayer = MetricsContext()
        replayer.startReplaying(try Snapshot.decode(try Data(contentsOf: path)), name: "metrics-snapshot.json")
        #expect(run(plan, context: replayer).rendered == live.rendered)
    }

    @Test func badPromQLQuotesPrometheus() {
        let r = run("query(\"sum(rate(\")")
        #expect(r.error?.hasPrefix("Prometheus rejected the query sum(rate(: ") == true, "\(r.error ?? "")")
        #expect(r.error?.contains("(bad_data, HTTP 400)") == true)
    }

    @Test func aRangeTooLongForOneStepIsStillAnsweredInParts() {
        let r = run("len(query_range(\"vector(1)\", last: 20 days, step: 1 min, to: \(endDate)))")
        #expect(r.rendered == "28801")
    }

    /// No series is not an error: an empty table, so "not firing" can be tested.
    @Test func emptyResultsAreEmptyTables() {
        let r = run("query(\"no_such_metric\")\nlen(query(\"no_such_metric > 1\")) == 0")
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.rendered == "[]\ntrue")
        #expect(run("len(query_range(\"no_such_metric\", last: 1 day))").rendered == "0")
    }

    @Test func unitsMayBePercentOrARate() {
        let r = run("query('headroom_test_used_bytes{instance=\"a\"}', at: \(endDate), unit: B/s)")
        #expect(r.rendered.hasSuffix("iB/s"), "\(r.rendered)")
        let p = run("query('vector(50)', unit: %)")
        #expect(p.rendered == "50%", "\(p.rendered) \(p.error ?? "")")
    }

    @Test func aServerThatIsDownGivesAClearError() {
        let ctx = MetricsContext(prometheusURL: URL(string: "http://127.0.0.1:\(PrometheusServer.freePort())")!)
        let r = run("query(\"up\")", context: ctx)
        #expect(r.error?.hasPrefix("cannot connect to 127.0.0.1:") == true, "\(r.error ?? "")")
    }

    @Test func recordThenReplayGivesTheSameAnswersWithoutTheServer() throws {
        var recorder = MetricsContext(prometheusURL: URL(string: server.url)!)
        recorder.startRecording(now: server.end)
        let plan =
            "s = query_range('headroom_test_used_bytes{instance=\"a\"}', last: 3 days, step: 1 h)\nlast(s)\nquery('headroom_test_used_bytes{instance=\"b\"}')"
        let live = run(plan, context: recorder)
        #expect(live.error == nil)
        let snapshot = try #require(live.final.snapshot)
        #expect(snapshot.entries.count == 2)
        let text = String(decoding: snapshot.encoded(), as: UTF8.self)
        #expect(!text.contains("127.0.0.1"))
        var replayer = MetricsContext(prometheusURL: URL(string: "http://127.0.0.1:1")!)
        replayer.startReplaying(try Snapshot.decode(snapshot.encoded()), name: "snap.json")
        let again = run(plan, context: replayer)
        #expect(again.rendered == live.rendered)
        let missing = run("query(\"up\")", context: replayer)
        #expect(missing.error == "the snapshot snap.json has no answer for the query up")
    }
}
