/// Turns a value into a `Block` by the display rules. The one walk over `Value` that every
/// output format shares.
public enum Render {
    /// The document for a shown value: tables for lists of records, one field per line for
    /// long records, a chart for a series, a line otherwise.
    public static func block(_ v: Value, _ o: DisplayOptions = .standard, width: Int = 100, nested: Bool = false)
        -> Block
    {
        switch v {
        case .list(let xs) where !xs.isEmpty && xs.allSatisfy({ if case .record = $0 { true } else { false } }):
            let rows = xs.compactMap { if case .record(let r) = $0 { r } else { nil } }
            let t = table(rows, o)
            if let b = bars(rows, t) { return .stack([.table(t), .bars(b)]) }
            return .table(t)
        case .record(let r):
            let one = inline(v, o)
            if one.count <= width, !r.fields.contains(where: { if case .list = $0.value { true } else { false } }) {
                return .text(one)
            }
            return .record(r.fields.map { ($0.name, block($0.value, o, width: width - 2, nested: true)) })
        case .series(let s):
            return .chart(chart(s, o))
        default:
            return .text(inline(v, o, nested: nested))
        }
    }

    /// One line: for `print`, string interpolation and table cells. Strings are bare at the
    /// top and quoted inside lists and records.
    public static func inline(_ v: Value, _ o: DisplayOptions = .standard, nested: Bool = false) -> String {
        switch v {
        case .quantity(let q): return DisplayRules.quantity(q, o)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return nested ? DisplayRules.quoted(s) : s
        case .date(let d): return DisplayRules.date(d)
        case .list(let xs): return "[" + xs.map { inline($0, o, nested: true) }.joined(separator: ", ") + "]"
        case .record(let r):
            return "{" + r.fields.map { "\($0.name): \(inline($0.value, o, nested: true))" }.joined(separator: ", ")
                + "}"
        case .function(let f): return "<function \(f.signature)>"
        case .series(let s): return chart(s, o).summary
        case .never: return "never"
        case .missing(let m): return m.label
        case .nothing: return ""
        }
    }

    /// What `print(a, b, ...)` writes: each value inline, strings bare, separated by spaces.
    public static func printLine(_ values: [Value], _ o: DisplayOptions = .standard) -> String {
        values.map { inline($0, o) }.joined(separator: " ")
    }

    /// The columns documents also draw as bars: a runway comparison's months gained and cost
    /// per month gained (`compare`), a budget's cost by year.
    public static let barColumns = ["gained", "cost_per_month", "total"]

    /// Bars for a table with a label column (its first) and any of `barColumns` holding
    /// quantities; nil otherwise.
    static func bars(_ rows: [Record], _ t: Table) -> Bars? {
        guard !t.columns.isEmpty, rows.count >= 2 else { return nil }
        var panels: [Bars.Panel] = []
        for name in barColumns {
            guard let ci = t.columns.firstIndex(where: { $0.name == name }), ci > 0 else { continue }
            var values: [Double?] = []
            var unit: UnitProduct?
            for r in rows {
                guard case .quantity(let q)? = r[name], unit == nil || unit == q.unit else {
                    values.append(nil)
                    continue
                }
                unit = q.unit
                values.append(q.unit.fromBase(q.base))
            }
            guard values.contains(where: { $0 != nil }) else { continue }
            panels.append(Bars.Panel(title: t.columns[ci].header, values: values, texts: t.rows.map { $0[ci] }))
        }
        guard !panels.isEmpty else { return nil }
        return Bars(labels: t.rows.map { $0[0] }, panels: panels)
    }

