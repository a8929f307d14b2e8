import ArgumentParser
import HeadroomCore
import HeadroomExport
import HeadroomIO
import HeadroomMetrics
import HeadroomNotebook
import HeadroomPlanning
import HeadroomREPL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `headroom run FILE.plan`, `headroom -e EXPR`, or a program on stdin.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",  // named here, not found by reflection at each start
        abstract: "Run a plan file, -e expressions, or a program from stdin.")

    @ArgumentParser.Argument(help: ArgumentHelp("The .plan file to run; '-' reads stdin.", valueName: "file"))
    var file: String?

    // The next argument is the expression even when it starts with '-' (`-e '-(5 GB)'`).
    @Option(
        name: .customShort("e"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("Evaluate an expression and print it; repeat to run several in order.", valueName: "expr"))
    var expressions: [String] = []

    @Flag(
        name: .customShort("i"), help: "Run the file (and -e expressions), then open the prompt with their definitions."
    )
    var interactive = false

    @Option(
        help: ArgumentHelp(
            "Write the run as a notebook (Markdown with outputs and SVG charts; docs/notebooks.md) instead of printing it.",
            valueName: "out.md"))
    var notebook: String?

    @Option(
        help: ArgumentHelp(
            "Write the run as one self-contained HTML page (prose, code, tables, charts) instead of printing it.",
            valueName: "out.html"))
    var html: String?

    @Option(
        help: ArgumentHelp(
            "Write the capacity report the plan's report(...) made as JSON (docs/report.schema.json).",
            valueName: "out.json"))
    var report: String?

    @Option(
        help: ArgumentHelp(
            "With --report: compare with an earlier report and say what moved.", valueName: "last.json"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Write the alerting rules the plan's alerts(...) made as YAML (a PrometheusRule unless --alerts-format rules).",
            valueName: "out.yaml"))
    var alerts: String?

    @Option(
        name: .customLong("alerts-format"),
        help: ArgumentHelp(
            "prometheusrule (the Prometheus Operator's, default) or rules (a plain rule file).", valueName: "format"))
    var alertsFormat: String = Run.standardAlertsFormat
    static let standardAlertsFormat = AlertRulesYAML.Format.operator_.rawValue

    @Flag(help: "Print nothing but errors and failed asserts (for cron and CI).")
    var quiet = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        if since != nil, report == nil { throw ValidationError("--since needs --report") }
        guard let format = AlertRulesYAML.Format(rawValue: alertsFormat) else {
            throw ValidationError("--alerts-format is prometheusrule or rules, not '\(alertsFormat)'")
        }
        var output = self.output
        var fixedToday = try output.todaySeconds()
        var sources: [SourceFile] = []
        var book: (Notebook, FrontMatter?)?
        if let file, NotebookFiles.isNotebook(file) {
            // A notebook runs its plan blocks as a plan, on the day it was recorded.
            book = try NotebookFiles.read(file)
            if fixedToday == nil { fixedToday = book?.1?.today }
            output = NotebookFiles.options(output, header: book?.1, notebookPath: file)
            sources = book.map { NotebookFiles.sources($0.0, path: file) } ?? []
        } else if let file {
            if file == "-" {
                sources.append(SourceFile(name: "<stdin>", bytes: try Run.stdin()))
            } else {
                do { sources.append(SourceFile(name: file, bytes: try SystemIO.readFile(file))) } catch {
                    SystemIO.write("error: cannot read \(file): \(error.message)\n", to: .err)
                    throw ExitCode(66)
                }
            }
        }
        for (i, e) in expressions.enumerated() {
            sources.append(SourceFile(name: expressions.count == 1 ? "<-e>" : "<-e \(i + 1)>", text: e))
        }
        let color =
            !output.noColor && SystemIO.env("NO_COLOR") == nil && SystemIO.isTerminal(2)
            && SystemIO.env("TERM") != "dumb"
        let metrics = try output.metricsContext(now: fixedToday ?? SystemIO.now())
        // A replay answers as of its recording: today() is that day unless --today says otherwise.
        let today =
            fixedToday ?? (output.replay != nil ? metrics.snapshot.map { $0.recordedAt / 86_400 * 86_400 } : nil)
        if interactive || (sources.isEmpty && SystemIO.isTerminal(0)) {
            guard SystemIO.isTerminal(0) else {
                SystemIO.write("error: -i needs a terminal on standard input\n", to: .err)
                throw ExitCode(64)
            }
            if output.json { throw ValidationError("--json is for scripts; the prompt shows values as text") }
            let repl = Repl(
                today: today, color: color, environment: Run.environment(),
                builtins: { OutputOptions.builtins(metrics) },
                describeSource: { (MetricsBuiltins.context(in: $0) ?? metrics).describe },
                probeSource: { (MetricsBuiltins.context(in: $0) ?? metrics).probe(cancelled: { Interrupt.isSet }) },
                options: try output.displayOptions())
            for s in sources { repl.replSession.load(s) }
            throw ExitCode(repl.run())
        }
        if sources.isEmpty, book == nil { sources.append(SourceFile(name: "<stdin>", bytes: try Run.stdin())) }
        if notebook != nil || html != nil {
            guard let file, file != "-", expressions.isEmpty else {
                throw ValidationError("--notebook and --html need a plan or notebook file (not -e or standard input)")
            }
            try writeDocuments(from: file, book: book, today: today, metrics: metrics, options: output)
            return
        }
        let (ok, state) = Run.execute(
            sources, json: output.json, today: today, color: color, builtins: OutputOptions.builtins(metrics),
            options: try output.displayOptions(), quiet: quiet)
        SystemIO.flush()
        // A failed run writes no file: not the recording, the report or the alert rules.
        if !ok { throw ExitCode(1) }
        // What was recorded lives in the session's state.
        if let path = output.record, let snapshot = (MetricsBuiltins.context(in: state) ?? metrics).snapshot {
            do { try SystemIO.writeFile(path, String(decoding: snapshot.encoded(), as: UTF8.self) + "\n") } catch {
                SystemIO.write("error: cannot write \(path): \(error.message)\n", to: .err)
                throw ExitCode(1)
            }
        }
        if let path = report { try ReportFile.write(state, to: path, since: since, quiet: quiet) }
        if let path = alerts { try AlertsFile.write(state, to: path, format: format) }
        SystemIO.flush()
        Run.kept = state
    }

    /// The final state of a run, kept until the process ends: freeing a plan's values one by
    /// one (a list of a million is a million) is work the exit does at once.
    nonisolated(unsafe) private static var kept: SessionState?

    /// `--notebook out.md` and `--html out.html`: the plan (prose from `#'` lines) or
    /// notebook, run, with its outputs.
    func writeDocuments(
        from file: String, book: (Notebook, FrontMatter?)?, today: Int64?, metrics: MetricsContext,
        options output: OutputOptions
    ) throws {
        let doc: Notebook
        if let book {
            doc = book.0
        } else {
            let bytes: [UInt8]
            do { bytes = try SystemIO.readFile(file) } catch {
                SystemIO.write("error: cannot read \(file): \(error.message)\n", to: .err)
                throw ExitCode(66)
            }
            do {
                doc = try NotebookParser.parse(
                    PlanConversion.notebook(fromPlan: String(decoding: bytes, as: UTF8.self)))
            } catch {
                SystemIO.write("error: \(file): \(error.message)\n", to: .err)
                throw ExitCode(1)
            }
        }
        // Relative paths in the plan (replay, load, import) resolve from where the plan is.
        let result = NotebookFiles.run(
            doc, source: file, today: today, builtins: OutputOptions.builtins(metrics),
            options: try output.displayOptions())
        var extra: [Input] = []
        if let path = output.record, let snapshot = (MetricsBuiltins.context(in: result.state) ?? metrics).snapshot {
            let text = String(decoding: snapshot.encoded(), as: UTF8.self) + "\n"
            do { try SystemIO.writeFile(path, text) } catch {
                SystemIO.write("error: cannot write \(path): \(error.message)\n", to: .err)
                throw ExitCode(1)
            }
            extra.append(Input(name: path, sha256: NotebookRunner.sha256(Array(text.utf8))))
        }
        if let out = notebook {
            let written = NotebookWriter.write(
                doc, result, chartFolder: NotebookFiles.chartFolder(out),
                header: NotebookFiles.header(
                    result, notebookPath: out, extra: extra, replay: output.record ?? output.replay))
            try NotebookFiles.write(written, to: out)
        }
        if let out = html {
            let title = doc.title ?? (file.split(separator: "/").last.map(String.init) ?? file)
            let page = HTMLNotebook.render(
                doc, result,
                header: NotebookFiles.header(
                    result, notebookPath: out, extra: extra, replay: output.record ?? output.replay),
                title: title)
            do { try SystemIO.writeFile(out, page) } catch {
                SystemIO.write("error: cannot write \(out): \(error.message)\n", to: .err)
                throw ExitCode(1)
            }
        }
        if result.failed {
            let places = [notebook, html].compactMap { $0 }.joined(separator: " and ")
            SystemIO.write("error: some blocks failed; their errors are recorded in \(places)\n", to: .err)
            throw ExitCode(1)
        }
    }

    static func stdin() throws -> [UInt8] {
        do { return try SystemIO.readStdin() } catch {
            SystemIO.write("error: cannot read standard input: \(error.message)\n", to: .err)
            throw ExitCode(66)
        }
    }

    static func environment() -> [String: String] {
        var env: [String: String] = [:]
        for key in ["HEADROOM_HISTORY", "XDG_STATE_HOME", "HOME"] { env[key] = SystemIO.env(key) }
        return env
    }

    /// Runs sources in one session on a thread with a large stack. Returns false on error,
    /// and the session's final state.
    static func execute(
        _ sources: [SourceFile], json: Bool, today: Int64?, color: Bool, builtins: BuiltinRegistry,
        options: DisplayOptions = .standard, quiet: Bool = false
    ) -> (ok: Bool, state: SessionState) {
        withLargeStack(bytes: 1 << 30) {
            let host = CLIHost(json: json, today: today, options: options)
            host.quiet = quiet
            let session = Session(host: host, builtins: builtins, stackBudget: 512 << 20)
            for s in sources {
                do { try session.run(s) } catch let error as DiagnosticList {
                    SystemIO.flush()
                    let renderer = DiagnosticRenderer(sources: session.sources, color: color)
                    for d in error.diagnostics {
                        if json { SystemIO.write(JSONRenderer.error(d, sources: session.sources) + "\n", to: .out) }
                        SystemIO.write(renderer.render(d) + "\n", to: .err)
                    }
                    SystemIO.flush()
                    return (false, session.state)
                } catch { return (false, session.state) }
            }
            return (true, session.state)
        }
    }
}
