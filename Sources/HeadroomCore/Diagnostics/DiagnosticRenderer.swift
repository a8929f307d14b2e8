/// Renders diagnostics as text, rustc/Numbat style:
///
///     error: cannot add Bytes and Time
///      --> capacity.plan:3:5
///       |
///     3 | x = 5 GB + 3 days
///       |     ^^^^   ^^^^^^ Time
///       |     Bytes
///
/// Long lines are cut to a window around the carets so a 10 MB line prints a short excerpt.
public struct DiagnosticRenderer {
    public var sources: SourceMap
    public var color: Bool
    /// The widest slice of a source line shown.
    public var maxWidth = 100

    public init(sources: SourceMap, color: Bool = false) {
        self.sources = sources
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    public func render(_ d: Diagnostic) -> String {
        var out = paint("error[\(d.code.rawValue)]", "1;31") + paint(": \(d.message)", "1") + "\n"
        guard let primary = d.labels.first, let file = sources[primary.span.file] else {
            for n in d.notes { out += "  = \(n)\n" }
            return out
        }
        let (line, col) = file.location(of: primary.span.start)
        let gutter = String(repeating: " ", count: String(line).count)
        out += "\(gutter)\(paint("-->", "1;34")) \(file.name):\(line):\(col)\n"
        out += "\(gutter) \(paint("|", "1;34"))\n"
        // Labels on the primary line are drawn together; others get their own excerpt.
        var byLine: [(Int, [Label])] = []
        for l in d.labels where l.span.file == primary.span.file {
            let ln = file.location(of: l.span.start).line
            if let i = byLine.firstIndex(where: { $0.0 == ln }) {
                byLine[i].1.append(l)
            } else {
                byLine.append((ln, [l]))
            }
        }
        byLine.sort { $0.0 < $1.0 }
        let width = String(byLine.map { $0.0 }.max() ?? line).count
        let pad = String(repeating: " ", count: width)
        if width > gutter.count { out = out.replacingFirstGutter(gutter, pad) }
        for (ln, labels) in byLine {
            out += excerpt(file: file, line: ln, labels: labels, pad: pad)
        }
        for n in d.notes { out += "\(pad) \(paint("=", "1;34")) \(n)\n" }
        return out
    }

    private func excerpt(file: SourceFile, line ln: Int, labels: [Label], pad: String) -> String {
        let lineStart = file.lineStarts[ln - 1]
        var lineEnd = ln < file.lineStarts.count ? file.lineStarts[ln] - 1 : file.bytes.count
        if lineEnd > lineStart, file.bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let lineChars = file.location(of: lineEnd).column - 1
        // Character columns (0-based) of each label on this line.
        var marks: [(start: Int, end: Int, msg: String)] = labels.map { l in
            let s = file.location(of: l.span.start).column - 1
            let e = max(s + 1, file.location(of: min(max(l.span.start, l.span.end), lineEnd)).column - 1)
            return (s, min(e, max(s + 1, lineChars + 1)), l.message)
        }
        // Show at most maxWidth characters: a window that holds the first label. Only the
        // window's bytes are decoded, so a 10 MB line costs no more than a short one.
        var offset = 0
        if lineChars > maxWidth, let first = marks.first {
            offset = max(0, min(first.start - maxWidth / 3, lineChars - maxWidth))
            // Labels that start outside the window are left out of the caret line.
            marks = marks.filter { $0.start >= offset && $0.start < offset + maxWidth }
                .map { ($0.start - offset, max($0.start - offset + 1, min($0.end - offset, maxWidth)), $0.msg) }
            if marks.isEmpty, let f = labels.first { marks = [(0, 1, f.message)] }
        }
        let from = byteIndex(file, lineStart, lineEnd, column: offset)
        let to = byteIndex(file, from, lineEnd, column: maxWidth)
        let shown = Array(String(decoding: file.bytes[from..<to], as: UTF8.self))
        let bar = paint("|", "1;34")
        var lineText = String(
            shown.map { c -> Character in
                if c == "\t" { return " " }
                return c.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F } == true ? "?" : c
            })
        if offset > 0 { lineText = "…" + lineText.dropFirst() }
        if offset + shown.count < lineChars { lineText = String(lineText.dropLast()) + "…" }
        var out = "\(String(ln).leftPadded(to: pad.count)) \(bar) \(lineText)\n"
        marks.sort { $0.start < $1.start }
        var carets = ""
        for m in marks {
            if carets.count < m.start { carets += String(repeating: " ", count: m.start - carets.count) }
            let n = max(1, m.end - max(m.start, carets.count))
            carets += String(repeating: "^", count: n)
        }
        let tail = marks.last.map { $0.msg.isEmpty ? "" : " " + $0.msg } ?? ""
        out += "\(pad) \(bar) \(paint(carets, "1;31"))\(paint(tail, "1;31"))\n"
        for m in marks.dropLast().reversed() where !m.msg.isEmpty {
            out += "\(pad) \(bar) \(String(repeating: " ", count: m.start))\(paint(m.msg, "1;31"))\n"
        }
        return out
    }

    /// The byte index `column` characters after `start` (stopping at `end`).
    private func byteIndex(_ file: SourceFile, _ start: Int, _ end: Int, column: Int) -> Int {
        var i = start, n = 0
        while i < end {
            if file.bytes[i] & 0xC0 != 0x80 {
                if n == column { return i }
                n += 1
            }
            i += 1
        }
        return end
    }

    public func render(_ ds: [Diagnostic]) -> String { ds.map(render).joined(separator: "\n") }
}

extension String {
    func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: " ", count: n - count) + self
    }

    fileprivate func replacingFirstGutter(_ old: String, _ new: String) -> String {
        // Re-indent the header when a later label sits on a line with more digits.
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in 1..<min(3, lines.count) where lines[i].hasPrefix(old) {
            lines[i] = new + lines[i].dropFirst(old.count)
        }
        return lines.joined(separator: "\n")
    }
}
