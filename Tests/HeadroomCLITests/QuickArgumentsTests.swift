import ArgumentParser
import Testing

@testable import HeadroomCLI

/// The commonest command lines skip swift-argument-parser (`Run.quick`): each must become
/// exactly the command the parser makes of it, and anything else must be left to the parser.
@Suite("Command lines read without the parser")
struct QuickArgumentsTests {
    @Test(arguments: [
        ["plan.plan"], ["-e", "1 + 1"], ["-e", "a = 2", "-e", "a * 3"], ["plan.plan", "-e", "x"],
        ["-e", "x", "plan.plan"], ["run", "plan.plan"], ["run", "-e", "2 GB"], ["-e", "-(5 GB)"],
        ["-e", "--help"], ["-e", "-e"], ["run"], [], ["examples/anton.plan"], ["some dir/my plan.plan"],
    ])
    func theSameCommandAsTheParserMakes(_ arguments: [String]) throws {
        let normalized = Arguments.normalize(arguments)
        let quick = try #require(Run.quick(normalized))
        let parsed = try #require(try HeadroomCommand.parseAsRoot(normalized) as? Run)
        #expect(quick.settings == parsed.settings)
    }

    @Test(arguments: [
        ["--json", "plan.plan"], ["plan.plan", "--quiet"], ["-i", "plan.plan"], ["--today", "2026-01-01", "-e", "1"],
        ["check", "book.md"], ["help"], ["--help"], ["--version"], ["-"], ["--", "plan.plan"], ["a.plan", "b.plan"],
        ["-e"], ["plan.plan", "-e"], [""], ["run", "check"], ["--generate-completion-script", "bash"],
        ["plan.plan", "--notebook", "out.md"],
    ])
    func everythingElseGoesToTheParser(_ arguments: [String]) {
        #expect(Run.quick(Arguments.normalize(arguments)) == nil)
    }
}

extension Run {
    /// Every option as the command will read it: what the tests compare.
    var settings: String {
        let o = output
        return """
            file=\(file ?? "nil") expressions=\(expressions) interactive=\(interactive) \
            notebook=\(notebook ?? "nil") html=\(html ?? "nil") report=\(report ?? "nil") \
            since=\(since ?? "nil") alerts=\(alerts ?? "nil") alertsFormat=\(alertsFormat) quiet=\(quiet) \
            json=\(o.json) today=\(o.today ?? "nil") noColor=\(o.noColor) digits=\(o.digits.map(String.init) ?? "nil") \
            prometheus=\(o.prometheus ?? "nil") timeout=\(o.timeout.map { "\($0)" } ?? "nil") \
            insecure=\(o.insecure) record=\(o.record ?? "nil") replay=\(o.replay ?? "nil")
            """
    }
}
