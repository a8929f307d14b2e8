import ArgumentParser
import CBuildInfo
import Foundation
import HeadroomCore
import HeadroomIO
import HeadroomMetrics
import HeadroomPlanning
import HeadroomREPL

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
            Make a notebook:   headroom run capacity.plan --notebook capacity.md
            Check a notebook:  headroom check capacity.md   (--update to record new outputs)

            Exit status: 0 success, 1 an error in the plan (or a failed assert, or an
            output that cannot be written), 64 command-line misuse, 66 a plan file that
            cannot be read.

            Environment: HEADROOM_PROMETHEUS_URL (the server), HEADROOM_PROMETHEUS_TOKEN_FILE
            (a bearer token, read from this file), HEADROOM_HISTORY (the prompt's history
            file, or off), HEADROOM_TODAY (as --today), KUBECTL and CEPH (the tools' paths),
            NO_COLOR (no colour, ASCII charts), COLUMNS (the width tables and charts use).
            """,
        version: HeadroomCommand.versionText,
        subcommands: [Run.self, Check.self],
        defaultSubcommand: Run.self)

    public init() {}

    /// `headroom --version`: the version and the commit it was built from.
    static var versionText: String { "headroom \(Repl.version) (commit \(String(cString: headroom_commit())))" }
}

/// Options every subcommand takes, before or after the subcommand name.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print each value as one JSON line (schema in docs/language.md).")
    var json = false

    @Option(help: ArgumentHelp("Use this date for today() (YYYY-MM-DD), for reproducible runs.", valueName: "date"))
    var today: String?

    @Flag(name: .customLong("no-color"), help: "Never colour diagnostics (NO_COLOR does the same).")
    var noColor = false

    @Option(help: ArgumentHelp("Significant digits of numbers shown (1 to 15, default 6).", valueName: "n"))
    var digits: Int?

    /// How values are shown: `--digits`, and the width tables wrap to (`COLUMNS`, else the
    /// terminal's width when standard output is one; no limit otherwise).
    func displayOptions() throws -> DisplayOptions {
        if let d = digits, !DisplayOptions.digitRange.contains(d) {
            throw ValidationError("--digits must be a whole number from 1 to 15")
        }
        let columns = SystemIO.env("COLUMNS").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        // Charts in ASCII under NO_COLOR or a locale that is not UTF-8.
        let locale = SystemIO.env("LC_ALL") ?? SystemIO.env("LC_CTYPE") ?? SystemIO.env("LANG") ?? ""
        let utf8 = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        return DisplayOptions(
            digits: digits ?? 6, width: columns ?? SystemIO.terminalColumns(1),
            ascii: SystemIO.env("NO_COLOR") != nil || !utf8)
    }

    @Option(
        help: ArgumentHelp(
            "The Prometheus-compatible server to query (else HEADROOM_PROMETHEUS_URL).", valueName: "url"))
    var prometheus: String?

    // Unconditional, so `--timeout -5` is refused as a timeout, not taken for an option.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seconds each metrics request may take (default 30).", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Do not verify the metrics server's TLS certificate (for self-signed test servers only).")
    var insecure = false

    @Option(help: ArgumentHelp("Store every metrics request and response in this JSON file.", valueName: "file"))
    var record: String?

    @Option(
        help: ArgumentHelp("Answer metrics requests from a file written by --record; no network.", valueName: "file"))
    var replay: String?

    /// The metrics context these options and the environment describe.
    func metricsContext(now: Int64) throws -> MetricsContext {
        var ctx = MetricsContext(timeout: timeout ?? 30)
        ctx.insecure = insecure
        if let t = timeout, !(t > 0 && t <= 86_400) {
            throw ValidationError("--timeout must be a positive number of seconds, at most 86400")
        }
        if record != nil, replay != nil { throw ValidationError("--record and --replay cannot be used together") }
        if let text = prometheus ?? SystemIO.env("HEADROOM_PROMETHEUS_URL") {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw ValidationError("not an http(s) URL: \(text)")
            }
            ctx.prometheusURL = url
        }
        if let tokenFile = SystemIO.env("HEADROOM_PROMETHEUS_TOKEN_FILE") {
            do { try ctx.useTokenFile(tokenFile) } catch { throw ValidationError(error.message) }
        }
        if let path = replay {
            let bytes: [UInt8]
            do { bytes = try SystemIO.readFile(path) } catch {
                throw ValidationError("cannot read \(path): \(error.message)")
            }
            do { ctx.startReplaying(try Snapshot.decode(Data(bytes)), name: path) } catch {
                throw ValidationError("\(path): \(error.message)")
            }
        }
        if record != nil { ctx.startRecording(now: now) }
        return ctx
    }

    /// The builtins a plan gets: core, planning, and metrics bound to `context`.
    static func builtins(_ context: MetricsContext) -> BuiltinRegistry {
        let r = BuiltinRegistry.standard()
        MetricsBuiltins.register(into: r, context: context)
        return r
    }

    func todaySeconds() throws -> Int64? {
        let text = today ?? SystemIO.env("HEADROOM_TODAY")
        guard let text else { return nil }
        guard let day = CivilDate.parse(text) else {
            throw ValidationError("--today wants a date like 2026-03-01, not '\(text)'")
        }
        return day
    }
}
