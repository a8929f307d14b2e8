import ArgumentParser

/// The commonest command lines, read without swift-argument-parser.
///
/// `headroom plan.plan`, `headroom -e EXPR` (repeated), both, `headroom run ...` of them, and
/// `headroom` alone are what cron jobs, scripts and people type most. The parser finds a
/// command's options by reflecting over it, its subcommands and its completion generator,
/// which costs about 2 ms at every start (a third of `headroom -e '1+1'`): the runtime
/// scans every protocol conformance in the binary for each type it asks about. These
/// command lines mean exactly one thing, so they become the `Run` the parser would have
/// made, with every other option at its default; anything else (any other option, `--`,
/// `-`, a subcommand's name, a second file) goes to the parser. `QuickArgumentsTests`
/// checks that both give the same command for every form accepted here.
extension Run {
    /// Words that are never taken for a plan file here: the subcommands and the parser's
    /// own `help`.
    static let reservedWords: Set<String> = ["run", "check", "help"]

    static func quick(_ arguments: [String]) -> Run? {
        var rest = arguments[...]
        if rest.first == "run" { rest = rest.dropFirst() }
        var file: String?
        var expressions: [String] = []
        while let word = rest.popFirst() {
            if word == "-e" {
                // The next word is the expression, whatever it looks like (as `-e` is declared).
                guard let expression = rest.popFirst() else { return nil }
                expressions.append(expression)
            } else if word.isEmpty || word.hasPrefix("-") || file != nil || reservedWords.contains(word) {
                return nil
            } else {
                file = word
            }
        }
        var run = Run()
        run.file = file
        run.expressions = expressions
        run.interactive = false
        run.notebook = nil
        run.html = nil
        run.report = nil
        run.since = nil
        run.alerts = nil
        run.alertsFormat = standardAlertsFormat
        run.quiet = false
        run.output = OutputOptions.standard
        return run
    }
}

extension OutputOptions {
    /// No output option given.
    static var standard: OutputOptions {
        var o = OutputOptions()
        o.json = false
        o.today = nil
        o.noColor = false
        o.digits = nil
        o.prometheus = nil
        o.timeout = nil
        o.insecure = false
        o.record = nil
        o.replay = nil
        return o
    }
}
