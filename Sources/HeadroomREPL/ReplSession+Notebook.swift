import HeadroomCore
import HeadroomIO
import HeadroomNotebook

/// `:save session.md`: the session's successful entries as a notebook, one block each, run
/// again in a fresh session so each block's output (tables, charts) is recorded beside it.
extension ReplSession {
    func saveNotebook(_ path: String) -> Outcome {
        let notebook: Notebook
        do { notebook = try NotebookParser.parse(transcript.notebook(savedAt: path)) } catch {
            err(paint("error", "1;31") + ": cannot make a notebook of this session: \(error.message)\n")
            return .failed
        }
        let result = withLargeStack(bytes: 1 << 30) {
            NotebookRunner.run(
                notebook, path: path, builtins: self.makeBuiltins(), host: self.host, options: self.host.options)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let folder = String(name.dropLast(3)) + ".files"
        let written = NotebookWriter.write(
            notebook, result, chartFolder: folder,
            header: FrontMatter(version: Repl.version, today: result.today, inputs: result.inputs))
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        do {
            if !written.files.isEmpty { SystemIO.makeDirectories(dir + "/" + folder) }
            for f in written.files { try SystemIO.writeFile(dir + "/" + f.path, f.svg) }
            try SystemIO.writeFile(path, written.text)
        } catch {
            err(paint("error", "1;31") + ": cannot write \(path): \(error.message)\n")
            return .failed
        }
        let charts = written.files.count
        out(
            "saved \(transcript.count) entr\(transcript.count == 1 ? "y" : "ies") to \(path)"
                + (charts > 0 ? " with \(charts) chart\(charts == 1 ? "" : "s") in \(folder)" : "") + "\n")
        return .ok
    }
}
