/// The display rules, written once: how a number, a quantity, money, a date and a duration
/// read. Every renderer (terminal text, JSON's `display`, Markdown, HTML) goes through here.
///
/// - A quantity shows in its unit with at most `digits` significant digits: `192 GiB`,
///   `29.5089 months`, `70%`.
/// - A byte count that would need more digits than that moves to a larger prefix of the same
///   family (`1223830000000 B` shows as `1.22383 TB`, `2^40 KiB` as `1 PiB`), unless the unit
///   was asked for with `->`; then, like any other quantity, it goes to scientific notation.
/// - Money shows with its sign and cents (`$14.24`, `$14,400`); amounts under a cent keep their
///   significant digits (`$0.004`); money per something reads `$41.67/month`.
/// - Dates show as the calendar day (UTC).
public enum DisplayRules {
    public static func quantity(_ q: Quantity, _ o: DisplayOptions = .standard) -> String {
        var q = q
        let f = q.unit.factors
        if f.isEmpty { return NumberFormat.format(q.value, significant: o.digits) }
        // Money, and money per something: `$14.24`, `$41.67/month`.
        if let money = f.firstIndex(where: { $0.atom.prefix != nil && $0.power == 1 }) {
            let prefix = f[money].atom.prefix ?? ""
            let rest = UnitProduct(f.enumerated().filter { $0.offset != money }.map { $0.element })
            let amount = NumberFormat.money(q.value, prefix: prefix, significant: o.digits)
            guard !rest.factors.isEmpty else { return amount }
            if rest.factors.allSatisfy({ $0.power < 0 }) { return amount + "/" + rest.raised(-1).symbol }
        }
        if !q.pinned, let better = largerBytePrefix(q, o.digits) { q = better }
        let v = q.value
        let number = NumberFormat.format(v, significant: o.digits, wholeLimit: wholeLimit(o.digits))
        if f.count == 1, f[0].power == 1 {
            let a = q.unit.factors[0].atom
            if a == .percent { return number + "%" }
            if let plural = a.plural, v != 1 { return number + " " + plural }
            return number + " " + a.symbol
        }
        var sym = q.unit.symbol
        // A word unit on top reads in the plural: `2 cores/month`, as `2 cores` does.
        if let first = q.unit.factors.first, first.power == 1, let plural = first.atom.plural, v != 1,
            sym.hasPrefix(first.atom.symbol)
        {
            sym = plural + sym.dropFirst(first.atom.symbol.count)
        }
        return number + (sym.hasPrefix("%") ? "" : " ") + sym
    }

    /// A quantity with a unit shows whole numbers in full only up to this: beyond, its digits
    /// would read as precision it does not have (`1223830000000 B`).
    static func wholeLimit(_ digits: Int) -> Double { Double.pow10(max(digits, 6)) }

    static let decimalBytes = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
    static let binaryBytes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// The same bytes in the largest prefix of the unit's family that keeps the number at least
    /// 1, when the unit's own number would need more than `digits` digits.
    static func largerBytePrefix(_ q: Quantity, _ digits: Int) -> Quantity? {
        guard q.unit.factors.count == 1, q.unit.factors[0].power == 1 else { return nil }
        let atom = q.unit.factors[0].atom
        let family: [String]
        if binaryBytes.contains(atom.symbol), atom.symbol != "B" {
            family = binaryBytes
        } else if decimalBytes.contains(atom.symbol) || atom.symbol == "byte" {
            family = decimalBytes
        } else {
            return nil
        }
        guard abs(q.value) >= wholeLimit(digits), q.base.isFinite else { return nil }
        var best = atom
        for name in family {
            let a = UnitAtom.builtin(name)
            if abs(q.base) / a.factor >= 1 { best = a }
        }
        return Quantity(base: q.base, unit: UnitProduct(best))
    }

    public static func date(_ s: Int64) -> String { CivilDate.format(s) }

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

    /// A string as plan text: quoted, with the escapes the lexer reads back.
    public static func quoted(_ s: String) -> String {
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

    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of at most `width` bars, each the mean of its share of the values.
    public static func sparkline(_ values: [Double], width: Int = 24) -> String {
        guard !values.isEmpty else { return "" }
        let n = min(width, values.count)
        var buckets: [Double] = []
        for b in 0..<n {
            let lo = b * values.count / n, hi = max(lo + 1, (b + 1) * values.count / n)
            buckets.append(values[lo..<hi].reduce(0, +) / Double(hi - lo))
        }
        guard let mn = buckets.min(), let mx = buckets.max() else { return "" }
        if mx == mn || !(mx - mn).isFinite { return String(repeating: bars[3], count: n) }
        return String(buckets.map { bars[min(7, Int(($0 - mn) / (mx - mn) * 7.999))] })
    }
}

extension Double {
    static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x *= 10 }
        return x
    }
}
