import Foundation
import Testing

/// Alert rules generated from a plan, checked by Debian's promtool: the rule file is valid,
/// and replayed against a series written by the test, the runway rule fires where Headroom's
/// own `runway` says the threshold comes within the horizon, not an hour before; the
/// threshold rules fire and resolve where the series crosses them.
@Suite("Alert rules and promtool", .serialized)
struct AlertRulesTests {
    static let recordedAt: Int64 = 1_795_910_400  // 2026-11-29
    static let step: Int64 = 3600
    static let start = recordedAt - 30 * 86_400
    /// 100 GB at the start, growing 10 GB a day.
    static func value(_ i: Int64) -> Double { 100e9 + Double(i) * 10e9 / 24 }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A snapshot answering the plan's query_range with the test's series.
        let n = (Self.recordedAt - Self.start) / Self.step
        let values = (0...n).map { i in "[\(Self.start + i * Self.step),\"\(Self.value(i))\"]" }.joined(separator: ",")
        let body =
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"usage_bytes\"},\"values\":[\(values)]}]}}"
        let snapshot: [String: Any] = [
            "headroom_snapshot": 1, "recorded_at": Self.recordedAt,
            "requests": [
                [
                    "body": body, "contentType": "application/json", "path": "/api/v1/query_range",
                    "source": "prometheus", "status": 200,
                    "params": [
                        "query": "usage_bytes", "start": "\(Self.start)", "end": "\(Self.recordedAt)", "step": "3600",
                    ],
                ]
            ],
        ]
        try JSONSerialization.data(withJSONObject: snapshot).write(to: dir.appendingPathComponent("snap.json"))
        try """
        replay('snap.json')
        u = query_range('usage_bytes', last: 30 days, step: 1 h, unit: B)
        c = cluster(1, {disks: 1, disk: 1 TB}, 1)
        print(round(runway(u, c.usable, threshold: 70%).runway -> days, 3))
        rules = alerts({storage: u * 1}, c, horizon: 20 days)
        """.write(to: dir.appendingPathComponent("alerts.plan"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func promtoolChecksAndTestsTheGeneratedRules() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(
            ["run", "alerts.plan", "--alerts", "rules.yaml", "--alerts-format", "rules"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // Headroom's runway at the snapshot's time: 700 GB − 400 GB at 10 GB a day.
        let runway = try #require(Double(r.stdout.split(separator: " ").first ?? ""), "\(r.stdout)")
        #expect(abs(runway - 30) < 0.01, "\(r.stdout)")
        let rules = dir.appendingPathComponent("rules.yaml")
        let check = try Binary.run(["check", "rules", rules.path], executable: "/usr/bin/promtool")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("SUCCESS: 4 rules found"), "\(check.stdout)")

        // promtool's own clock starts at the series' first sample. The runway comes within the
        // 20-day horizon at 30 + (runway − 20) days; the threshold rules at 60 days (70% of
        // 1 TB) and 75 days (85%). The series drops back after 80 days, and they resolve.
        let within = 30 + (runway - 20)
        func at(_ days: Double, hours: Int = 0) -> String { "\(Int((days * 24).rounded()) + hours)h" }
        // Annotations carry {{ $value }} text, checked by `check rules` above; the firing test
        // compares labels.
        let text = try String(contentsOf: rules, encoding: .utf8)
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("    annotations:") { skipping = true; continue }
            if skipping, line.hasPrefix("      ") { continue }
            skipping = false
            kept.append(line)
        }
        try kept.joined(separator: "\n").write(
            to: dir.appendingPathComponent("bare.yaml"), atomically: true, encoding: .utf8)
        func firing(_ name: String, _ severity: String) -> String {
            "        exp_alerts:\n          - exp_labels: {severity: \(severity), resource: storage, source: headroom}"
        }
        let test = """
            rule_files: [bare.yaml]
            evaluation_interval: 1h
            tests:
              - interval: 1h
                input_series:
                  - series: 'usage_bytes'
                    values: '100000000000+416666666.66666667x1920 100000000000x100'
                alert_rule_test:
                  - eval_time: \(at(within, hours: -1))
                    alertname: HeadroomStorageRunway
                    exp_alerts: []
                  - eval_time: \(at(within, hours: 2))
                    alertname: HeadroomStorageRunway
            \(firing("HeadroomStorageRunway", "warning"))
                  - eval_time: \(at(60, hours: -1))
                    alertname: HeadroomStorageAbove70Percent
                    exp_alerts: []
                  - eval_time: \(at(60, hours: 2))
                    alertname: HeadroomStorageAbove70Percent
            \(firing("HeadroomStorageAbove70Percent", "warning"))
                  - eval_time: \(at(75, hours: -1))
                    alertname: HeadroomStorageAbove85Percent
                    exp_alerts: []
                  - eval_time: \(at(75, hours: 2))
                    alertname: HeadroomStorageAbove85Percent
            \(firing("HeadroomStorageAbove85Percent", "critical"))
                  - eval_time: \(at(82))
                    alertname: HeadroomStorageAbove85Percent
                    exp_alerts: []
                  - eval_time: \(at(82))
                    alertname: HeadroomStorageAbove70Percent
                    exp_alerts: []

            """
        try test.write(to: dir.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
        let unit = try Binary.run(["test", "rules", "test.yaml"], cwd: dir, executable: "/usr/bin/promtool")
        #expect(unit.status == 0, "\(unit.stdout)\(unit.stderr)")
    }

    @Test func operatorFormatAndBadInput() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(["run", "alerts.plan", "--quiet", "--alerts", "rule.yaml"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("rule.yaml"), encoding: .utf8)
        #expect(
            text.hasPrefix(
                "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: headroom-capacity\n"))
        #expect(text.contains("spec:\n  groups:\n  - name: headroom-capacity\n    rules:\n"))
        let bad = try Binary.run(["run", "alerts.plan", "--alerts", "r.yaml", "--alerts-format", "json"], cwd: dir)
        #expect(bad.status == 64)
        // A series that is not a fetched query has no PromQL to alert on.
        try
            "c = cluster(1, {disks: 1, disk: 1 TB}, 1)\nalerts({storage: series([1, 2] TB, start: 2026-01-01, step: 1 day)}, c)\n"
            .write(to: dir.appendingPathComponent("nope.plan"), atomically: true, encoding: .utf8)
        let nope = try Binary.run(["run", "nope.plan", "--alerts", "r.yaml"], cwd: dir)
        #expect(nope.status == 1)
        #expect(nope.stderr.contains("was not fetched with query_range"), "\(nope.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.yaml").path))
    }
}
