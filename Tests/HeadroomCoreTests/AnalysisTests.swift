import Testing

@testable import HeadroomCore

/// The parser keeps what it could parse, and the checker's tables: a type for each
/// expression, a definition for each use. The prompt's completion and an editor read them.
@Suite("Analysis")
struct AnalysisTests {
    @Test func theParserKeepsWhatItCouldParse() {
        let (program, diagnostics) = Parser.parseRecovering(
            SourceFile(name: "t", text: "a = 1\nb = 2 * * 3\nc = a + 1"), file: 0)
        #expect(diagnostics.count == 1)
        #expect(program.statements.count == 3)
        guard case .invalid = program.statements[1].kind else {
            Issue.record("the broken statement is not an error node")
            return
        }
        if case .assign("c", _, _) = program.statements[2].kind {
        } else {
            Issue.record("the statement after it is lost")
        }
    }

    @Test func typesAndDefinitionsAreRecorded() {
        let text = "used = 1 TB\nfn months(free, rate) = free / rate\nmonths(used, 50 GB/month)\nb = (2 +"
        let session = Session(host: MemoryHost())
        let a = session.analyze(SourceFile(name: "t", text: text))
        #expect(a.diagnostics.count == 1, "\(a.diagnostics.map(\.message))")  // the syntax error only
        func offset(_ s: String, _ n: Int = 1) -> Int {
            var from = text.startIndex
            var found = text.startIndex
            for _ in 0..<n {
                guard let r = text.range(of: s, range: from..<text.endIndex) else { return -1 }
                found = r.lowerBound
                from = r.upperBound
            }
            return text.utf8.distance(from: text.startIndex, to: found)
        }
        // The call's type: Time (Bytes / Bytes/Time).
        let callStart = offset("months(used")
        let call = a.types.first { $0.key.start == callStart && $0.key.end > callStart + 20 }
        guard case .quantity(let d)? = call?.value else {
            Issue.record("no type for the call")
            return
        }
        #expect(d == Dimension(base: "Time"))
        // `used` in the call is the global defined on line 1.
        let use = a.definitions.first { $0.key.start == offset("used", 2) }
        #expect(use?.value.start == offset("used"))
        // `free` in the body is the parameter.
        let param = a.definitions.first { $0.key.start == offset("free", 2) }
        #expect(param?.value.start == offset("free"))
    }

    @Test func analysisRunsNothingAndChangesNothing() {
        let host = MemoryHost()
        let session = Session(host: host)
        let a = session.analyze(SourceFile(name: "t", text: "x = 5\nprint(\"ran\")\nx"))
        #expect(a.diagnostics.isEmpty)
        #expect(host.printed.isEmpty)
        #expect(session.state.globals["x"] == nil)
        #expect(Analysis.fields(of: a.type(endingAt: 5, file: a.file) ?? .unknown).isEmpty)
    }
}
