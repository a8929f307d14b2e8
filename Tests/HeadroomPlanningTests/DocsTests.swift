import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning
import Testing

/// The docs are part of the feature: their examples run here.
///
/// In ```plan blocks of docs/*.md, a line ending in `# => TEXT` must show TEXT; every block
/// must run without error unless its first line is `# error: MESSAGE`, in which case it
/// must fail with that message.
@Suite("Docs")
struct DocsTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func read(_ path: String) -> String {
        guard let f = fopen(root + "/" + path, "rb") else { return "" }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes += buf[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ path: String, _ text: String) {
        guard let f = fopen(root + "/" + path, "wb") else { return }
        fputs(text, f)
        fclose(f)
    }

    /// ```plan blocks: (first line number in the doc, code).
    static func blocks(_ doc: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var current: [String]? = nil
        var start = 0
        for (i, line) in doc.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.hasPrefix("```plan") { current = []; start = i + 2; continue }
            if current != nil, line.hasPrefix("```") {
                out.append((start, current!.joined(separator: "\n"))); current = nil; continue
            }
            current?.append(String(line))
        }
        return out
    }

    final class SpanHost: PlanHost {
        var shown: [(Span, String)] = []
        func show(_ value: Value, span: Span) { shown.append((span, ValueFormatter.display(value))) }
        func print(_ values: [Value]) {}
        func now() -> Int64 { CivilDate.daysFromCivil(2026, 11, 29) * 86_400 }
        func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
            let text =
                DocsTests.read("examples/" + path).isEmpty
                ? DocsTests.read("Tests/Fixtures/" + path) : DocsTests.read("examples/" + path)
            if text.isEmpty { throw HostError("no such file") }
            return (path, Array(text.utf8))
        }
        func isCancelled() -> Bool { false }
    }

    /// Every page in docs/ and the README: a new page's examples run without being listed.
    static let pages: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/docs")) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 } + ["README.md"]

    @Test func everyPageIsFound() {
        #expect(DocsTests.pages.contains("docs/language.md") && DocsTests.pages.count > 10)
    }

    @Test(arguments: DocsTests.pages)
    func examplesInDocsRun(_ path: String) {
        let doc = DocsTests.read(path)
        #expect(!doc.isEmpty, "\(path) is missing")
        for (line, code) in DocsTests.blocks(doc) {
            withLargeStack {
                let host = SpanHost()
                let session = Session(host: host, builtins: DocsTests.registry())
                let file = SourceFile(name: path, text: code)
                let expectedError =
                    code.hasPrefix("# error: ") ? String(code.split(separator: "\n")[0].dropFirst(9)) : nil
                do {
                    try session.run(file)
                    #expect(expectedError == nil, "\(path):\(line): expected an error")
                } catch let error as DiagnosticList {
                    #expect(
                        expectedError == error.diagnostics.first?.message,
                        "\(path):\(line): \(DiagnosticRenderer(sources: session.sources).render(error.diagnostics))")
                } catch {}
                for (n, text) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let r = text.range(of: "# => ") else { continue }
                    let want = String(text[r.upperBound...])
                    let got = host.shown.filter { file.location(of: $0.0.end).line == n + 1 }.map(\.1)
                    #expect(got == [want], "\(path):\(line + n): expected \(want), got \(got)")
                }
            }
        }
    }

    @Test func builtinReferenceIsCurrent() {
        let generated = BuiltinDocs.markdown(DocsTests.registry(), intro: DocsTests.intro, appendix: Formulas.markdown)
        if (getenv("HEADROOM_RECORD").map { String(cString: $0) }) == "1" {
            DocsTests.write("docs/builtins.md", generated)
        }
        #expect(DocsTests.read("docs/builtins.md") == generated, "run HEADROOM_RECORD=1 swift test --filter Docs")
    }

    @Test func errorReferenceIsCurrent() {
        let generated = ErrorDocs.markdown(DocsTests.registry())
        if (getenv("HEADROOM_RECORD").map { String(cString: $0) }) == "1" {
            DocsTests.write("docs/errors.md", generated)
        }
        #expect(DocsTests.read("docs/errors.md") == generated, "run HEADROOM_RECORD=1 swift test --filter Docs")
    }

    /// Each code's example gives that code first, and every code has an example or says when
    /// it happens.
    @Test(arguments: DiagnosticCode.allCases) func errorExampleGivesItsCode(_ code: DiagnosticCode) {
        #expect(code.example != nil || code.situation != nil)
        guard let example = code.example else { return }
        let (_, diagnostics) = ErrorDocs.run(example, DocsTests.registry())
        #expect(diagnostics.first?.code == code, "\(code.rawValue): \(diagnostics.first?.message ?? "no error")")
    }

    /// Everything `headroom` offers: core, planning, and metrics (with no server configured).
    static func registry() -> BuiltinRegistry {
        let r = BuiltinRegistry.standard()
        MetricsBuiltins.register(into: r, context: MetricsContext())
        return r
    }

    static let intro = BuiltinDocs.intro
}
