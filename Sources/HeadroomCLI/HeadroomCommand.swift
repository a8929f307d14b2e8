import ArgumentParser
import HeadroomCore
import HeadroomIO

/// `headroom`: the root command. With no subcommand it behaves as `headroom run`.
public struct HeadroomCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "Capacity planning in a small language with units.",
        discussion: """
            The prompt:        headroom                 (with a terminal; :help there)
            Run a plan:        headroom capacity.plan   (or: headroom run capacity.plan)
            Plan, then prompt: headroom -i capacity.plan
            Evaluate:          headroom -e '2 TB -> TiB'
            From stdin:        echo '3 * 64 GiB' | headroom

            Exit status: 0 success, 1 an error in the plan, 64 command-line misuse.
            """,
        version: "0.1.0",
        subcommands: [Run.self],
        defaultSubcommand: Run.self)

    public init() {}
}

/// Options every subcommand takes, before or after the subcommand name.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print each value as one JSON line (schema in docs/language.md).")
    var json = false

    @Option(help: ArgumentHelp("Use this date for today() (YYYY-MM-DD), for reproducible runs.", valueName: "date"))
    var today: String?

    @Flag(name: .customLong("no-color"), help: "Never colour diagnostics (NO_COLOR does the same).")
    var noColor = false

    func todaySeconds() throws -> Int64? {
        let text = today ?? SystemIO.env("HEADROOM_TODAY")
        guard let text else { return nil }
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for i in r { guard b[i] >= 48, b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard b.count == 10, b[4] == 45, b[7] == 45, let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d) else {
            throw ValidationError("--today wants a date like 2026-03-01, not '\(text)'")
        }
        return CivilDate.daysFromCivil(y, m, d) * 86_400
    }
}
