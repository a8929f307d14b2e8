/// `headroom check`: a re-run's outputs against the recorded ones, block by block. Numbers
/// may be allowed to move by a block's `tolerance=` (relative); everything else must match.
public enum NotebookCheck {
    public struct Change: Sendable {
        /// 1-based line of the code block in the notebook.
        public var line: Int
        /// A unified diff of the recorded output (-) against the new one (+), with the
        /// notebook's line numbers in the hunk header.
        public var diff: [String]
    }

    public static func compare(_ notebook: Notebook, sections: [[String]]) -> [Change] {
        var changes: [Change] = []
        for (i, code) in notebook.codeCells.enumerated() {
            let range = notebook.output(after: i)
            let old = range.map { r in r.map { notebook.lines[$0] } } ?? []
            let new = i < sections.count ? sections[i] : []
            let same =
                old.count == new.count
                && zip(old, new).allSatisfy { a, b in a == b || code.tolerance.map { close(a, b, $0) } ?? false }
            if same { continue }
            let first = (range?.lowerBound ?? code.lines.upperBound) + 1
            changes.append(Change(line: code.lines.lowerBound + 1, diff: unified(old, new, firstLine: first)))
        }
        return changes
    }

    /// Lines that differ only in numbers each within `tolerance` of the other (relative).
    static func close(_ a: String, _ b: String, _ tolerance: Double) -> Bool {
        let x = tokens(a), y = tokens(b)
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) {
            switch (p, q) {
            case (.text(let s), .text(let t)): if s != t { return false }
            case (.number(let u), .number(let v)):
                if u != v, abs(u - v) > tolerance * max(abs(u), abs(v)) { return false }
            default: return false
            }
        }
        return true
    }

    enum Token: Equatable {
        case text(String)
        case number(Double)
    }

    /// Numbers (digits with a decimal point, thousands commas and an exponent) and the text
    /// between them.
    static func tokens(_ s: String) -> [Token] {
        var out: [Token] = []
        var text = ""
        let cs = Array(s)
        var i = 0
        while i < cs.count {
            if cs[i].isASCII, cs[i].isNumber {
                var j = i, digits = ""
                while j < cs.count, cs[j].isASCII,
                    cs[j].isNumber || cs[j] == "." || (cs[j] == "," && j + 1 < cs.count && cs[j + 1].isNumber)
                {
                    if cs[j] != "," { digits.append(cs[j]) }
                    j += 1
                }
                if j + 1 < cs.count, cs[j] == "e" || cs[j] == "E", cs[j + 1].isNumber || cs[j + 1] == "-" {
                    digits.append("e")
                    j += 1
                    if cs[j] == "-" { digits.append("-"); j += 1 }
                    while j < cs.count, cs[j].isASCII, cs[j].isNumber { digits.append(cs[j]); j += 1 }
                }
                if let v = Double(digits) {
                    if !text.isEmpty { out.append(.text(text)); text = "" }
                    out.append(.number(v))
                    i = j
                    continue
                }
            }
            text.append(cs[i])
            i += 1
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }

    /// A unified diff with up to three lines of context (longest common subsequence).
    static func unified(_ a: [String], _ b: [String], firstLine: Int) -> [String] {
        let n = a.count, m = b.count
        // A longest common subsequence of two long outputs (a table of thousands of pods) would
        // take n·m memory; past a million cells the changed middle is shown whole instead.
        guard n * m <= 1_000_000 else {
            let head = zip(a, b).prefix { $0 == $1 }.count
            let tail = zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
            let oldMid = a[head..<max(head, n - tail)], newMid = b[head..<max(head, m - tail)]
            return ["@@ -\(firstLine + head),\(oldMid.count) +\(firstLine + head),\(newMid.count) @@"]
                + oldMid.map { "-" + $0 } + newMid.map { "+" + $0 }
        }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, String)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append((" ", a[i])); i += 1; j += 1
            } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                ops.append(("+", b[j])); j += 1
            } else {
                ops.append(("-", a[i])); i += 1
            }
        }
        // Keep changes and three lines of context around them.
        let keep = ops.indices.filter { k in
            (max(0, k - 3)...min(ops.count - 1, k + 3)).contains { ops[$0].0 != " " }
        }
        var out = ["@@ -\(firstLine),\(n) +\(firstLine),\(m) @@"]
        var last = -1
        for k in keep {
            if last >= 0, k > last + 1 { out.append("  ...") }
            out.append("\(ops[k].0)\(ops[k].1)")
            last = k
        }
        return out
    }
}
