import Crypto
import HeadroomCore

/// What one code cell produced, in order.
public enum OutputItem: Sendable {
    /// A shown value's document, and a label for its chart file (the expression's text).
    case block(Block, label: String)
    /// A `print` line.
    case printed(String)
    case note(String)
    /// The cell failed: the diagnostic as the terminal shows it (no colour).
    case error(String)
}

/// A file the run read (a snapshot, a CSV, an import), with its SHA-256: what a re-run needs.
public struct Input: Sendable, Equatable {
    public var name: String
    public var sha256: String
    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}

/// Runs a notebook's code cells in order in one session, as a plan, collecting each cell's
/// outputs. A cell that fails records its error and the run goes on (later cells may fail
/// for want of its definitions), unless `stopAtError`.
public enum NotebookRunner {
    public struct Result: Sendable {
        public var cells: [[OutputItem]]
        public var inputs: [Input]
        /// The day `today()` answered with.
        public var today: Int64
        /// The session's state after the last block (what metrics were recorded, say).
        public var state: SessionState
        public var failed: Bool {
            cells.contains { items in items.contains { if case .error = $0 { true } else { false } } }
        }
    }

    public static func run(
        _ notebook: Notebook, path: String, builtins: BuiltinRegistry, host base: PlanHost,
        options: DisplayOptions = .standard, stopAtError: Bool = false, stackBudget: UInt = 512 << 20
    ) -> Result {
        let host = CapturingHost(base, options: options)
        let session = Session(host: host, builtins: builtins, stackBudget: stackBudget)
        var cells: [[OutputItem]] = []
        for code in notebook.codeCells {
            host.items = []
            host.labels = { span in session.sources[span.file]?.text(span) ?? "" }
            do { try session.run(SourceFile(name: path, text: notebook.source(of: code))) } catch {
                let renderer = DiagnosticRenderer(sources: session.sources, color: false)
                var text = error.diagnostics.map { renderer.render($0) }.joined(separator: "\n")
                while text.hasSuffix("\n") { text.removeLast() }
                host.items.append(.error(text))
                cells.append(host.items)
                if stopAtError { break }
                continue
            }
            cells.append(host.items)
        }
        return Result(cells: cells, inputs: host.inputs, today: base.now() / 86_400 * 86_400, state: session.state)
    }

    /// The SHA-256 of `bytes`, in hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef")
        return String(SHA256.hash(data: bytes).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] })
    }

    /// The host a notebook runs under: outputs go to the cell, the rest to the real host;
    /// every file read is remembered with its SHA-256.
    final class CapturingHost: PlanHost {
        let base: PlanHost
        let options: DisplayOptions
        var items: [OutputItem] = []
        var inputs: [Input] = []
        var labels: (Span) -> String = { _ in "" }

        init(_ base: PlanHost, options: DisplayOptions) {
            self.base = base
            self.options = options
        }

        func show(_ value: Value, span: Span) {
            items.append(.block(Render.block(value, options), label: labels(span)))
        }
        func print(_ values: [Value]) { items.append(.printed(Render.printLine(values, options))) }
        func note(_ text: String) {
            // Once per cell, as the terminal says it once per run.
            if !items.contains(where: { if case .note(let t) = $0 { t == text } else { false } }) {
                items.append(.note(text))
            }
        }
        func now() -> Int64 { base.now() }
        func isCancelled() -> Bool { base.isCancelled() }
        func load(_ path: String, from: String) throws(HostError) -> (name: String, bytes: [UInt8]) {
            let file = try base.load(path, from: from)
            let digest = NotebookRunner.sha256(file.bytes)
            if !inputs.contains(where: { $0.name == file.name }) {
                inputs.append(Input(name: file.name, sha256: digest))
            }
            return file
        }
    }
}
