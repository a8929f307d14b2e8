import Testing

@testable import HeadroomCore

/// One operator table: a mistake found before running (the checker knows the types) and the
/// same mistake found while running (the types are hidden from the checker behind `map`,
/// whose items it cannot know) give the same code and the same words.
@Suite("Operator rules") struct OperatorRuleTests {
    /// (left, operator, right) written as plan text.
    static let mistakes: [(String, String, String)] = [
        ("5 GB", "+", "3 days"), ("5 GB", "<", "3 days"), ("5 GB", "-", "2"), ("2", "^", "3 GB"),
        ("2026-01-01", "+", "5 GB"), ("\"a\"", "*", "2"), ("true", "+", "1"), ("2026-01-01", "*", "2"),
        ("{a: 1}", "+", "1"), ("\"a\"", "<", "1"),
    ]

    @Test(arguments: mistakes) func checkerAndInterpreterAgree(_ l: String, _ op: String, _ r: String) {
        let before = run("\(l) \(op) \(r)")
        // `hide` returns its argument, but as an item of map's list the checker cannot type it.
        let during = run("fn hide(v) = map([v], x => x)[0]\nprint(\"ran\")\nhide(\(l)) \(op) hide(\(r))")
        #expect(before.first != nil)
        #expect(during.printed == ["ran"], "the second plan should fail only when it runs")
        #expect(before.first?.code == during.first?.code)
        #expect(before.first?.message == during.first?.message)
        #expect(before.first?.notes == during.first?.notes)
    }

    @Test func unaryAndLogicalRulesAgreeToo() {
        for text in ["not 5", "-\"a\"", "true and 5", "5 or true"] {
            let before = run(text)
            let hidden = text.replacingOccurrences(of: "5", with: "map([5], x => x)[0]")
                .replacingOccurrences(of: "\"a\"", with: "map([\"a\"], x => x)[0]")
            let during = run("print(\"ran\")\n" + hidden)
            #expect(before.first?.code != nil, "\(text)")
            #expect(during.printed == ["ran"], "\(hidden)")
            #expect(before.first?.code == during.first?.code, "\(text)")
            #expect(before.first?.message == during.first?.message, "\(text)")
        }
    }

    @Test func theTableItself() {
        let bytes = Dimension(base: "Bytes"), time = Dimension(base: "Time")
        guard case .success(.quantity(let d)?) = OperatorRules.result(.div, .quantity(bytes), .quantity(time)) else {
            Issue.record("Bytes / Time")
            return
        }
        #expect(d == bytes / time)
        guard case .failure(let e) = OperatorRules.result(.add, .quantity(bytes), .quantity(.none)) else {
            Issue.record("Bytes + number")
            return
        }
        #expect(e.code == .operatorDimension)
        #expect(e.message == "cannot add Bytes and plain number")
        if case .success(.date?) = OperatorRules.result(.sub, .date, .quantity(time)) {
        } else {
            Issue.record("date - time")
        }
        if case .success(nil) = OperatorRules.result(.pow, .quantity(bytes), .quantity(.none)) {
        } else {
            Issue.record("Bytes ^ n depends on n")
        }
    }
}
