/// A chart drawn with text for the terminal (`plot` at the prompt or in a plan): Braille
/// dots (2×4 per character) for the history (solid), the forecast (dotted) and the band's
/// edges (sparse), a dashed line per threshold and a bar at a marked day; value labels on the
/// left, the first and last date below. Plain ASCII when asked (`NO_COLOR`, a locale that is
/// not UTF-8): `*` history, `o` forecast, `:` band, `-` threshold, `|` the marked day.
public enum TerminalChart {
    public static func render(_ c: Chart, width: Int, ascii: Bool) -> String {
        var times: [Int64] = [], values: [Double] = []
        for layer in c.layers {
            switch layer {
            case .history(let t, let v), .forecast(let t, let v): times += t; values += v
            case .band(let t, let lo, let hi): times += t; values += lo + hi
            case .threshold(let v, _): values.append(v)
            case .mark(let t, _): times.append(t)
            }
        }
        let finite = values.filter(\.isFinite)
        guard let t0 = times.min(), let t1 = times.max(), t1 > t0, var y0 = finite.min(), var y1 = finite.max()
        else { return "" }
        if y1 <= y0 { (y0, y1) = (y0 - 1, y1 + 1) }
        let labels = [y1, (y0 + y1) / 2, y0].map { NumberFormat.format($0, significant: 4) }
        let labelWidth = labels.map(\.count).max() ?? 1
        let cols = max(20, min(width, 120) - labelWidth - 3), rows = 10
        // Dots: 2 per column and 4 per row in Braille; 1 and 1 in ASCII.
        let dx = ascii ? 1 : 2, dy = ascii ? 1 : 4
        let w = cols * dx, h = rows * dy
        var grid = [[UInt8]](repeating: [UInt8](repeating: 0, count: w), count: h)
        func px(_ t: Int64) -> Int { min(w - 1, max(0, Int(Double(t - t0) / Double(t1 - t0) * Double(w - 1) + 0.5))) }
        func py(_ v: Double) -> Int { min(h - 1, max(0, Int((1 - (v - y0) / (y1 - y0)) * Double(h - 1) + 0.5))) }
        // Codes by priority in ASCII: 1 band, 2 threshold, 3 mark, 4 forecast, 5 history.
        func set(_ x: Int, _ y: Int, _ code: UInt8) { if grid[y][x] < code { grid[y][x] = code } }
        func line(_ t: [Int64], _ v: [Double], _ code: UInt8, every: Int) {
            var k = 0
            var previous: (Int, Int)?
            for (ti, vi) in zip(t, v) where vi.isFinite {
                let p = (px(ti), py(vi))
                if let q = previous {
                    let n = max(abs(p.0 - q.0), abs(p.1 - q.1), 1)
                    for s in 1...n {
                        k += 1
                        if k % every == 0 { set(q.0 + (p.0 - q.0) * s / n, q.1 + (p.1 - q.1) * s / n, code) }
                    }
                } else {
                    set(p.0, p.1, code)
                }
                previous = p
            }
        }
        for layer in c.layers {
            switch layer {
            case .band(let t, let lo, let hi):
                line(t, lo, 1, every: ascii ? 1 : 3)
                line(t, hi, 1, every: ascii ? 1 : 3)
            case .threshold(let v, _): for x in 0..<w where ascii || x % 3 != 2 { set(x, py(v), 2) }
            case .mark(let t, _): for y in 0..<h where ascii || y % 2 == 0 { set(px(t), y, 3) }
            case .forecast(let t, let v): line(t, v, 4, every: ascii ? 1 : 2)
            case .history(let t, let v): line(t, v, 5, every: 1)
            }
        }
        var out: [String] = []
        for r in 0..<rows {
            var text = ""
            for col in 0..<cols {
                if ascii {
                    text.append([" ", ":", "-", "|", "o", "*"][Int(grid[r][col])])
                    continue
                }
                // Braille: dots 1-2-3-7 down the left column, 4-5-6-8 down the right.
                let bits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
                var cell: UInt32 = 0
                for sy in 0..<4 {
                    for sx in 0..<2 where grid[r * 4 + sy][col * 2 + sx] > 0 { cell |= bits[sy][sx] }
                }
                text.unicodeScalars.append(Unicode.Scalar(0x2800 + cell) ?? " ")
            }
            let label = r == 0 ? labels[0] : r == rows / 2 ? labels[1] : r == rows - 1 ? labels[2] : ""
            let edge = ascii ? "|" : "┤"
            out.append(String(repeating: " ", count: labelWidth - label.count) + label + " " + edge + text)
        }
        let first = DisplayRules.date(t0), last = DisplayRules.date(t1)
        let gap = max(1, cols - first.count - last.count)
        out.append(String(repeating: " ", count: labelWidth + 2) + first + String(repeating: " ", count: gap) + last)
        var legend: [String] = []
        for layer in c.layers {
            switch layer {
            case .history: legend.append(ascii ? "* history" : "history")
            case .forecast: legend.append(ascii ? "o forecast" : "forecast (dotted)")
            case .band: legend.append(ascii ? ": band" : "band (sparse)")
            case .threshold(_, let label): legend.append(ascii ? "- \(label)" : label)
            case .mark(_, let label): legend.append(ascii ? "| \(label)" : label)
            }
        }
        // The legend, wrapped to the width.
        let indent = String(repeating: " ", count: labelWidth + 2)
        var row = indent
        for (i, item) in (legend + ["(\(c.unit))"]).enumerated() {
            let piece = i == 0 ? item : (i == legend.count ? " " : ", ") + item
            if row.count + piece.count > max(width, 40), row != indent {
                out.append(row)
                row = indent + item
            } else {
                row += piece
            }
        }
        out.append(row)
        return out.joined(separator: "\n")
    }
}
