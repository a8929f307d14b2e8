import Foundation
import Testing

@testable import HeadroomCore

/// grammar/plan.ebnf and the parser agree: every production carries an example, and every
/// example parses without a diagnostic.
@Suite("Grammar") struct GrammarTests {
    static let grammar: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../grammar/plan.ebnf")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// (production, its example), in the file's order.
    static let productions: [(name: String, example: String?)] = {
        var out: [(String, String?)] = []
        for line in grammar.split(separator: "\n", omittingEmptySubsequences: false) {
            if let m = line.firstMatch(of: /^([A-Za-z_][A-Za-z_0-9]*)\s+=/) {
                out.append((String(m.output.1), nil))
            } else if let m = line.firstMatch(of: /^\(\* example: (.*) \*\)$/), !out.isEmpty {
                out[out.count - 1].1 = String(m.output.1)
            }
        }
        return out
    }()

    @Test func everyProductionHasAnExample() {
        #expect(Self.productions.count >= 35)
        for p in Self.productions { #expect(p.example != nil, "\(p.name) has no example") }
    }

    @Test(arguments: productions.compactMap { p in p.example.map { "\(p.name): \($0)" } })
    func exampleParses(_ entry: String) {
        let example = String(entry.drop { $0 != ":" }.dropFirst(2))
        let text = example.replacingOccurrences(of: "\\n", with: "\n")
        do {
            _ = try Parser.parse(SourceFile(name: "grammar", text: text), file: 0)
        } catch let e as DiagnosticList {
            Issue.record("\(entry): \(e.diagnostics.map(\.message))")
        } catch {
            Issue.record("\(entry): \(error)")
        }
    }

    /// The disagreements that were found once, kept fixed.
    @Test func disagreementsStayFixed() {
        // A field name is fixed text: an interpolation in it is an error, not dropped.
        #expect(run("{\"a{1}\": 2}").first?.code == .badInterpolation)
        #expect(value("{\"a\\{1}\": 2}") == "{a{1}: 2}")
        // Trailing commas: lambdas as params, calls, lists and records.
        #expect(value("f = (a, b,) => a + b\nf(1, 2)") == "3")
        #expect(value(".5 + 1") == "1.5")
    }
}
