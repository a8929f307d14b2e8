import Foundation
import Testing

/// Python's `jsonschema` (from PyPI, in a virtual environment the tests make under .build)
/// validates every report the tests write against docs/report.schema.json.
enum SchemaValidator {
    static let venv = Binary.packageRoot.appendingPathComponent(".build/test-venv")

    static func python() throws -> String {
        let py = venv.appendingPathComponent("bin/python").path
        if !FileManager.default.isExecutableFile(atPath: py) {
            let made = try Binary.run(["python3", "-m", "venv", venv.path], executable: "/usr/bin/env")
            #expect(made.status == 0, "\(made.stderr)")
        }
        let check = try Binary.run(["-c", "import jsonschema"], executable: py)
        if check.status != 0 {
            let pip = try Binary.run(["-m", "pip", "install", "-q", "jsonschema"], executable: py)
            #expect(pip.status == 0, "\(pip.stderr)")
        }
        return py
    }

    /// Errors found in `file` (empty when it is valid).
    static func errors(_ file: URL) throws -> String {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            errs = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in v.iter_errors(json.load(open(sys.argv[2])))]
            print("\\n".join(errs))
            """
        let r = try Binary.run(
            ["-c", script, Binary.packageRoot.appendingPathComponent("docs/report.schema.json").path, file.path],
            executable: try python())
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite("Capacity reports", .serialized)
struct ReportCLITests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-report-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("examples"), to: dir)
        return dir
    }

    @Test func theWeeklyReportFollowsTheSchema() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(
            ["run", "weekly.plan", "--today", "2026-11-29", "--quiet", "--report", "r.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "" && r.stderr == "")
        let file = dir.appendingPathComponent("r.json")
        #expect(try SchemaValidator.errors(file) == "")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(json?["binding"] as? String == "memory")
        #expect(json?["timestamp"] as? String == "2026-11-29T00:00:00Z")
        let recs = json?["recommendations"] as? [String] ?? []
        #expect(
            recs.contains(
                "URGENT: plan memory upgrade within 6 months (memory reaches 80% in 3.9 months; 3.2 with the policy's 20% growth buffer)"
            ), "\(recs)")
        let memory = (json?["projections"] as? [String: Any])?["memory"] as? [String: Any]
        #expect(memory?["bindingOn"] as? String == "average")
        #expect((memory?["bufferedMonths"] as? Double).map { abs($0 - 3.85904 / 1.2) < 1e-4 } == true)
        #expect(((memory?["peak"] as? [String: Any])?["threshold"] as? Double) == 90)
        let storage = json?["storage"] as? [String: Any]
        #expect(storage?["totalCapacity"] as? Double == 2e12)
        #expect((storage?["growthRate"] as? Double).map { abs($0 / 1_073_741_824 - 25.5188) < 1e-3 } == true)
        let best = json?["bestValue"] as? [String: Any]
        #expect(best?["name"] as? String == "Add 1 Node")
    }

    @Test func sinceSaysWhatMoved() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Binary.run(
            ["run", "weekly.plan", "--today", "2026-11-29", "--quiet", "--report", "last.json"], cwd: dir)
        // Last week memory had two more months and there was no urgent memory advice.
        let last = dir.appendingPathComponent("last.json")
        var old = try JSONSerialization.jsonObject(with: Data(contentsOf: last)) as? [String: Any] ?? [:]
        var projections = old["projections"] as? [String: Any] ?? [:]
        var memory = projections["memory"] as? [String: Any] ?? [:]
        memory["months"] = 5.859
        projections["memory"] = memory
        old["projections"] = projections
        old["timestamp"] = "2026-11-22T00:00:00Z"
        old["recommendationDetails"] = (old["recommendationDetails"] as? [[String: Any]] ?? []).filter {
            $0["resource"] as? String != "memory"
        }
        try JSONSerialization.data(withJSONObject: old).write(to: last)
        let r = try Binary.run(
            ["run", "weekly.plan", "--today", "2026-11-29", "--report", "now.json", "--since", "last.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("Since 2026-11-22T00:00:00Z:\n  cpu runway 0 months\n  memory runway -2 months\n"),
            "\(r.stdout)")
        #expect(r.stdout.contains("  new: URGENT: plan memory upgrade within 6 months"), "\(r.stdout)")
        let now = dir.appendingPathComponent("now.json")
        #expect(try SchemaValidator.errors(now) == "")
        let bad = try Binary.run(["run", "weekly.plan", "--report", "x.json", "--since", "weekly.plan"], cwd: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: --since: weekly.plan is not a Headroom report: not JSON"), "\(bad.stderr)")
    }

    @Test func reportsFailCleanly() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missingDir = try Binary.run(["run", "weekly.plan", "--quiet", "--report", "no/such/dir/r.json"], cwd: dir)
        #expect(missingDir.status == 1)
        #expect(missingDir.stderr.hasPrefix("error: cannot write no/such/dir/r.json:"), "\(missingDir.stderr)")
        let none = try Binary.run(["run", "basics.plan", "--quiet", "--report", "r.json"], cwd: dir)
        #expect(none.status == 1)
        #expect(none.stderr == "error: --report: the plan made no report (call report(...) in it)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.json").path))
        // A failed assert: exit 1, its message on stderr, nothing else printed, no report.
        let plan = try String(contentsOf: dir.appendingPathComponent("weekly.plan"), encoding: .utf8)
            .replacingOccurrences(of: "first > 3 months", with: "first > 6 months")
        try plan.write(to: dir.appendingPathComponent("strict.plan"), atomically: true, encoding: .utf8)
        let failed = try Binary.run(["run", "strict.plan", "--quiet", "--report", "r.json"], cwd: dir)
        #expect(failed.status == 1)
        #expect(failed.stdout == "")
        #expect(failed.stderr.contains("a resource runs out within three months: memory"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.json").path))
        // No temporary files left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }
}

/// A token never reaches a file or the terminal, and a failed run writes nothing.
@Suite("Secrets in unattended runs")
struct SecretTests {
    @Test func aFailingQueryLeaksNoTokenAndWritesNoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = "hr-test-token-5f3b9c1e"
        try (token + "\n").write(to: dir.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try """
        c = cluster(1, {cores: 4 cores, memory: 8 GiB, disks: 1, disk: 1 TB}, 1)
        u = query_range('node_filesystem_size_bytes', last: 7 days, step: 1 h)
        report(c, {cpu: u, memory: u, storage: u})
        alerts({storage: u}, c)
        """.write(to: dir.appendingPathComponent("plan.plan"), atomically: true, encoding: .utf8)
        let r = try Binary.run(
            [
                "run", "plan.plan", "--report", "r.json", "--alerts", "a.yaml", "--record", "rec.json", "--timeout",
                "2",
            ], cwd: dir,
            env: [
                "HEADROOM_PROMETHEUS_URL": "http://127.0.0.1:9/", "HEADROOM_PROMETHEUS_TOKEN_FILE": "token",
                "HEADROOM_HISTORY": dir.appendingPathComponent("history").path,
            ])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error"), "\(r.stderr)")
        #expect(!r.stdout.contains(token) && !r.stderr.contains(token))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["plan.plan", "token"], "\(files)")
        for f in files where f != "token" {
            let text = (try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)) ?? ""
            #expect(!text.contains(token), "\(f)")
        }
    }
}

/// A full disk: a 4 KiB tmpfs with 3,000 bytes used. Needs the right to mount (root, as in
/// CI's containers); where mounting is refused the test says so and checks nothing more.
@Suite("A full disk")
struct FullDiskTests {
    @Test func aFullDiskIsAClearErrorAndLeavesNoFile() throws {
        let mnt = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mnt, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mnt) }
        let mount = try Binary.run(["-t", "tmpfs", "-o", "size=4k", "tmpfs", mnt.path], executable: "/bin/mount")
        guard mount.status == 0 else {
            print(
                "FullDiskTests: cannot mount a tmpfs here (\(mount.stderr)); see docs/unattended.md for the manual check"
            )
            return
        }
        defer { _ = try? Binary.run([mnt.path], executable: "/bin/umount") }
        try Data(repeating: 0, count: 3000).write(to: mnt.appendingPathComponent("fill"))
        let report = mnt.appendingPathComponent("r.json").path
        let r = try Binary.run(["run", "examples/weekly.plan", "--quiet", "--report", report])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write \(report): No space left on device\n", "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mnt.path) == ["fill"])
    }
}
