import Foundation
import Testing

/// Golden files: every `examples/*.plan` and every `Tests/Golden/errors/*.plan` is run by
/// the built binary; stdout, stderr and the exit status must match the recorded files.
/// Re-record with `HEADROOM_RECORD=1 swift test --filter Golden` and review the diff.
@Suite("Golden files")
struct GoldenTests {
    static let record = ProcessInfo.processInfo.environment["HEADROOM_RECORD"] == "1"
    static let golden = Binary.packageRoot.appendingPathComponent("Tests/Golden")

    static func plans(in dir: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".plan") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The examples, and the runbook's jobs in examples/runbook (as `runbook/NAME`).
    static let examples =
        plans(in: Binary.packageRoot.appendingPathComponent("examples"))
        + plans(in: Binary.packageRoot.appendingPathComponent("examples/runbook")).map { "runbook/" + $0 }
    static let errors = plans(in: golden.appendingPathComponent("errors"))

    static func compare(_ actual: String, _ file: URL) {
        if record {
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? "<missing \(file.lastPathComponent)>"
        #expect(actual == expected, "\(file.lastPathComponent) differs")
    }

    @Test func thereAreGoldenFiles() {
        #expect(GoldenTests.examples.contains("basics"))
        #expect(GoldenTests.examples.contains("anton"))
        #expect(GoldenTests.errors.count >= 30)
    }

    @Test(arguments: examples)
    func example(_ name: String) throws {
        let r = try Binary.run(["examples/\(name).plan", "--today", "2026-11-29"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        GoldenTests.compare(r.stdout, GoldenTests.golden.appendingPathComponent("examples/\(name).out"))
    }

    @Test(arguments: errors)
    func error(_ name: String) throws {
        let dir = GoldenTests.golden.appendingPathComponent("errors")
        let r = try Binary.run(["\(name).plan"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error[E"))
        #expect(!r.stderr.contains("Fatal error"))
        GoldenTests.compare(r.stdout + r.stderr, dir.appendingPathComponent("\(name).err"))
    }
}
