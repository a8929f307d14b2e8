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
