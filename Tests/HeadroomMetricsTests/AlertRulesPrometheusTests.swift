import Foundation
import HeadroomCore
import HeadroomExport
import HeadroomMetrics
import HeadroomPlanning
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Rules generated from series fetched from the test's real Prometheus are loaded by a second
/// real Prometheus, which reports every one healthy after evaluating it.
@Suite("Generated rules in a real Prometheus", .serialized)
struct AlertRulesPrometheusTests {
    @Test func aRealPrometheusLoadsTheRulesAndFindsThemHealthy() throws {
        let server = try PrometheusServer.get()
        let end = CivilDate.format(server.end, withTime: true)
        let group: AlertGroup? = withLargeStack {
            let host = MemoryHost(now: server.end)
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: MetricsContext(prometheusURL: URL(string: server.url)!))
            let session = Session(host: host, builtins: r, stackBudget: 100 << 20)
            do {
                try session.run(
                    SourceFile(
                        name: "t.plan",
                        text: """
                            s = query_range('headroom_test_used_bytes{instance="a"}', last: 30 days, step: 1 h, to: \(end))
                            c = cluster(1, {disks: 1, disk: 1 TB}, 1)
                            alerts({storage: s / 1}, c, name: "quoting \\"test\\": \\{braces\\} ünïcode")
                            """))
            } catch { Issue.record("\(error)") }
            return session.state.extensions[AlertGroup.stateKey] as? AlertGroup
        }
        let rules = try #require(group)
        #expect(rules.rules.count == 4)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-rules-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try AlertRulesYAML.render(rules, format: .rules).write(
            to: dir.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try "global:\n  evaluation_interval: 1s\nrule_files: [rules.yaml]\nscrape_configs: []\n".write(
            to: dir.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let port = PrometheusServer.freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(PrometheusServer.which("prometheus")))
        p.arguments = [
            "--config.file=\(dir.appendingPathComponent("prometheus.yml").path)",
            "--storage.tsdb.path=\(dir.appendingPathComponent("data").path)", "--web.listen-address=127.0.0.1:\(port)",
        ]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        // Every rule evaluated at least once (lastEvaluation set) and healthy.
        var healths: [String] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            usleep(300_000)
            guard let data = try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/api/v1/rules")!),
                let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let groups = (json["data"] as? [String: Any])?["groups"] as? [[String: Any]], let g = groups.first
            else { continue }
            #expect(g["name"] as? String == "quoting \"test\": {braces} ünïcode")
            let loaded = g["rules"] as? [[String: Any]] ?? []
            let evaluated = loaded.filter { ($0["lastEvaluation"] as? String).map { !$0.hasPrefix("0001") } ?? false }
            if evaluated.count == loaded.count, !loaded.isEmpty {
                healths = loaded.map { "\($0["name"] ?? "?"): \($0["health"] ?? "?") \($0["lastError"] ?? "")" }
                break
            }
        }
        #expect(healths.count == 4, "\(healths)")
        for h in healths { #expect(h.contains(": ok"), "\(h)") }
    }
}

/// A fetched series keeps its PromQL through scaling and unit conversion, scaled, and loses it
/// through anything else.
@Suite("Where a series came from", .serialized)
struct SeriesOriginTests {
    func origin(_ expr: String) throws -> Series.Origin? {
        let server = try PrometheusServer.get()
        let end = CivilDate.format(server.end, withTime: true)
        return withLargeStack {
            let host = MemoryHost(now: server.end)
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: MetricsContext(prometheusURL: URL(string: server.url)!))
            let session = Session(host: host, builtins: r, stackBudget: 100 << 20)
            let text =
                "s = query_range('headroom_test_used_bytes{instance=\"a\"}', last: 7 days, step: 1 h, to: \(end))\n\(expr)"
            guard (try? session.run(SourceFile(name: "t.plan", text: text))) != nil,
                case .series(let s)? = host.shown.last
            else { return nil }
            return s.origin
        }
    }

    @Test func scalingAndConversionKeepItAndOtherOperationsDropIt() throws {
        let plain = try #require(try origin("s"))
        #expect(plain.query == "headroom_test_used_bytes{instance=\"a\"}")
        #expect(plain.range == 7 * 86_400 && plain.step == 3600 && plain.scale == 1)
        #expect(try origin("s / 3")?.scale == 1.0 / 3)
        #expect(try origin("2 * s -> TB")?.scale == 2)
        #expect(try origin("s + 1 GB") == nil)
        #expect(try origin("s - s") == nil)
        #expect(try origin("s * -1") == nil)
        #expect(try origin("window(s, 2026-01-01)") == nil)
    }
}
