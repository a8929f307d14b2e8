import ArgumentParser
import HeadroomCore
import HeadroomIO
import HeadroomNotebook

/// `headroom check notebook.md`: re-runs every block and compares its output with the one
/// recorded. Exit 0 when all hold, 1 when any changed (each shown as a diff with the
/// notebook's line numbers); `--update` records the new outputs instead.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",  // named here, not found by reflection at each start
        abstract: "Re-run a notebook and check that its recorded outputs still hold.",
        discussion: """
            Exit status: 0 every output holds (or --update wrote them), 1 an output changed or \
            the notebook is malformed, 64 misuse, 66 the notebook cannot be read.
            """)

    @ArgumentParser.Argument(help: ArgumentHelp("The notebook (.md) to check.", valueName: "notebook"))
    var file: String

    @Flag(help: "Record the new outputs in the notebook (prose and code stay as they are).")
    var update = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        defer { SystemIO.flush() }
        // Options shared with `run` that check has no use for are refused, not ignored.
        if output.json { throw ValidationError("--json is for `headroom run`; check reports what changed as text") }
        if output.record != nil {
            throw ValidationError("--record is for `headroom run`; check re-runs a notebook on the inputs it names")
        }
        guard NotebookFiles.isNotebook(file) else {
            throw ValidationError("check takes a notebook (.md); run a plan with `headroom run`")
        }
        let (notebook, header) = try NotebookFiles.read(file)
        let output = NotebookFiles.options(self.output, header: header, notebookPath: file)
        let today = try output.todaySeconds() ?? header?.today
        let metrics = try output.metricsContext(now: today ?? SystemIO.now())
        let result = NotebookFiles.run(
            notebook, source: file, today: today, builtins: OutputOptions.builtins(metrics),
            options: try output.displayOptions())
        let newHeader = NotebookFiles.header(result, notebookPath: file, replay: output.replay)
        NotebookFiles.compareInputs(recorded: header, now: newHeader)
        if update {
            let written = NotebookWriter.write(
                notebook, result, chartFolder: NotebookFiles.chartFolder(file), header: newHeader)
            try NotebookFiles.write(written, to: file)
            return
        }
        let (sections, _) = NotebookWriter.sections(result, notebook, chartFolder: NotebookFiles.chartFolder(file))
        let changes = NotebookCheck.compare(notebook, sections: sections)
        let blocks = notebook.codeCells.count
        if changes.isEmpty {
            SystemIO.write("\(file): \(blocks) block\(blocks == 1 ? "" : "s"), every output holds\n", to: .out)
            return
        }
        for change in changes {
            SystemIO.write("\(file):\(change.line): the output of this block changed\n", to: .out)
            SystemIO.write(change.diff.joined(separator: "\n") + "\n", to: .out)
        }
        SystemIO.write(
            "\(file): \(changes.count) of \(blocks) block\(blocks == 1 ? "" : "s") changed (headroom check --update \(file) records the new outputs)\n",
            to: .out)
        throw ExitCode(1)
    }
}
