import Foundation
import Testing

/// `make fuzz` is not part of `make test` (it needs a sanitizer build and minutes), but its
/// harness is: built without libFuzzer, `headroom-fuzz FILE...` runs each input once through
/// the same code, so the harness and the seeds keep working. A crash fails this test.
@Suite("Fuzz harness")
struct FuzzSeedTests {
    static var fuzzer: String {
        URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent("headroom-fuzz").path
    }

    @Test func everySeedRunsThroughTheHarness() throws {
        let root = Binary.packageRoot
        var seeds: [String] = []
        for dir in ["Fuzz/seeds", "examples", "Tests/Golden/errors"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)
            seeds += names.filter { $0.hasSuffix(".plan") }.sorted().map { "\(dir)/\($0)" }
        }
        #expect(seeds.count > 50)
        let r = try Binary.run(seeds, executable: Self.fuzzer)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "ran \(seeds.count) inputs\n")
    }

    @Test func withoutInputsItSaysHowToFuzz() throws {
        let r = try Binary.run([], executable: Self.fuzzer)
        #expect(r.status == 2)
        #expect(r.stdout.contains("make fuzz"))
    }
}
