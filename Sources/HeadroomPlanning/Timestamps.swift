import HeadroomCore

/// Timestamps in CSV files: RFC 3339 (`2026-01-01T00:00:00Z`, fractions and offsets
/// allowed), a plain date (`2026-01-01`), or unix seconds (`1767225600`, fractions allowed).
enum Timestamps {
    static func parse(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { parse($0) }
    }

    /// The same, from a CSV field's bytes.
    static func parse(_ field: ArraySlice<UInt8>) -> Int64? {
        field.withUnsafeBufferPointer { parse($0) }
    }

    static func parse(_ t: UnsafeBufferPointer<UInt8>) -> Int64? {
        if !t.isEmpty, t.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }) {
            if t.count <= 13, !t.contains(46) {  // whole unix seconds, the common case
                let v = t.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
                return v < 10_000_000_000_000 ? v : nil
            }
            guard let v = Double(String(decoding: t, as: UTF8.self)), v < 1e13 else { return nil }
            return Int64(v.rounded(.down))
        }
        func num(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= t.count else { return nil }
            var v = 0
            for k in i..<(i + n) { guard t[k] >= 48, t[k] <= 57 else { return nil }; v = v * 10 + Int(t[k] - 48) }
            return v
        }
        guard let y = num(0, 4), t.count >= 10, t[4] == 45, let m = num(5, 2), t[7] == 45, let d = num(8, 2),
            (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        var seconds = CivilDate.daysFromCivil(y, m, d) * 86_400
        if t.count == 10 { return seconds }
        guard t.count >= 16, t[10] == 84 || t[10] == 116 || t[10] == 32, let hh = num(11, 2), t[13] == 58,
            let mm = num(14, 2), hh < 24, mm < 60
        else { return nil }
        var i = 16
        var ss = 0
        if i < t.count, t[i] == 58 {
            guard let s = num(i + 1, 2), s < 61 else { return nil }
            ss = s
            i += 3
            if i < t.count, t[i] == 46 {
                i += 1
                while i < t.count, t[i] >= 48, t[i] <= 57 { i += 1 }
            }
        }
        seconds += Int64(hh * 3600 + mm * 60 + ss)
        if i == t.count { return seconds }
        if t[i] == 90 || t[i] == 122 { return i + 1 == t.count ? seconds : nil }
        guard t[i] == 43 || t[i] == 45, let oh = num(i + 1, 2), i + 3 < t.count, t[i + 3] == 58,
            let om = num(i + 4, 2), i + 6 == t.count
        else { return nil }
        let offset = Int64(oh * 3600 + om * 60)
        return t[i] == 43 ? seconds - offset : seconds + offset
    }
}
