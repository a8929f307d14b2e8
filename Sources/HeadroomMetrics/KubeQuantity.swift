import Foundation

/// Kubernetes resource quantities (`250m`, `321069224n`, `1536Mi`, `12345678Ki`, `1.5e3`,
/// `2Gi`, `1E`), as the API server writes them:
///
///     quantity ::= signedNumber suffix
///     suffix   ::= binarySI (Ki Mi Gi Ti Pi Ei) | decimalSI (n u m "" k M G T P E) | ("e"|"E") signedNumber
public enum KubeQuantity {
    static let binary: [String: Double] = [
        "Ki": 1024, "Mi": 1048576, "Gi": 1073741824, "Ti": 1099511627776,
        "Pi": 1125899906842624, "Ei": 1152921504606846976,
    ]
    static let divisors: [String: Double] = ["n": 1e9, "u": 1e6, "m": 1e3]
    static let decimal: [String: Double] = [
        "": 1, "k": 1e3, "M": 1e6, "G": 1e9,
        "T": 1e12, "P": 1e15, "E": 1e18,
    ]

    /// The value in base units (cores, bytes), or nil for text that is not a quantity.
    public static func parse(_ text: String) -> Double? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < s.count, (s[i] >= 48 && s[i] <= 57) || s[i] == UInt8(ascii: ".") { i += 1 }
        guard i > digitsStart, let number = Double(String(decoding: s[0..<i], as: UTF8.self)) else { return nil }
        let suffix = String(decoding: s[i...], as: UTF8.self)
        if let d = divisors[suffix] { return number / d }  // exact where multiplying by 1e-9 is not
        if let f = binary[suffix] ?? decimal[suffix] { return number * f }
        // A decimal exponent: "1.5e3", "1E-3". A lone "E" is exa (handled above).
        if let first = suffix.first, first == "e" || first == "E", let exp = Int(suffix.dropFirst()), abs(exp) < 300 {
            var v = number
            for _ in 0..<abs(exp) { v = exp > 0 ? v * 10 : v / 10 }
            return v
        }
        return nil
    }
}
