// A libFuzzer target for the whole language pipeline: each input is a plan, run through the
// lexer, parser, checker and interpreter with the standard builtins (core and planning),
// and every value and error is rendered as text and as JSON. Anything but a clean value or a
// diagnostic (a trap, a sanitizer report, a hang) is a bug. Run it with `make fuzz`.
import Foundation
import HeadroomCore
import HeadroomPlanning

/// No I/O: every file a plan reads is the same small CSV; a run is stopped after a second
/// (a plan may legitimately loop for ages, as `fn f(n) = f(n - 1) + f(n - 1)` does).
final class FuzzHost: PlanHost {
    let deadline = Date().addingTimeInterval(1)
    func show(_ value: Value, span: Span) {}
    func printText(_ text: String) {}
    func now() -> Int64 { 1_795_910_400 }
    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
        if path.hasSuffix(".plan") { throw HostError("no such file") }
        return (path, Array("time,used,free\n2026-01-01,1,9\n2026-01-02,2,8\n2026-01-03,4,7\n2026-01-05,5,3\n".utf8))
    }
    func isCancelled() -> Bool { Date() > deadline }
}

let builtins = BuiltinRegistry.standard()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    withLargeStack {
        let session = Session(host: FuzzHost(), builtins: builtins, stackBudget: 64 << 20)
        do {
            for v in try session.run(SourceFile(name: "fuzz.plan", bytes: bytes)) {
                _ = ValueFormatter.display(v)
                _ = JSONRenderer.value(v)
            }
        } catch let list as DiagnosticList {
            _ = DiagnosticRenderer(sources: session.sources).render(list.diagnostics)
            for d in list.diagnostics { _ = JSONRenderer.error(d, sources: session.sources) }
        } catch {
            fatalError("not a diagnostic: \(error)")
        }
    }
    return 0
}

#if FUZZING
import CFuzzDriver

// SwiftPM names an executable's entry point `<module>_main`; with libFuzzer linked in, it is
// this function, which hands the command line to libFuzzer's driver.
@_cdecl("headroom_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) }
}
#else
@main
enum HeadroomFuzz {
    static func main() {
        print("headroom-fuzz was built without libFuzzer; run `make fuzz`")
        exit(2)
    }
}
#endif
