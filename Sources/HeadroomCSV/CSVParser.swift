/// RFC 4180 CSV read straight from bytes: a header row and records, fields separated by
/// commas, records by CRLF or LF (or a lone CR), fields in double quotes may hold commas,
/// line breaks and `""` for a quote. A UTF-8 byte order mark at the start is skipped.
///
/// Written for `load()` and `command(..., format: "csv")`, which read files of millions of
/// rows: CSV.swift, which this replaced, decoded every field scalar by scalar into a
/// `String` and took 0.7 of the 1.1 s a million-row load took (see docs/performance.md).
/// Unquoted fields are handed out as slices of the input, so a row costs no allocation.
public struct CSVParser {
    /// A record that could not be read, with the line it starts on (1-based).
    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    private let bytes: [UInt8]
    private var i: Int
    private var line = 1
    /// Fields of the record being read, reused from record to record.
    private var fields: [ArraySlice<UInt8>] = []

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record and the line it starts on, or nil at the end of the input.
    public mutating func next() throws(Failure) -> (fields: [ArraySlice<UInt8>], line: Int)? {
        guard i < bytes.count else { return nil }
        let start = line
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        while true {
            if i < n, bytes[i] == 0x22 {
                fields.append(try quoted(startLine: start))
            } else {
                let from = i
                while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                fields.append(bytes[from..<i])
            }
            // After a field: a comma (another field follows), a line end, or the end.
            if i < n, bytes[i] == 0x2C {
                i += 1
                continue
            }
            if i < n, bytes[i] == 0x0D { i += 1 }
            if i < n, bytes[i] == 0x0A { i += 1 }
            line += 1
            return (fields, start)
        }
    }

    /// A field in double quotes, `i` at the opening quote; leaves `i` after the closing one.
    private mutating func quoted(startLine: Int) throws(Failure) -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        i += 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x22 {
                if i + 1 < n, bytes[i + 1] == 0x22 {
                    out.append(0x22)
                    i += 2
                    continue
                }
                i += 1
                // Text after the closing quote and before the comma is kept, as spreadsheets do.
                while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    out.append(bytes[i])
                    i += 1
                }
                return out[...]
            }
            if b == 0x0A { line += 1 }
            out.append(b)
            i += 1
        }
        throw Failure(line: startLine, message: "a quoted field is not closed (a \" is missing)")
    }

    /// A field without blanks (spaces, tabs) around it.
    public static func trimmed(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = field.startIndex, e = field.endIndex
        while s < e, field[s] == 0x20 || field[s] == 0x09 { s += 1 }
        while e > s, field[e - 1] == 0x20 || field[e - 1] == 0x09 { e -= 1 }
        return field[s..<e]
    }

    /// A field as text.
    public static func string(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }

    /// A field as a number, as Swift's `Double(String)` reads it (`1500`, `-2.5e3`, `0x1p4`),
    /// or nil.
    public static func number(_ field: ArraySlice<UInt8>) -> Double? { DecimalBytes.parse(field) }
}
