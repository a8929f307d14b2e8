/// A notebook: a Markdown file whose fenced `plan` blocks are code, each followed by its
/// recorded output between `<!-- output -->` and `<!-- end output -->` lines. Everything
/// else is prose and is kept byte for byte. The format is documented in docs/notebooks.md.
public struct Notebook: Sendable {
    /// The file's lines without their line ends (a final newline does not make a line).
    public var lines: [String]
    /// Lines 0..<n hold the front matter (`---` ... `---`), if any.
    public var frontMatterEnd: Int?
    public var cells: [Cell]

    public enum Cell: Sendable {
        /// Lines of prose, kept as they are.
        case prose(Range<Int>)
        case code(Code)
        /// A recorded output section, markers included.
        case output(Range<Int>)
    }

    /// A fenced `plan` block.
    public struct Code: Sendable {
        /// The whole block, fences included.
        public var lines: Range<Int>
        /// The code between the fences.
        public var body: Range<Int>
        /// Options after the info string: ```` ```plan name=storage tolerance=1% ````.
        public var options: [String: String]

        /// The chart-file stem asked for with `name=`.
        public var name: String? { options["name"] }
        /// A relative tolerance for numbers (`tolerance=1%`), nil when numbers must match.
        public var tolerance: Double? {
            guard let t = options["tolerance"] else { return nil }
            let number = t.hasSuffix("%") ? String(t.dropLast()) : t
            guard let v = Double(number), v >= 0 else { return nil }
            return t.hasSuffix("%") ? v / 100 : v
        }
    }

    public static let outputStart = "<!-- output -->"
    public static let outputEnd = "<!-- end output -->"

    /// The code blocks, in order.
    public var codeCells: [Code] {
        cells.compactMap { if case .code(let c) = $0 { c } else { nil } }
    }

    /// The recorded output section after code cell `i` (its lines, markers excluded), if any.
    public func output(after codeIndex: Int) -> Range<Int>? {
        var seen = -1
        for (k, cell) in cells.enumerated() {
            if case .code = cell { seen += 1 }
            guard seen == codeIndex, case .code = cell else { continue }
            // The output follows, with only blank prose between.
            var j = k + 1
            while j < cells.count, case .prose(let r) = cells[j], r.allSatisfy({ lines[$0].isBlank }) { j += 1 }
            if j < cells.count, case .output(let r) = cells[j] { return (r.lowerBound + 1)..<(r.upperBound - 1) }
            return nil
        }
        return nil
    }

    /// The first level-one heading of the prose, for a page title.
    public var title: String? {
        for cell in cells {
            guard case .prose(let r) = cell else { continue }
            for i in r where lines[i].hasPrefix("# ") { return String(lines[i].dropFirst(2)).trimmingSpaces }
        }
        return nil
    }

    /// The code of cell `c`, padded with blank lines so that a diagnostic's line number is the
    /// notebook's.
    public func source(of c: Code) -> String {
        String(repeating: "\n", count: c.body.lowerBound) + c.body.map { lines[$0] }.joined(separator: "\n") + "\n"
    }
}

extension String {
    var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" } }
}
