/// Numbers read from bytes without making a `String`: the same value Swift's
/// `Double(String)` gives (correctly rounded), for the decimal forms data files and the
/// Prometheus API write (`1500`, `-2.5`, `1.2e-3`, `0.000123`). Anything else (more than 19
/// digits, hexadecimal, `inf`) is handed to `Double(String)`.
public enum DecimalBytes {
    private static let powers: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == 0x2D || bytes[i] == 0x2B {
            negative = bytes[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var any = false
        while i < n, bytes[i] &- 0x30 < 10 {
            if digits < 19 {
                mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30)
                if mantissa != 0 { digits += 1 }
            } else {
                return slow(bytes)
            }
            any = true
            i += 1
        }
        if i < n, bytes[i] == 0x2E {
            i += 1
            while i < n, bytes[i] &- 0x30 < 10 {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30)
                    if mantissa != 0 { digits += 1 }
                    fraction += 1
                } else {
                    return slow(bytes)
                }
                any = true
                i += 1
            }
        }
        guard any else { return slow(bytes) }
        var exponent = 0
        if i < n, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            var negativeExponent = false
            if i < n, bytes[i] == 0x2D || bytes[i] == 0x2B {
                negativeExponent = bytes[i] == 0x2D
                i += 1
            }
            var e = 0
            var seen = false
            while i < n, bytes[i] &- 0x30 < 10 {
                if e < 10_000 { e = e * 10 + Int(bytes[i] - 0x30) }
                seen = true
                i += 1
            }
            guard seen else { return nil }
            exponent = negativeExponent ? -e : e
        }
        guard i == n else { return slow(bytes) }
        // Clinger's fast path: both the mantissa and the power of ten are exact doubles, so
        // one multiplication or division rounds correctly.
        let e10 = exponent - fraction
        if mantissa <= 1 << 53, abs(e10) <= 22 {
            let m = Double(mantissa)
            let v = e10 < 0 ? m / powers[-e10] : m * powers[e10]
            return negative ? -v : v
        }
        return slow(bytes)
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    private static func slow(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self))
    }
}
