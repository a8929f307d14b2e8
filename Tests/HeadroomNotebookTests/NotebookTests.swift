import Foundation
import FoundationXML
import HeadroomCore
import HeadroomPlanning
import Testing

@testable import HeadroomNotebook

/// Runs notebook text with the standard builtins on a fixed day.
func runNotebook(_ text: String, files: [String: String] = [:]) throws -> (Notebook, NotebookRunner.Result) {
    let notebook = try NotebookParser.parse(text)
    let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
    host.files = files
    let result = withLargeStack {
        NotebookRunner.run(notebook, path: "nb.md", builtins: .standard(), host: host, stackBudget: 100 << 20)
    }
    return (notebook, result)
}

@Suite("Notebook format")
struct NotebookFormatTests {
    static let text = """
        # Title

        Some prose.

        ```plan
        x = 2 GB * 3
        x
        ```

        More prose with a fence of another language:

        ```sh
        echo not code
        ```

        ```plan tolerance=1% name=growth
        s = series([1, 2, 4] GB, start: 2026-01-01, step: 1 day)
        s
        ```

        """

    @Test func cellsAreProseCodeAndOutputs() throws {
        let nb = try NotebookParser.parse(Self.text)
        #expect(nb.codeCells.count == 2)
        #expect(nb.codeCells[1].tolerance == 0.01)
        #expect(nb.codeCells[1].name == "growth")
        #expect(nb.title == "Title")
        // The code keeps the notebook's line numbers: x is on line 6.
        #expect(
            nb.source(of: nb.codeCells[0]).split(separator: "\n", omittingEmptySubsequences: false)[5] == "x = 2 GB * 3"
        )
    }

    @Test func malformedNotebooksSayWhere() {
        func failure(_ text: String) -> NotebookParser.Failure? {
            do { _ = try NotebookParser.parse(text); return nil } catch { return error }
        }
        #expect(failure("# T\n\n```plan\nx = 1\n")?.line == 3)
        #expect(
            failure("# T\n\n```plan\nx = 1\n")?.message == "this 'plan' block is never closed (no ``` line after it)")
        #expect(failure("```plan\n1\n```\n<!-- output -->\n```output\n1\n```\n")?.line == 4)
        #expect(failure("---\ntoday: 2026-11-29\n# no end\n")?.line == 1)
    }

    @Test func aPlanBecomesANotebook() throws {
        let plan = "#' # Storage\n#'\n#' Prose.\nx = 1 GB\n# a comment stays\nx\n\n#' More.\n\n\ny = 2\n"
        let md = PlanConversion.notebook(fromPlan: plan)
        #expect(
            md
                == "# Storage\n\nProse.\n\n```plan\nx = 1 GB\n# a comment stays\nx\n```\n\nMore.\n\n```plan\ny = 2\n```\n"
        )
        #expect(try NotebookParser.parse(md).codeCells.count == 2)
    }
}

@Suite("Notebook runs and checks")
struct NotebookRunTests {
    @Test func outputsAreRecordedAndHold() throws {
        let (nb, result) = try runNotebook(NotebookFormatTests.text)
        let header = FrontMatter(version: "test", today: result.today, inputs: result.inputs)
        let written = NotebookWriter.write(nb, result, chartFolder: "nb.files", header: header)
        #expect(written.text.contains("<!-- output -->\n```output\n6 GB\n```\n<!-- end output -->"))
        #expect(written.text.contains("![s](nb.files/growth.svg)"))
        #expect(written.files.map(\.path) == ["nb.files/growth.svg"])
        #expect(written.text.hasPrefix("---\nheadroom: test\ntoday: 2026-11-29\n---\n\n# Title\n"))
        // Written, re-read and re-run: every output holds.
        let (again, rerun) = try runNotebook(written.text)
        let sections = NotebookWriter.sections(rerun, again, chartFolder: "nb.files").sections
        #expect(NotebookCheck.compare(again, sections: sections).isEmpty)
        // Prose and code lines are kept byte for byte.
        for line in NotebookFormatTests.text.split(separator: "\n") { #expect(written.text.contains(line)) }
        // Writing again changes nothing.
        let twice = NotebookWriter.write(again, rerun, chartFolder: "nb.files", header: header)
        #expect(twice.text == written.text)
    }

    @Test func aChangedNumberIsADiffWithTheNotebooksLines() throws {
        let (nb, result) = try runNotebook(NotebookFormatTests.text)
        let written = NotebookWriter.write(
            nb, result, chartFolder: "nb.files", header: FrontMatter(version: "t", today: nil, inputs: []))
        let edited = written.text.replacingOccurrences(of: "\n6 GB\n", with: "\n7 GB\n")
        let (again, rerun) = try runNotebook(edited)
        let changes = NotebookCheck.compare(
            again, sections: NotebookWriter.sections(rerun, again, chartFolder: "nb.files").sections)
        #expect(changes.count == 1)
        let line = edited.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "7 GB").map { $0 + 1 }
        #expect(
            changes.first?.diff == [
                "@@ -\((line ?? 0) - 1),3 +\((line ?? 0) - 1),3 @@", " ```output", "-7 GB", "+6 GB", " ```",
            ])
        #expect(changes.first?.line == (again.codeCells.first?.lines.lowerBound ?? -1) + 1)
    }

    @Test func toleranceLetsNumbersMoveALittle() {
        #expect(NotebookCheck.close("runway: 23.4 months (1,000 GB)", "runway: 23.5 months (1,004 GB)", 0.01))
        #expect(!NotebookCheck.close("runway: 23.4 months", "runway: 25 months", 0.01))
        #expect(!NotebookCheck.close("runway: 23.4 months", "runway: 23.4 days", 0.01))
        #expect(NotebookCheck.tokens("1.5e-3 GB, -2") == [.number(1.5e-3), .text(" GB, -"), .number(2)])
    }

    @Test func errorsAreOutputsWithTheNotebooksLineNumbers() throws {
        let (_, result) = try runNotebook("# T\n\n```plan\nx = 1 GB + 2 days\n```\n")
        guard case .error(let text)? = result.cells.first?.first else {
            Issue.record("no error: \(result.cells)")
            return
        }
        #expect(text.contains("--> nb.md:4:"), "\(text)")
        #expect(result.failed)
    }

    @Test func inputsAreRecordedWithTheirSHA256() throws {
        let (_, result) = try runNotebook(
            "```plan\nu = load(\"u.csv\", unit: GB)\n```\n", files: ["u.csv": "time,used\n2026-01-01,1\n2026-01-02,2\n"]
        )
        #expect(result.inputs.map(\.name) == ["u.csv"])
        // sha256sum of the file's bytes.
        #expect(
            result.inputs.first?.sha256 == NotebookRunner.sha256(Array("time,used\n2026-01-01,1\n2026-01-02,2\n".utf8)))
        #expect(
            NotebookRunner.sha256(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func frontMatterKeepsTheAuthorsKeys() throws {
        let nb = try NotebookParser.parse("---\ntitle: \"Plan: Q3\"\ntoday: 2026-01-02\nheadroom: 0.0.1\n---\n\n# T\n")
        let fm = try #require(try FrontMatter.read(nb))
        #expect(fm.today == CivilDate.daysFromCivil(2026, 1, 2) * 86_400)
        let merged = FrontMatter(version: "0.2", today: fm.today, inputs: [Input(name: "a b.json", sha256: "00")])
            .merged(into: Array(nb.lines[0..<(nb.frontMatterEnd ?? 0)]))
        #expect(
            merged == [
                "---", "title: \"Plan: Q3\"", "headroom: 0.2", "today: 2026-01-02", "inputs:", "  - file: a b.json",
                "    sha256: 00", "---",
            ])
    }
}

