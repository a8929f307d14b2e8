import Testing

@testable import HeadroomCore

/// The compiled evaluator's caches (a global's value, a unit literal) must never outlive
/// what they were taken from, nor keep a function alive through its own body.
@Suite("Compiled evaluation")
struct CompiledEvaluationTests {
    func run(_ session: Session, _ text: String) throws -> [String] {
        try session.run(SourceFile(name: "t.plan", text: text)).map { ValueFormatter.inline($0) }
    }

    @Test func aRecursiveFunctionIsFreedWithItsSession() throws {
        weak var function: Function?
        weak var frameHolder: Function?
        do {
            let session = Session(host: MemoryHost(), stackBudget: 64 << 20)
            #expect(try run(session, "fn f(n) = if n > 0 then f(n - 1) + 1 else 0\nf(30)") == ["30"])
            #expect(try run(session, "fn make() = { k = 2; x => x * k }\ng = make()\ng(21)") == ["42"])
            if case .function(let fn)? = session.state.globals["f"] { function = fn }
            if case .function(let fn)? = session.state.globals["g"] { frameHolder = fn }
            #expect(function != nil && frameHolder != nil)
        }
        #expect(function == nil, "f is kept alive by a cycle through its compiled body")
        #expect(frameHolder == nil)
    }

    @Test func aRedefinedGlobalIsSeenByCodeCompiledBefore() throws {
        let session = Session(host: MemoryHost(), stackBudget: 64 << 20)
        _ = try run(session, "rate = 2\nfn scaled(x) = x * rate\nfn twice(x) = scaled(scaled(x))")
        #expect(try run(session, "twice(3)") == ["12"])
        _ = try run(session, "rate = 10")
        #expect(try run(session, "twice(3)") == ["300"])
        _ = try run(session, "fn scaled(x) = x - 1")
        #expect(try run(session, "twice(3)") == ["1"])
    }

    @Test func aFailedEntryPutsBackWhatCompiledCodeSees() throws {
        let session = Session(host: MemoryHost(), stackBudget: 64 << 20)
        _ = try run(session, "rate = 2\nfn scaled(x) = x * rate\nscaled(1)")
        // This entry changes `rate` and then fails: the session goes back to rate = 2, and
        // `scaled`, compiled before, must see that rather than what it last found.
        #expect(throws: DiagnosticList.self) { try run(session, "rate = 5\nscaled(1)\nassert false") }
        #expect(try run(session, "scaled(1)") == ["2"])
    }

    @Test func aUnitDeclaredLaterIsSeenByALiteralCompiledBefore() throws {
        let session = Session(host: MemoryHost(), stackBudget: 64 << 20)
        _ = try run(session, "unit node\nfn per(n) = n * 3 node")
        #expect(try run(session, "per(2)") == ["6 nodes"])
        #expect(throws: DiagnosticList.self) { try run(session, "unit rack = 42 node\nper(1)\nassert false") }
        #expect(try run(session, "per(1)") == ["3 nodes"])
    }
}
