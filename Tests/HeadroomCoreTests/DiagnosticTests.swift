import Testing

@testable import HeadroomCore

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func rendersTheIssueExampleExactly() {
        let r = run("\n\nx = 5 GB + 3 days")
        #expect(
            r.rendered == """
                error[E0301]: cannot add Bytes and Time
                 --> test.plan:3:5
                  |
                3 | x = 5 GB + 3 days
                  |     ^^^^   ^^^^^^ Time
                  |     Bytes

                """)
    }

    @Test(arguments: [
        ("x = 1 mnths", "unknown unit 'mnths'", "did you mean 'months'?"),
        ("5 gib", "unknown unit 'gib'", "did you mean 'GiB'?"),
        ("lenn([1])", "unknown function 'lenn'", "did you mean 'len'?"),
        ("usable = 1\nusabel", "unknown name 'usabel'", "did you mean 'usable'?"),
        ("{cost: 1}.cots", "no field 'cots' in this record", "did you mean 'cost'?"),
        ("fn f(alpha) = alpha\nf(alpah: 1)", "f(alpha) has no parameter 'alpah'", "did you mean 'alpha'?"),
    ])
    func suggestsCloseNames(_ source: String, _ message: String, _ note: String) {
        let r = run(source)
        #expect(r.first?.message == message)
        #expect(r.first?.notes.contains(note) == true, "notes: \(r.first?.notes ?? [])")
    }

    @Test func variableAfterNumberHintsAtMultiplication() {
        let r = run("n = 3\n2 n")
        #expect(r.first?.message == "unknown unit 'n'")
        #expect(r.first?.notes.first?.contains("'* n'") == true)
    }

    @Test(arguments: [
        ("x = (1 + 2", "expected ')', found the end of the line"),
        ("\"abc", "unterminated string"),
        ("1 +", "expected a value after '+'"),
        ("if true then 1", "expected 'else'"),
        ("1 < 2 < 3", "comparisons cannot be chained"),
        ("f(1) = 2", "cannot assign to this expression"),
        ("1 @ 2", "unexpected character '@'"),
        ("\"\\q\"", "unknown escape '\\q'"),
        ("2026-02-30", "no such date"),
        ("fn f(a = 1, b) = a", "parameter 'b' needs a default value"),
        ("{ x = 1 }", "a block must end with a value"),
        ("[1, 2", "expected ']' or ',' in the list, found the end of the line"),
        ("f(a: 1, 2)", "a positional argument cannot follow a named one"),
        ("1 2", "expected the end of the statement, found a number"),
    ])
    func syntaxErrors(_ source: String, _ message: String) {
        let r = run(source)
        #expect(r.first?.stage == .syntax)
        #expect(r.first?.message == message)
    }

    @Test func parseErrorsResynchroniseAtStatements() {
        let r = run("x = (1\ny = 2 +\nz = 3 @\nw = 4")
        #expect(r.diagnostics.count == 2, "\(r.rendered)")
    }

    @Test func checkerReportsEveryDimensionMistakeAtOnce() {
        let r = run("a = 1 GB + 1 s\nb = 2 TB -> hours\nc = 1")
        #expect(r.diagnostics.map(\.message) == ["cannot add Bytes and Time", "cannot convert Bytes to Time"])
    }

    @Test func longLinesAreCutAroundTheError() {
        let line = "x = " + String(repeating: "1 + ", count: 200) + "1 GB + 1 s"
        let r = run(line)
        let shown = r.rendered.split(separator: "\n")[3]
        #expect(shown.count < 120)
        #expect(shown.contains("…"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let r = run(String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000))
        #expect(r.first?.message == "expression is nested too deeply")
        let unary = run(String(repeating: "-", count: 50_000) + "1")
        #expect(unary.first?.message == "expression is nested too deeply")
    }

    @Test func runawayRecursionIsAnError() {
        let r = run("fn f(n) = f(n + 1)\nf(1)")
        #expect(r.first?.message == "recursion too deep")
        #expect(r.first?.stage == .limit)
    }

    @Test(arguments: [
        ("1e400", "number is too large"),
        ("1e308 * 10", "the result is too large"),
        ("5 GB / 0", "division by zero"),
        ("[1, 2][5]", "index 5 is out of range"),
        ("sqrt(-1)", "sqrt of a negative number is not a real number"),
        ("mean([])", "the mean of an empty list is undefined"),
        ("ln(0)", "ln is only defined for positive numbers"),
        ("(-8) ^ 0.5", "a negative number to a fractional power is not a real number"),
    ])
    func runtimeErrors(_ source: String, _ message: String) {
        #expect(run(source).first?.message == message)
    }

    @Test func garbageBytesGiveOneError() {
        let bytes: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        let d = withLargeStack { () -> [Diagnostic] in
            do { _ = try Parser.parse(SourceFile(name: "g", bytes: bytes), file: 0); return [] } catch {
                return (error as? DiagnosticList)?.diagnostics ?? []
            }
        }
        #expect(!d.isEmpty)
        #expect(d.count <= 20)
    }
}
