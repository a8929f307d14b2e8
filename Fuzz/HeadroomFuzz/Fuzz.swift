// A libFuzzer target for the whole language pipeline: each input is a plan, run through the
// lexer, parser, checker and interpreter with the standard builtins (core and planning) and
// the metrics builtins answering from snapshots (never the network or a process), and every
// value and error is rendered as text and as JSON. Anything but a clean value or a
// diagnostic (a trap, a sanitizer report, a hang) is a bug. Run it with `make fuzz`.
import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning

/// No I/O. An input may carry a file after a line `#---`: every file the plan reads (a CSV
/// through `load`, a plan through `import`) has those contents; without one, a small CSV.
/// A run is stopped after a second (a plan may legitimately loop for ages, as
/// `fn f(n) = f(n - 1) + f(n - 1)` does).
final class FuzzHost: PlanHost {
    let deadline = Date().addingTimeInterval(1)
    let file: [UInt8]
    init(file: [UInt8]) { self.file = file }
    func show(_ value: Value, span: Span) {}
    func print(_ values: [Value]) {}
    func now() -> Int64 { 1_795_910_400 }
    func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) { (path, file) }
    func isCancelled() -> Bool { Date() > deadline }
}

let defaultFile = Array("time,used,free\n2026-01-01,1,9\n2026-01-02,2,8\n2026-01-03,4,7\n2026-01-05,5,3\n".utf8)
let separator = Array("\n#---\n".utf8)

/// The plan, and the file after the separator.
func split(_ bytes: [UInt8]) -> (plan: [UInt8], file: [UInt8]) {
    guard bytes.count >= separator.count else { return (bytes, defaultFile) }
    for i in 0...(bytes.count - separator.count)
    where bytes[i] == separator[0] && Array(bytes[i..<i + separator.count]) == separator {
        return (Array(bytes[..<i]), Array(bytes[(i + separator.count)...]))
    }
    return (bytes, defaultFile)
}

/// The standard builtins and the metrics ones, replaying an empty snapshot until the plan
/// calls `replay` (which reads the input's file): no request reaches a network or a process.
func registry() -> BuiltinRegistry {
    let r = BuiltinRegistry.standard()
    var context = MetricsContext()
    context.offline = true
    context.startReplaying(Snapshot(recordedAt: 1_795_910_400), name: "no snapshot")
    MetricsBuiltins.register(into: r, context: context)
    return r
}

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    withLargeStack {
        let (plan, file) = split(bytes)
        let session = Session(host: FuzzHost(file: file), builtins: registry(), stackBudget: 64 << 20)
        do {
            for v in try session.run(SourceFile(name: "fuzz.plan", bytes: plan)) {
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
    /// Without libFuzzer, runs the inputs named on the command line once each (the tests run the
    /// seeds this way, so the harness and its seeds cannot rot), else says how to fuzz.
    @main
    enum HeadroomFuzz {
        static func main() {
            let files = CommandLine.arguments.dropFirst()
            guard !files.isEmpty else {
                print("headroom-fuzz was built without libFuzzer: run `make fuzz`, or give it input files to run once")
                exit(2)
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("cannot read \(file)")
                    exit(1)
                }
                _ = data.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
            }
            print("ran \(files.count) inputs")
        }
    }
#endif
