import HeadroomCSV
import Testing

/// The byte-level CSV reader `load()` and `command(..., format: "csv")` share: RFC 4180
/// quoting, line ends, the byte order mark, and errors that name the line.
@Suite("CSV parser")
struct CSVParserTests {
    static func rows(_ text: String) throws(CSVParser.Failure) -> [[String]] {
        var p = CSVParser(Array(text.utf8))
        var out: [[String]] = []
        while let r = try p.next() { out.append(r.fields.map { CSVParser.string($0) }) }
        return out
    }

    @Test func readsRFC4180Quoting() throws {
        let text = "name,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\nplain,\"\"\r\n"
        #expect(
            try Self.rows(text) == [["name", "note"], ["a, b", "say \"hi\""], ["two\nlines", "x"], ["plain", ""]])
    }

    @Test func lineEndsOfEveryKindAndNoneAtTheEnd() throws {
        #expect(try Self.rows("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try Self.rows("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(try Self.rows("a,b\rc,d\r") == [["a", "b"], ["c", "d"]])
        #expect(try Self.rows("a,\n,\n") == [["a", ""], ["", ""]])
        #expect(try Self.rows("") == [])
    }

    @Test func skipsTheByteOrderMark() throws {
        #expect(try Self.rows("\u{FEFF}time,v\n1,2\n") == [["time", "v"], ["1", "2"]])
    }

    @Test func anUnclosedQuoteNamesTheLineItStartsOn() {
        #expect(throws: CSVParser.Failure(line: 3, message: "a quoted field is not closed (a \" is missing)")) {
            try Self.rows("t,v\n1,2\n3,\"4\n5,6\n")
        }
    }

    @Test func recordsKnowTheirFirstLine() throws {
        var p = CSVParser(Array("a\n\"x\ny\"\nb\n".utf8))
        var lines: [Int] = []
        while let r = try p.next() { lines.append(r.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test func numbersReadAsSwiftReadsThem() {
        func n(_ s: String) -> Double? { CSVParser.number(Array(s.utf8)[...]) }
        #expect(n("1500") == 1500)
        #expect(n("-42") == -42)
        #expect(n("+7") == 7)
        #expect(n("123456789012345") == 123_456_789_012_345)
        #expect(n("1234567890123456789") == 1_234_567_890_123_456_789)
        #expect(n("2.5e3") == 2500)
        #expect(n("0.1") == 0.1)
        #expect(n("") == nil)
        #expect(n("-") == nil)
        #expect(n("12abc") == nil)
        #expect(n("1 2") == nil)
    }

    @Test func trimsBlanksOnly() {
        #expect(CSVParser.string(CSVParser.trimmed(Array(" \t12 \t".utf8)[...])) == "12")
        #expect(CSVParser.trimmed(Array("   ".utf8)[...]).isEmpty)
    }
}
