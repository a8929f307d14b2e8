import ArgumentParser
import HeadroomCore
import HeadroomIO
import HeadroomNotebook
import HeadroomREPL

/// Notebooks on disk for `run` and `check`: reading one (errors with its line numbers),
/// running it, and writing it and its charts (each file atomically: temporary file, fsync,
/// rename).
enum NotebookFiles {
    static func isNotebook(_ path: String) -> Bool { path.hasSuffix(".md") || path.hasSuffix(".markdown") }

    /// Reads and parses a notebook; exits 66 when unreadable, 1 when malformed.
    static func read(_ path: String) throws -> (Notebook, FrontMatter?) {
        let bytes: [UInt8]
        do { bytes = try SystemIO.readFile(path) } catch {
            SystemIO.write("error: cannot read \(path): \(error.message)\n", to: .err)
            throw ExitCode(66)
        }
        do {
            let notebook = try NotebookParser.parse(String(decoding: bytes, as: UTF8.self))
            return (notebook, try FrontMatter.read(notebook))
        } catch let e as NotebookParser.Failure {
            SystemIO.write("error: \(path):\(e.line): \(e.message)\n", to: .err)
            throw ExitCode(1)
        } catch let e as FrontMatter.Failure {
            SystemIO.write("error: \(path):2: \(e.message)\n", to: .err)
            throw ExitCode(1)
        }
    }

    /// The code cells as sources named after the notebook, padded so line numbers are the
    /// notebook's.
    static func sources(_ notebook: Notebook, path: String) -> [SourceFile] {
        notebook.codeCells.map { SourceFile(name: path, text: notebook.source(of: $0)) }
    }

    /// The folder a notebook's charts go in: `capacity.files` beside `capacity.md`.
    static func chartFolder(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        return stem + ".files"
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// Runs `notebook` (read from `source`) in one session.
    static func run(
        _ notebook: Notebook, source: String, today: Int64?, builtins: BuiltinRegistry, options: DisplayOptions
    ) -> NotebookRunner.Result {
        withLargeStack(bytes: 1 << 30) {
            NotebookRunner.run(
                notebook, path: source, builtins: builtins, host: CLIHost(json: false, today: today, options: options),
                options: options)
        }
    }

    /// The header for a run: this Headroom, the day, and every file read, relative to the
    /// notebook's folder.
    static func header(
        _ result: NotebookRunner.Result, notebookPath: String, extra: [Input] = [], replay: String? = nil
    ) -> FrontMatter {
        let base = SystemIO.absolute(directory(notebookPath))
        func relative(_ p: String) -> String { SystemIO.relative(SystemIO.absolute(p), from: base) }
        var all = result.inputs + extra
        // The pinned snapshot is read by the metrics options, not the plan: its hash too.
        if let replay, !all.contains(where: { SystemIO.absolute($0.name) == SystemIO.absolute(replay) }),
            let bytes = try? SystemIO.readFile(replay)
        {
            all.append(Input(name: replay, sha256: NotebookRunner.sha256(bytes)))
        }
        let inputs = all.map { i in Input(name: relative(i.name), sha256: i.sha256) }
        return FrontMatter(version: Repl.version, today: result.today, inputs: inputs, replay: replay.map(relative))
    }

    /// The output options for re-running a notebook: its pinned snapshot (`replay:` in the
    /// header, beside the notebook) unless a server or another snapshot is given.
    static func options(_ o: OutputOptions, header: FrontMatter?, notebookPath: String) -> OutputOptions {
        guard let pinned = header?.replay, o.replay == nil, o.record == nil, o.prometheus == nil else { return o }
        var out = o
        out.replay = pinned.hasPrefix("/") ? pinned : directory(notebookPath) + "/" + pinned
        return out
    }

    /// Writes the notebook and its charts; exits 1 (having written nothing of the notebook
    /// itself) when a file cannot be written.
    static func write(_ written: NotebookWriter.Written, to path: String) throws {
        let dir = directory(path)
        do {
            if let first = written.files.first {
                SystemIO.makeDirectories(dir + "/" + directory(first.path))
            }
            for f in written.files { try SystemIO.writeFile(dir + "/" + f.path, f.svg) }
            try SystemIO.writeFile(path, written.text)
        } catch {
            SystemIO.write("error: cannot write \(path) and its charts: \(error.message)\n", to: .err)
            throw ExitCode(1)
        }
    }

    /// Says which recorded inputs have changed since (by SHA-256).
    static func compareInputs(recorded: FrontMatter?, now: FrontMatter) {
        guard let recorded else { return }
        for old in recorded.inputs {
            if let new = now.inputs.first(where: { $0.name == old.name }), new.sha256 != old.sha256 {
                SystemIO.write(
                    "note: \(old.name) has changed since the notebook was recorded (SHA-256 differs)\n", to: .err)
            }
        }
    }
}
