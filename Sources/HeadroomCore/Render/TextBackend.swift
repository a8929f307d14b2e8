/// Prints a `Block` as terminal text: aligned tables (wrapped by whole columns to the width),
/// one field per line for long records, a chart's summary line.
public enum TextBackend {
    public static func render(_ b: Block, width: Int? = nil, ascii: Bool = false) -> String {
        switch b {
        case .text(let s), .note(let s): return s
        case .chart(let c):
            guard c.drawn else { return c.summary }
            let drawing = TerminalChart.render(c, width: width ?? 80, ascii: ascii)
            return drawing.isEmpty ? c.summary : drawing + "\n" + c.summary
        case .bars: return ""
        case .stack(let bs):
            return bs.map { render($0, width: width, ascii: ascii) }.filter { !$0.isEmpty }.joined(separator: "\n")
        case .table(let t): return table(t, width: width)
        case .record(let fields):
            let w = fields.map(\.name.count).max() ?? 0
            var lines = ["{"]
            for f in fields {
                let body = render(f.body, width: width.map { $0 - 2 }, ascii: ascii).split(
                    separator: "\n", omittingEmptySubsequences: false)
                let pad = String(repeating: " ", count: w - f.name.count)
                lines.append("  \(f.name):\(pad) \(body.first ?? "")")
                for more in body.dropFirst() { lines.append("  " + String(repeating: " ", count: w + 2) + more) }
            }
            return (lines + ["}"]).joined(separator: "\n")
        }
    }

    /// An aligned table. Wider than `width`, it is printed as several tables of whole
    /// columns, each repeating the key column (the first that is not numbers, such as a
    /// name) so its rows can be told apart; a cell is never split.
    public static func table(_ t: Table, width: Int?) -> String {
        let widths = t.columns.indices.map { i in
            max(t.columns[i].header.count, t.rows.map { $0[i].count }.max() ?? 0)
        }
        var groups: [[Int]] = []
        if let width, t.columns.count > 1, widths.reduce(0, +) + 2 * (widths.count - 1) > width {
            let key = t.columns.firstIndex { !$0.numeric } ?? 0
            var current: [Int] = []
            var used = -2
            for i in t.columns.indices {
                if used + 2 + widths[i] > width, current.contains(where: { $0 != key }),
                    !(groups.isEmpty && i <= key)
                {
                    groups.append(current)
                    current = i == key ? [] : [key]
                    used = i == key ? -2 : widths[key]
                }
                current.append(i)
                used += 2 + widths[i]
            }
            groups.append(current)
        } else {
            groups = [Array(t.columns.indices)]
        }
        return groups.map { group in
            func line(_ items: [String]) -> String {
                var parts: [String] = []
                for (k, i) in group.enumerated() {
                    let s = items[k]
                    let pad = String(repeating: " ", count: widths[i] - s.count)
                    parts.append(t.columns[i].numeric ? pad + s : (k == group.count - 1 ? s : s + pad))
                }
                var l = parts.joined(separator: "  ")
                while l.hasSuffix(" ") { l.removeLast() }
                return l
            }
            var out = [line(group.map { t.columns[$0].header })]
            out.append(group.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
            out += t.rows.map { row in line(group.map { row[$0] }) }
            return out.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
