/// Lets options come before the subcommand: `headroom --json run f.plan` is read as
/// `headroom run --json f.plan`. ArgumentParser alone would take `run` for the file name.
enum Arguments {
    static let subcommands: Set<String> = ["run"]
    /// Options that take a value, so their value is not mistaken for the subcommand.
    static let withValue: Set<String> = ["-e", "--today"]

    static func normalize(_ args: [String]) -> [String] {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { return args }
            if subcommands.contains(a) {
                if i == 0 { return args }
                var out = args
                out.remove(at: i)
                return [a] + out
            }
            if !a.hasPrefix("-") || a == "-" { return args }
            i += withValue.contains(a) ? 2 : 1
        }
        return args
    }
}

extension HeadroomCommand {
    /// Entry point of the `headroom` executable.
    public static func start() {
        let arguments = Arguments.normalize(Array(CommandLine.arguments.dropFirst()))
        if let run = Run.quick(arguments) {
            // What `main` does with the command it parsed.
            do { try run.run() } catch { exit(withError: error) }
            return
        }
        main(arguments)
    }
}
