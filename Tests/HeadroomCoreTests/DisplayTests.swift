import Testing

@testable import HeadroomCore

/// The display rules and the document model: one place decides how a value reads, and
/// every backend prints the same document.
@Suite("Display rules")
struct DisplayTests {
    func shown(_ text: String, _ o: DisplayOptions = .standard) -> String {
        let r = run(text)
        guard r.ok else { return "error: \(r.first?.message ?? "")" }
        return run(text).diagnostics.isEmpty ? lastValue(text).map { ValueFormatter.display($0, options: o) } ?? "" : ""
    }

    func lastValue(_ text: String) -> Value? {
        withLargeStack {
            let host = MemoryHost()
            let session = Session(host: host, stackBudget: 64 << 20)
            try? session.run(SourceFile(name: "t.plan", text: text))
            return host.shown.last
        }
    }

    @Test(arguments: [
        ("1223830000000 B", "1.22383 TB"), ("1223830000000 B -> B", "1.22383e12 B"),
        ("2 TiB * 1024 * 1024", "2 EiB"), ("1500 GB", "1500 GB"), ("999999 B", "999999 B"),
        ("$1500 / 36 months", "$41.67/month"), ("$0.004", "$0.004"), ("€2 / 1 GB", "€2/GB"),
        ("2 TB -> TiB", "1.81899 TiB"), ("123456789", "123456789"),
    ])
    func quantities(_ text: String, _ expected: String) {
        #expect(shown(text) == expected)
    }

    @Test func digitsCanBeSet() {
        let o = DisplayOptions(digits: 3)
        #expect(shown("2 TB -> TiB", o) == "1.82 TiB")
        #expect(shown("1223830000000 B", o) == "1.22 TB")
        #expect(shown("1 / 3", DisplayOptions(digits: 12)) == "0.333333333333")
    }

    static let table =
        "[{name: \"a\", runway: 3.5 months, cost: $10, share: 10%}, {name: \"b\", runway: 12 months, cost: $20, share: 20%}]"

    /// A column whose cells share a plain unit shows it once, in the header; money and
    /// percentages stay in their cells.
    @Test func sharedUnitsMoveToTheHeader() {
        let t = shown(Self.table)
        #expect(t.split(separator: "\n").first == "name  runway (months)  cost  share")
        #expect(t.contains("  3.5  ") && t.contains("$10") && t.contains("10%"))
    }

    /// Wider than the width, whole columns move to a further block that repeats the key column.
    @Test func wideTablesWrapWholeColumns() {
        let o = DisplayOptions(width: 24)
        let t = shown(Self.table, o)
        let blocks = t.components(separatedBy: "\n\n")
        #expect(blocks.count == 2, "\(t)")
        for b in blocks {
            for line in b.split(separator: "\n") { #expect(line.count <= 24, "\(line)") }
            #expect(b.hasPrefix("name"))
        }
        // No cell is cut: every value is still there whole.
        for cell in ["3.5", "12", "$10", "$20", "10%", "20%"] { #expect(t.contains(cell)) }
    }

    @Test func roundWorksOnRecordsListsAndTables() {
        #expect(shown("round({a: 1.26 GB, b: \"x\"}, 1)") == "{a: 1.3 GB, b: \"x\"}")
        #expect(shown("round([1.26, 2.34], 1)") == "[1.3, 2.3]")
        #expect(shown("round([{a: 1.26}, {a: 2.34}], 1)[1].a") == "2.3")
    }

    @Test func printShowsAListAsAList() {
        let r = run("print([1 GB, 2 GB], \"x\")\nprint(\"one\")")
        #expect(r.printed == ["[1 GB, 2 GB] x", "one"])
    }

    /// Every backend prints the same document: the terminal shows a chart by its summary,
    /// with the sparkline the render layer made.
    @Test func seriesBecomeCharts() {
        let gb = UnitProduct(UnitAtom.builtin("GB"))
        let v = Value.series(Series(times: [0, 86_400, 172_800], values: [1e9, 2e9, 4e9], unit: gb))
        guard case .chart(let c) = Render.block(v) else {
            Issue.record("not a chart")
            return
        }
        #expect(c.unit == "GB")
        #expect(c.summary.hasSuffix("▁▃█"))
        #expect(TextBackend.render(.chart(c)) == ValueFormatter.display(v))
    }
}