@Suite("SVG charts")
struct SVGChartTests {
    static let plan = """
        ```plan name=runway
        s = series([100, 104, 109, 111, 118, 121, 127, 126, 134, 139] GB, start: 2026-01-01, step: 1 day)
        plot(s, 20 days, capacity: 250 GB, threshold: 70%)
        ```
        """

    @Test func chartsParseAsXMLWithEveryLayer() throws {
        let (nb, result) = try runNotebook(Self.plan)
        let files = NotebookWriter.sections(result, nb, chartFolder: "c").files
        let svg = try #require(files.first?.svg)
        final class Classes: NSObject, XMLParserDelegate {
            var classes: Set<String> = []
            func parser(
                _ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                for c in (attributes["class"] ?? "").split(separator: " ") { classes.insert(String(c)) }
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let delegate = Classes()
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        for layer in ["history", "forecast", "band", "threshold", "mark", "legend"] {
            #expect(delegate.classes.contains(layer), "no \(layer) layer")
        }
        #expect(svg.contains("70% of capacity") && svg.contains("capacity 250 GB") && svg.contains("reached 2026-01-"))
        #expect(!svg.contains("http://") || svg.components(separatedBy: "http").count == 2)
    }

    @Test func theSamePlanGivesTheSameBytes() throws {
        let a = try runNotebook(Self.plan), b = try runNotebook(Self.plan)
        #expect(
            NotebookWriter.sections(a.1, a.0, chartFolder: "c").files.map(\.svg)
                == NotebookWriter.sections(b.1, b.0, chartFolder: "c").files.map(\.svg))
    }

    @Test func axesStepNicely() {
        #expect(SVGChart.niceStep(7.3) == 10)
        #expect(SVGChart.niceStep(0.21) == 0.25)
        #expect(SVGChart.niceStep(1800) == 2000)
        #expect(SVGChart.n(-0.04) == "0" || SVGChart.n(-0.04) == "-0")
        #expect(SVGChart.n(12.34) == "12.3")
    }
}

@Suite("Records with tables in notebooks")
struct RecordSectionTests {
    /// A report or a budget: its other fields as text, then each table under its field's name
    /// as a Markdown table (with bars where the display rule draws them).
    @Test func aBudgetIsTextThenItsTables() throws {
        let (nb, result) = try runNotebook(
            """
            ```plan
            budget([milestone(2026-Q1, "Storage", "Disks", $1200), milestone(2027-Q2, "Compute", "Node", $2000)])
            ```
            """)
        let lines = NotebookWriter.sections(result, nb, chartFolder: "b").sections[0]
        let text = lines.joined(separator: "\n")
        #expect(
            text.contains("**by\\_year**\n\n| year | total | items |\n|---:|---:|---:|\n| 2026 | $1,200 | 1 |"),
            "\(text)")
        #expect(text.hasPrefix("```output\n{\n  total:"), "\(text)")
        #expect(text.contains("![budget"), "\(text)")
    }
}

@Suite("Diffs of long outputs")
struct LongDiffTests {
    /// Two 2,000-line outputs differing in one line: the changed middle, not a 4-million-cell table.
    @Test func longOutputsDiffByTheirChangedMiddle() {
        let a = (0..<2000).map { "row \($0)" }
        var b = a
        b[1500] = "row changed"
        let d = NotebookCheck.unified(a, b, firstLine: 10)
        #expect(d == ["@@ -1510,1 +1510,1 @@", "-row 1500", "+row changed"])
    }
}
