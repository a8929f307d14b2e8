import HeadroomCore

/// A cell's outputs as the Markdown a notebook records (between the output markers): text in
/// an `output` fence, tables as Markdown tables (numbers right-aligned), charts as an image
/// link to an SVG file beside the notebook and the chart's summary line, errors in an
/// `error` fence. The same text is what `check` compares.
public struct MarkdownOutput {
    /// The folder the chart files go in, relative to the notebook (`anton.files`).
    public var chartFolder: String
    /// Chart file stems used so far in the notebook, so each is unique.
    var used: Set<String> = []

    public init(chartFolder: String) { self.chartFolder = chartFolder }

    /// The section's lines (markers excluded) and the chart files it links to (name, SVG).
    public mutating func render(_ items: [OutputItem], name: String?) -> (lines: [String], files: [(String, String)]) {
        var parts: [[String]] = []
        var files: [(String, String)] = []
        var text: [String] = []
        func flushText() {
            if !text.isEmpty { parts.append(Self.fenced(text, info: "output")) }
            text = []
        }
        var charts = 0
        for item in items {
            switch item {
            case .printed(let s): text += s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .note(let s): text.append("note: " + s)
            case .error(let s):
                flushText()
                parts.append(
                    Self.fenced(
                        s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), info: "error"))
            case .block(let whole, let label):
                for part in Self.parts(whole) {
                    guard case .block(let b) = part else {
                        if case .caption(let field) = part {
                            flushText()
                            parts.append(["**\(Self.escape(field))**"])
                        }
                        continue
                    }
                    switch b {
                    case .table(let t):
                        flushText()
                        parts.append(Self.table(t))
                    case .chart(let chart):
                        flushText()
                        let c = Self.titled(chart, label)
                        charts += 1
                        let stem = unique(Self.slug(name.map { charts > 1 ? "\($0)-\(charts)" : $0 } ?? label))
                        let file = "\(chartFolder)/\(stem).svg"
                        files.append((file, SVGChart.render(c)))
                        parts.append(["![\(Self.escape(c.title ?? stem))](\(file))", "", "*\(Self.escape(c.summary))*"])
                    case .bars(let bars):
                        flushText()
                        let stem = unique(Self.slug(name.map { "\($0)-bars" } ?? "\(label)-bars"))
                        let file = "\(chartFolder)/\(stem).svg"
                        files.append((file, SVGBars.render(bars, title: label)))
                        let titles = bars.panels.map(\.title).joined(separator: ", ")
                        parts.append(["![\(Self.escape(label)): \(Self.escape(titles))](\(file))"])
                    default:
                        text += TextBackend.render(b).split(separator: "\n", omittingEmptySubsequences: false).map(
                            String.init)
                    }
                }
            }
        }
        flushText()
        var lines: [String] = []
        for (i, p) in parts.enumerated() {
            if i > 0 { lines.append("") }
            lines += p
        }
        return (lines, files)
    }

    /// A chart without a title takes the expression shown, when short enough to read as one.
    static func titled(_ chart: Chart, _ label: String) -> Chart {
        var c = chart
        if c.title == nil, !label.isEmpty, label.count <= 40 { c.title = label }
        return c
    }

    /// A piece of a shown value in a document: a block, or the name of the record field the
    /// blocks after it belong to.
    enum Part {
        case block(Block)
        case caption(String)
    }

    /// A shown value's pieces in order: stacks opened; a record with tables (a report, a
    /// budget) as its other fields, then each table under its field's name, as tables, with
    /// their bars.
    static func parts(_ b: Block) -> [Part] {
        switch b {
        case .stack(let bs): return bs.flatMap(parts)
        case .record(let fields) where fields.contains(where: { isTabular($0.body) }):
            let rest = fields.filter { !isTabular($0.body) }
            return (rest.isEmpty ? [] : [.block(.record(rest))])
                + fields.filter { isTabular($0.body) }.flatMap { [Part.caption($0.name)] + parts($0.body) }
        default: return [.block(b)]
        }
    }

    static func isTabular(_ b: Block) -> Bool {
        switch b {
        case .table: return true
        case .stack(let bs): return bs.contains(where: isTabular)
        default: return false
        }
    }

    mutating func unique(_ stem: String) -> String {
        var s = stem, k = 2
        while used.contains(s) { s = "\(stem)-\(k)"; k += 1 }
        used.insert(s)
        return s
    }

    /// A fence longer than any run of backticks inside.
    static func fenced(_ lines: [String], info: String) -> [String] {
        var longest = 0
        for l in lines {
            var run = 0
            for c in l { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + info] + lines + [fence]
    }

    static func table(_ t: Table) -> [String] {
        func row(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
        func cell(_ s: String) -> String { s.isEmpty ? " " : s.replacingAll("|", with: "\\|") }
        return [row(t.columns.map(\.header)), "|" + t.columns.map { $0.numeric ? "---:|" : "---|" }.joined()]
            + t.rows.map(row)
    }

    /// A file-name stem from a label: lower case letters and digits, words joined by '-'.
    static func slug(_ label: String) -> String {
        var out = "", dash = false
        for c in label.lowercased() {
            if c.isASCII, c.isLetter || c.isNumber {
                if dash, !out.isEmpty { out.append("-") }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
            if out.count >= 48 { break }
        }
        return out.isEmpty ? "chart" : out
    }

    /// Markdown's inline punctuation, escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\*_[]<>`|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