    /// A table of records: a column per field (in order of first appearance).
    public static func table(_ rows: [Record], _ o: DisplayOptions = .standard) -> Table {
        var names: [String] = []
        for r in rows { for n in r.names where !names.contains(n) { names.append(n) } }
        var columns: [Table.Column] = []
        var cells = [[String]](repeating: [], count: rows.count)
        for name in names {
            let values = rows.map { $0[name] }
            let numeric = values.allSatisfy { v in
                switch v {
                case nil, .quantity?, .never?, .missing?: return true
                default: return false
                }
            }
            let unit = numeric ? sharedUnit(values.compactMap { $0 }, o) : nil
            columns.append(Table.Column(name: name, unit: unit?.header, numeric: numeric))
            for (i, v) in values.enumerated() {
                guard let v else {
                    cells[i].append("")
                    continue
                }
                if let unit, case .quantity(let q) = v {
                    cells[i].append(NumberFormat.format(unit.value(q), significant: o.digits))
                } else {
                    cells[i].append(inline(v, o))
                }
            }
        }
        return Table(columns: columns, rows: cells)
    }

    /// The unit a column's quantities all show in, when moving it to the header loses
    /// nothing: one plain unit (not money or a percentage, which read best in the cell), and
    /// at least two cells.
    static func sharedUnit(_ values: [Value], _ o: DisplayOptions) -> (header: String, value: (Quantity) -> Double)? {
        var unit: UnitProduct?
        var count = 0
        for v in values {
            guard case .quantity(let q) = v else { continue }
            if q.unit.factors.isEmpty
                || q.unit.factors.contains(where: { $0.atom.prefix != nil || $0.atom == .percent })
            {
                return nil
            }
            if let u = unit, u != q.unit { return nil }
            // A cell that the display rules would show in another unit keeps its own.
            if !q.pinned, DisplayRules.largerBytePrefix(q, o.digits) != nil { return nil }
            unit = q.unit
            count += 1
        }
        guard let unit, count >= 2 else { return nil }
        let f = unit.factors
        let header = f.count == 1 && f[0].power == 1 ? (f[0].atom.plural ?? f[0].atom.symbol) : unit.symbol
        return (header, { $0.value })
    }

    /// A series as a chart: history (or a forecast with its band) and the summary line.
    public static func chart(_ s: Series, _ o: DisplayOptions = .standard) -> Chart {
        let shown = s.values.map { s.unit.fromBase($0) }
        var layers: [Chart.Layer] = []
        if let d = s.drawing, !d.historyTimes.isEmpty {
            layers.append(.history(times: d.historyTimes, values: d.historyValues.map(s.unit.fromBase)))
        }
        if let lo = s.lower, let hi = s.upper {
            layers.append(.forecast(times: s.times, values: shown))
            layers.append(.band(times: s.times, lower: lo.map(s.unit.fromBase), upper: hi.map(s.unit.fromBase)))
        } else {
            layers.append(.history(times: s.times, values: shown))
        }
        for line in s.drawing?.lines ?? [] {
            layers.append(.threshold(value: s.unit.fromBase(line.value), label: line.label))
        }
        for mark in s.drawing?.marks ?? [] { layers.append(.mark(time: mark.time, label: mark.label)) }
        var chart = Chart(title: s.name, unit: s.unit.symbol, layers: layers, summary: summary(s, o))
        chart.drawn = s.drawing != nil
        return chart
    }

    /// One line: points, span, step, first → last value, band at the end, sparkline.
    static func summary(_ s: Series, _ o: DisplayOptions) -> String {
        guard let first = s.times.first, let last = s.times.last else { return "empty series" }
        func q(_ base: Double) -> String { DisplayRules.quantity(Quantity(base: base, unit: s.unit), o) }
        var text = (s.name.map { "\($0): " } ?? "") + "series of \(s.count) point\(s.count == 1 ? "" : "s")"
        text +=
            s.count == 1
            ? " at \(DisplayRules.date(first))" : ", \(DisplayRules.date(first)) to \(DisplayRules.date(last))"
        if let k = s.calendarStep {
            text += " every \(CivilDate.monthsText(k))"
        } else if let step = s.regularStep {
            text += " every \(DisplayRules.duration(seconds: step))"
        }
        text += ": \(q(s.values[0]))"
        if s.count > 1 { text += " → \(q(s.values[s.count - 1]))" }
        if let lo = s.lower?.last, let hi = s.upper?.last {
            text += " (\(NumberFormat.format(s.bandLevel * 100))% band \(q(lo)) to \(q(hi)))"
        }
        return text + " " + DisplayRules.sparkline(s.values)
    }
}
