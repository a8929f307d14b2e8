/// Puts a run's outputs into a notebook: each code block's output section is replaced (or
/// added after it, or removed when the block now shows nothing); prose and code lines are
/// copied as they are, and the front matter gets the run's header.
public enum NotebookWriter {
    public struct Written: Sendable {
        public var text: String
        /// Chart files: path relative to the notebook, and the SVG.
        public var files: [(path: String, svg: String)]
        /// Each code cell's rendered output lines (what `check` compares).
        public var sections: [[String]]
    }

    /// The sections a run renders to, and their chart files.
    public static func sections(_ result: NotebookRunner.Result, _ notebook: Notebook, chartFolder: String)
        -> (sections: [[String]], files: [(path: String, svg: String)])
    {
        var md = MarkdownOutput(chartFolder: chartFolder)
        var sections: [[String]] = []
        var files: [(String, String)] = []
        for (i, code) in notebook.codeCells.enumerated() {
            let items = i < result.cells.count ? result.cells[i] : []
            let r = md.render(items, name: code.name)
            sections.append(r.lines)
            files += r.files
        }
        return (sections, files.map { (path: $0.0, svg: $0.1) })
    }

    public static func write(
        _ notebook: Notebook, _ result: NotebookRunner.Result, chartFolder: String, header: FrontMatter
    ) -> Written {
        let (sections, files) = sections(result, notebook, chartFolder: chartFolder)
        var out = header.merged(into: notebook.frontMatterEnd.map { Array(notebook.lines[0..<$0]) } ?? [])
        if notebook.frontMatterEnd == nil, notebook.lines.first.map({ !$0.isBlank }) ?? false { out.append("") }
        var codeIndex = -1
        var skipUntil = -1
        for (k, cell) in notebook.cells.enumerated() {
            switch cell {
            case .prose(let r):
                if r.lowerBound < skipUntil { continue }
                out += r.map { notebook.lines[$0] }
            case .output:
                // Replaced where its code block is written; an output with no block before it
                // (left over from an edit) is dropped.
                continue
            case .code(let c):
                codeIndex += 1
                out += c.lines.map { notebook.lines[$0] }
                // Blank prose before an existing output is kept; the output is replaced.
                var j = k + 1
                var blanks: [String] = []
                while j < notebook.cells.count, case .prose(let r) = notebook.cells[j],
                    r.allSatisfy({ notebook.lines[$0].isBlank })
                {
                    blanks += r.map { notebook.lines[$0] }
                    j += 1
                }
                let hasOutput =
                    j < notebook.cells.count && { if case .output = notebook.cells[j] { true } else { false } }()
                let section = sections[codeIndex]
                if hasOutput {
                    if case .prose(let r) = notebook.cells[k + 1 < notebook.cells.count ? k + 1 : k] {
                        skipUntil = r.upperBound
                    }
                    if !section.isEmpty {
                        out += blanks.isEmpty ? [""] : blanks
                        out += [Notebook.outputStart] + section + [Notebook.outputEnd]
                    }
                } else if !section.isEmpty {
                    out += ["", Notebook.outputStart] + section + [Notebook.outputEnd]
                }
            }
        }
        return Written(text: out.joined(separator: "\n") + "\n", files: files, sections: sections)
    }
}
