/// Renders values as terminal text. Every front end (CLI, REPL, notebooks) uses this, so a
/// value looks the same everywhere.
///
/// - A quantity shows in its unit: `192 GiB`, `29.5089 months`, `$14.24`, `70%`.
/// - A list of records is an aligned table; a long record is one field per line.
/// - Dates show as the calendar day (UTC); arithmetic keeps seconds.
public enum ValueFormatter {
    public static func quantity(_ q: Quantity) -> String {
        let v = q.value
        let f = q.unit.factors
        if f.isEmpty { return NumberFormat.format(v) }
        if f.count == 1, f[0].power == 1 {
            let a = f[0].atom
            if a == .percent { return NumberFormat.format(v) + "%" }
            if let p = a.prefix { return NumberFormat.money(v, prefix: p) }
            if let plural = a.plural, v != 1 { return NumberFormat.format(v) + " " + plural }
            return NumberFormat.format(v) + " " + a.symbol
        }
        let sym = q.unit.symbol
        return NumberFormat.format(v) + (sym.hasPrefix("%") ? "" : " ") + sym
    }

    public static func date(_ s: Int64) -> String { s == .max ? "never" : CivilDate.format(s) }

    /// A span of time in words: `1 day`, `15 minutes`, `2 weeks`, `1 month` (a twelfth of a
    /// mean Gregorian year, as the `month` unit).
    public static func duration(seconds: Int64) -> String {
        let units: [(Int64, String)] = [
            (31_556_952, "year"), (7_889_238, "quarter"), (2_629_746, "month"), (604_800, "week"),
            (86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second"),
        ]
        for (size, name) in units where seconds % size == 0 && seconds >= size {
            let n = seconds / size
            return "\(n) \(name)\(n == 1 ? "" : "s")"
        }
        return "\(seconds) seconds"
    }

    /// One line: points, span, step, first → last value, band at the end, sparkline.
    public static func series(_ s: Series) -> String {
        guard let first = s.times.first, let last = s.times.last else { return "empty series" }
        var text = (s.name.map { "\($0): " } ?? "") + "series of \(s.count) point\(s.count == 1 ? "" : "s")"
        text += s.count == 1 ? " at \(date(first))" : ", \(date(first)) to \(date(last))"
        if let step = s.regularStep { text += " every \(duration(seconds: step))" }
        text += ": \(quantity(s.quantity(0)))"
        if s.count > 1 { text += " → \(quantity(s.quantity(s.count - 1)))" }
        if let lo = s.lower?.last, let hi = s.upper?.last {
            text +=
                " (95% band \(quantity(Quantity(base: lo, unit: s.unit))) to \(quantity(Quantity(base: hi, unit: s.unit))))"
        }
        return text + " " + s.sparkline()
    }

    /// One line: for `print`, string interpolation and table cells. Strings are bare at the
    /// top and quoted inside lists and records.
    public static func inline(_ v: Value, nested: Bool = false) -> String {
        switch v {
        case .quantity(let q): return quantity(q)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return nested ? quoted(s) : s
        case .date(let d): return date(d)
        case .list(let xs): return "[" + xs.map { inline($0, nested: true) }.joined(separator: ", ") + "]"
        case .record(let r):
            return "{" + r.fields.map { "\($0.name): \(inline($0.value, nested: true))" }.joined(separator: ", ") + "}"
        case .function(let f): return "<function \(f.signature)>"
        case .series(let s): return series(s)
        case .never: return "never"
        case .missing(let m): return m.label
        case .nothing: return ""
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "{": out += "\\{"
            case "}": out += "\\}"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// How a top-level value is shown: tables for lists of records, one field per line for
    /// long records, `inline` otherwise.
    public static func display(_ v: Value, width: Int = 100, nested: Bool = false) -> String {
        switch v {
        case .list(let xs)
        where !xs.isEmpty
            && xs.allSatisfy({
                if case .record = $0 { return true }; return false
            }):
            return table(
                xs.compactMap {
                    if case .record(let r) = $0 { return r }; return nil
                })
        case .record(let r):
            let one = inline(v)
            if one.count <= width,
                !r.fields.contains(where: {
                    if case .list = $0.value { return true }; return false
                })
            {
                return one
            }
            let w = r.fields.map(\.name.count).max() ?? 0
            var lines = ["{"]
            for f in r.fields {
                let body = display(f.value, width: width - 2, nested: true).split(
                    separator: "\n", omittingEmptySubsequences: false)
                let pad = String(repeating: " ", count: w - f.name.count)
                lines.append("  \(f.name):\(pad) \(body.first ?? "")")
                for more in body.dropFirst() { lines.append("  " + String(repeating: " ", count: w + 2) + more) }
            }
            return (lines + ["}"]).joined(separator: "\n")
        default:
            return inline(v, nested: nested)
        }
    }

    /// An aligned table: a column per field (in order of first appearance), numbers right-aligned.
    public static func table(_ rows: [Record]) -> String {
        var cols: [String] = []
        for r in rows { for n in r.names where !cols.contains(n) { cols.append(n) } }
        let cells: [[String]] = rows.map { r in cols.map { c in r[c].map { inline($0, nested: false) } ?? "" } }
        let numeric: [Bool] = cols.indices.map { i in
            rows.allSatisfy { r in
                guard let v = r[cols[i]] else { return true }
                switch v {
                case .quantity, .never, .missing: return true
                default: return false
                }
            }
        }
        let widths = cols.indices.map { i in max(cols[i].count, cells.map { $0[i].count }.max() ?? 0) }
        func line(_ items: [String]) -> String {
            var parts: [String] = []
            for (i, s) in items.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - s.count)
                parts.append(numeric[i] ? pad + s : (i == items.count - 1 ? s : s + pad))
            }
            var l = parts.joined(separator: "  ")
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }
        var out = [line(cols), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += cells.map(line)
        return out.joined(separator: "\n")
    }
}
