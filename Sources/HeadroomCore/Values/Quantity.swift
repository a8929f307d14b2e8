/// A number with a dimension. The magnitude is kept in base units (bytes, seconds, cores,
/// joules, currency units); `unit` is how the user wants to see it.
public struct Quantity: Sendable, Equatable {
    /// Magnitude in base units.
    public var base: Double
    public var unit: UnitProduct
    /// The unit was asked for with `->`: display keeps it (no automatic prefix).
    public var pinned = false

    public init(base: Double, unit: UnitProduct) {
        self.base = base
        self.unit = unit
    }

    /// `Quantity(64, GiB)`: 64 of the given unit.
    public init(_ value: Double, _ unit: UnitProduct) {
        self.base = unit.toBase(value)
        self.unit = unit
    }

    public static func number(_ v: Double) -> Quantity { Quantity(base: v, unit: .none) }

    /// Equal amounts in the same unit (whether `->` pinned it does not matter).
    public static func == (a: Quantity, b: Quantity) -> Bool { a.base == b.base && a.unit == b.unit }

    public var dimension: Dimension { unit.dimension }
    public var isPlainNumber: Bool { unit.dimension.isNone }

    /// Magnitude in the display unit.
    public var value: Double { unit.fromBase(base) }

    /// The same amount shown in `u`, as `->` asks (so display keeps that unit).
    public func converted(to u: UnitProduct) -> Quantity {
        var q = Quantity(base: base, unit: u)
        q.pinned = true
        return q
    }
}

/// Formats numbers for people: up to 6 significant digits, no float noise, deterministic.
///
/// - Whole numbers below `wholeLimit` (10^15 for plain numbers) print in full (`1500`, `123456789`).
/// - Others round to 6 significant digits; trailing zeros go (`0.1 + 0.2` prints `0.3`).
/// - Magnitudes from 10^-4 up to 10^15 print positionally, others as `1.23457e20`.
public enum NumberFormat {
    public static func format(_ x: Double, significant: Int = 6, wholeLimit: Double = 1e15) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let neg = x < 0
        let a = abs(x)
        if a < min(wholeLimit, 1e15), a == a.rounded() {
            return (neg ? "-" : "") + String(Int64(a))
        }
        let (digits, exp) = roundedDigits(a, significant)
        // Past the whole-number limit, positions would show digits the value does not have.
        if a >= wholeLimit, wholeLimit < 1e15 { return (neg ? "-" : "") + scientific(digits, exp) }
        return (neg ? "-" : "") + place(digits, exp)
    }

    static func scientific(_ digits: String, _ exp: Int) -> String {
        let head = digits.prefix(1), tail = digits.dropFirst()
        return "\(head)\(tail.isEmpty ? "" : "." + tail)e\(exp)"
    }

    /// The first `n` significant decimal digits of `a` (rounded) and the decimal exponent
    /// of the first one.
    static func roundedDigits(_ a: Double, _ n: Int) -> (String, Int) {
        // Shortest round-trip text of the double gives exact decimal digits to round from.
        var (digits, exp) = decimalDigits(a)
        if digits.count > n {
            var d = Array(digits.utf8.map { Int($0) - 48 })
            let roundUp = d[n] >= 5  // half away from zero, on the exact shortest decimal
            d = Array(d[0..<n])
            if roundUp {
                var i = n - 1
                while i >= 0 {
                    if d[i] == 9 { d[i] = 0; i -= 1 } else { d[i] += 1; break }
                }
                if i < 0 { d.insert(1, at: 0); d.removeLast(); exp += 1 }
            }
            digits = String(d.map { Character(UnicodeScalar(UInt8($0 + 48))) })
        }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return (digits, exp)
    }

    /// Significant digits and exponent of Swift's shortest round-trip representation.
    static func decimalDigits(_ a: Double) -> (String, Int) {
        let s = "\(a)"  // e.g. "1.8189894035458565", "1e-05", "2.5e+20"
        var mantissa = Substring(s)
        var e = 0
        if let i = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<i]
            e = Int(s[s.index(after: i)...]) ?? 0
        }
        var intPart = Substring(mantissa), frac = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            frac = mantissa[mantissa.index(after: dot)...]
        }
        var all = String(intPart) + String(frac)
        var exp = intPart.count - 1 + e
        while all.count > 1, all.hasPrefix("0") { all.removeFirst(); exp -= 1 }
        while all.count > 1, all.hasSuffix("0") { all.removeLast() }
        return (all, exp)
    }

    static func place(_ digits: String, _ exp: Int) -> String {
        if exp >= 15 || exp < -4 {
            let head = digits.prefix(1), tail = digits.dropFirst()
            return "\(head)\(tail.isEmpty ? "" : "." + tail)e\(exp)"
        }
        if exp < 0 { return "0." + String(repeating: "0", count: -exp - 1) + digits }
        if digits.count <= exp + 1 { return digits + String(repeating: "0", count: exp + 1 - digits.count) }
        let i = digits.index(digits.startIndex, offsetBy: exp + 1)
        return digits[..<i] + "." + digits[i...]
    }

    /// Money: thousands separators, cents unless the amount is whole (`$14,400`, `$14.24`);
    /// an amount under a cent keeps its significant digits (`$0.004`).
    public static func money(_ x: Double, prefix: String, significant: Int = 6) -> String {
        if !x.isFinite || abs(x) >= 1e15 { return (x < 0 ? "-" : "") + prefix + format(abs(x)) }
        // Under a unit of money, digits past the cents are kept (`$0.004`, `$0.0195/h`).
        if x != 0, abs(x) < 1, abs(abs(x) * 100 - (abs(x) * 100).rounded()) > 1e-9 {
            return (x < 0 ? "-" : "") + prefix + format(abs(x), significant: min(significant, 3))
        }
        let cents = (abs(x) * 100).rounded()
        let whole = Int64(cents / 100), frac = Int64(cents) % 100
        var s = String(whole)
        var grouped = ""
        while s.count > 3 {
            grouped = "," + s.suffix(3) + grouped
            s.removeLast(3)
        }
        grouped = s + grouped
        let neg = x < 0 && cents != 0
        return (neg ? "-" : "") + prefix + grouped + (frac == 0 ? "" : "." + (frac < 10 ? "0" : "") + String(frac))
    }
}
