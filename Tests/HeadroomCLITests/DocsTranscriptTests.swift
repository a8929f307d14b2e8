import Foundation
import HeadroomCore
import HeadroomPlanning
import HeadroomREPL
import Testing

/// The shell and prompt transcripts in the README and docs/ are run, so they cannot drift
/// from what Headroom prints: a block that starts with `$ headroom ARGS` runs the built binary
/// with those arguments; one that starts with `$ headroom` alone is a prompt session whose
/// `headroom> ` entries are typed in order and whose output must match.
@Suite("Docs transcripts")
struct DocsTranscriptTests {
    struct Block: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var lines: [String]
        var description: String { "\(file):\(line)" }
    }

    static let blocks: [Block] = {
        var out: [Block] = []
        let docs = Binary.packageRoot.appendingPathComponent("docs")
        let names =
            ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 } + ["README.md"]
        for name in names {
            guard let text = try? String(contentsOf: Binary.packageRoot.appendingPathComponent(name), encoding: .utf8)
            else { continue }
            var current: Block?
            var inFence = false
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("```") {
                    if inFence {
                        if let b = current, b.lines.first?.hasPrefix("$ headroom") == true { out.append(b) }
                        current = nil
                    } else if line == "```" {
                        current = Block(file: name, line: i + 2, lines: [])
                    }
                    inFence.toggle()
                } else {
                    current?.lines.append(String(line))
                }
            }
        }
        return out
    }()

    @Test func thereAreTranscripts() {
        #expect(Self.blocks.count >= 3)
    }

    @Test(arguments: blocks) func transcriptMatches(_ b: Block) throws {
        let command = b.lines[0].dropFirst(2)  // "headroom ..."
        if command == "headroom" {
            try prompt(b)
            return
        }
        let args = try Self.shellWords(String(command.dropFirst("headroom".count)))
        let r = try Binary.run(args)
        let shown = (r.stdout + r.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var expected = Array(b.lines.dropFirst())
        var actual = shown
        while actual.last == "" { actual.removeLast() }
        while expected.last == "" { expected.removeLast() }
        #expect(actual == expected, "\(b)")
    }

    /// A prompt session: each `headroom> ` line (with its `...> ` continuations) is typed; what
    /// the prompt prints until the next one must be the lines that follow it.
    func prompt(_ b: Block) throws {
        var entries: [(input: String, output: [String])] = []
        for line in b.lines.dropFirst() {
            if line.hasPrefix("headroom> ") {
                entries.append((String(line.dropFirst("headroom> ".count)), []))
            } else if let r = line.range(of: "...> "), line[..<r.lowerBound].allSatisfy({ $0 == " " }), !entries.isEmpty
            {
                entries[entries.count - 1].input += "\n" + line[r.upperBound...]
            } else if !entries.isEmpty {
                entries[entries.count - 1].output.append(line)
            }
        }
        final class Output: @unchecked Sendable { var text = "" }
        let o = Output()
        let r = ReplSession(
            today: CivilDate.daysFromCivil(2026, 11, 29) * 86_400, color: false, builtins: { .standard() },
            out: { o.text += $0 }, err: { o.text += $0 })
        var expected: [String] = [], actual: [String] = []
        for e in entries {
            o.text = ""
            r.submit(e.input)
            actual += o.text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            expected += e.output.filter { !$0.isEmpty }
        }
        #expect(actual == expected, "\(b)")
    }

    /// Splits a command line the way the shell would for these examples: words, 'single' and
    /// "double" quotes.
    static func shellWords(_ s: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
