/// Reads a notebook's lines into prose, code and output cells (CommonMark fences: three or
/// more backticks or tildes, closed by at least as many of the same).
public enum NotebookParser {
    public struct Failure: Error, Sendable, Equatable {
        /// 1-based line in the notebook.
        public var line: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(Failure) -> Notebook {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var cells: [Notebook.Cell] = []
        var i = 0
        var frontMatterEnd: Int?
        if lines.first == "---" {
            guard let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." })
            else {
                throw Failure(line: 1, message: "the front matter that starts here has no closing '---'")
            }
            frontMatterEnd = close + 1
            i = close + 1
        }
        var proseStart = i
        func endProse(_ at: Int) {
            if at > proseStart { cells.append(.prose(proseStart..<at)) }
        }
        while i < lines.count {
            let line = lines[i]
            if line.trimmingSpaces == Notebook.outputStart {
                guard
                    let close = (i + 1..<lines.count).first(where: { lines[$0].trimmingSpaces == Notebook.outputEnd })
                else {
                    throw Failure(line: i + 1, message: "this output section has no '\(Notebook.outputEnd)' line")
                }
                endProse(i)
                cells.append(.output(i..<(close + 1)))
                i = close + 1
                proseStart = i
                continue
            }
            if let fence = Fence(line) {
                guard let close = (i + 1..<lines.count).first(where: { fence.isClosed(by: lines[$0]) }) else {
                    throw Failure(
                        line: i + 1,
                        message:
                            "this \(fence.info.isEmpty ? "fenced" : "'\(fence.info)'") block is never closed (no \(fence.marker) line after it)"
                    )
                }
                if fence.language == "plan" {
                    endProse(i)
                    cells.append(
                        .code(Notebook.Code(lines: i..<(close + 1), body: (i + 1)..<close, options: fence.options)))
                    proseStart = close + 1
                }
                i = close + 1
                continue
            }
            i += 1
        }
        endProse(lines.count)
        return Notebook(lines: lines, frontMatterEnd: frontMatterEnd, cells: cells)
    }

    /// An opening code fence: its marker (```` ``` ```` or `~~~`, or longer) and info string.
    struct Fence {
        var marker: String
        var info: String
        init?(_ line: String) {
            let indent = line.prefix { $0 == " " }
            guard indent.count <= 3 else { return nil }
            let rest = line.dropFirst(indent.count)
            guard let c = rest.first, c == "`" || c == "~" else { return nil }
            let run = rest.prefix { $0 == c }
            guard run.count >= 3 else { return nil }
            info = String(rest.dropFirst(run.count)).trimmingSpaces
            if c == "`", info.contains("`") { return nil }
            marker = String(run)
        }
        var language: String { String(info.split(separator: " ").first ?? "") }
        var options: [String: String] {
            var out: [String: String] = [:]
            for word in info.split(separator: " ").dropFirst() {
                let kv = word.split(separator: "=", maxSplits: 1)
                out[String(kv[0])] = kv.count == 2 ? String(kv[1]) : ""
            }
            return out
        }
        func isClosed(by line: String) -> Bool {
            let t = line.trimmingSpaces
            guard let c = marker.first, line.prefix(while: { $0 == " " }).count <= 3 else { return false }
            return t.count >= marker.count && t.allSatisfy { $0 == c }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
