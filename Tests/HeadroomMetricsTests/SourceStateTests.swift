import Foundation
import HeadroomCore
import HeadroomPlanning
import Testing

@testable import HeadroomMetrics

/// The metrics source is part of the session's state: a failed entry rolls back its
/// connect/replay, a new session starts from the flags' source, and a copy of a state is a
/// session of its own.
@Suite("Metrics source as session state")
struct SourceStateTests {
    static let snapshot: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/metrics-snapshot.json")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    func session(_ initial: MetricsContext = MetricsContext(timeout: 1)) -> Session {
        let r = BuiltinRegistry.standard()
        MetricsBuiltins.register(into: r, context: initial)
        let host = MemoryHost()
        host.files = ["snap.json": Self.snapshot]
        return Session(host: host, builtins: r, stackBudget: 100 << 20)
    }

    func describe(_ s: Session, _ initial: MetricsContext = MetricsContext(timeout: 1)) -> String {
        (MetricsBuiltins.context(in: s.state) ?? initial).describe
    }

    func run(_ s: Session, _ text: String) -> DiagnosticCode? {
        withLargeStack { () -> DiagnosticCode? in
            do {
                try s.run(SourceFile(name: "t.plan", text: text))
                return nil
            } catch let e as DiagnosticList { return e.diagnostics.first?.code } catch { return nil }
        }
    }

    @Test func aFailedEntryRollsBackItsReplay() {
        let s = session()
        #expect(describe(s) == "no metrics source")
        #expect(run(s, "replay('snap.json')\nassert false, \"stop here\"") == .assertionFailed)
        #expect(describe(s) == "no metrics source")
        #expect(run(s, "replay('snap.json')") == nil)
        #expect(describe(s) == "replaying the snapshot snap.json")
        // A failed connect after it leaves the replay in place.
        #expect(run(s, "connect('http://127.0.0.1:9')\nassert false") == .assertionFailed)
        #expect(describe(s) == "replaying the snapshot snap.json")
    }

    @Test func connectAfterReplaySwitchesToTheServer() {
        let s = session()
        #expect(run(s, "replay('snap.json')") == nil)
        #expect(run(s, "connect('http://127.0.0.1:9')") == nil)
        #expect(describe(s) == "live: http://127.0.0.1:9")
        // The query now goes to the (absent) server, not the snapshot.
        #expect(run(s, "query('up')") == .metricsUnreachable)
    }

    @Test func aNewSessionStartsFromTheFlagsSource() throws {
        var initial = MetricsContext(timeout: 1)
        initial.connect(try #require(URL(string: "http://127.0.0.1:9")))
        let s = session(initial)
        #expect(run(s, "replay('snap.json')") == nil)
        #expect(describe(s, initial) == "replaying the snapshot snap.json")
        let fresh = session(initial)  // what :reset makes
        #expect(describe(fresh, initial) == "live: http://127.0.0.1:9")
    }

    @Test func aCopiedStateIsIndependent() {
        let s = session()
        let fork = session()
        fork.state = s.state
        #expect(run(fork, "replay('snap.json')") == nil)
        #expect(describe(fork) == "replaying the snapshot snap.json")
        #expect(describe(s) == "no metrics source")
    }
}
