import Foundation
import HeadroomCore
import Testing

@Suite("Loading CSV")
struct LoadTests {
    @Test func readsTimestampsInEveryFormat() {
        let csv = """
            time,used,free
            2026-01-01T00:00:00Z,100,900
            2026-01-02,110,890
            1767398400,120,880
            2026-01-04T02:00:00+02:00,130,870
            """
        let r = eval("d = load(\"u.csv\", unit: GB)\nd.used.values\nd.free.times", files: ["u.csv": csv])
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown == ["[100 GB, 110 GB, 120 GB, 130 GB]", "[2026-01-01, 2026-01-02, 2026-01-03, 2026-01-04]"])
        let free = eval("load(\"u.csv\", column: \"free\").values", files: ["u.csv": csv])
        #expect(free.shown == ["[900, 890, 880, 870]"])
    }

    @Test(arguments: [
        ("time,v\nyesterday,1\n", "u.csv:2: cannot read the timestamp \"yesterday\""),
        ("time,v\n2026-01-01,abc\n", "u.csv:2: column \"v\" holds \"abc\", not a number"),
        ("time\n2026-01-01\n", "u.csv needs at least two columns (time, value)"),
        ("time,v\n", "u.csv has no data rows"),
        ("time,v\n2026-01-01,1\n2026-01-01,2\n", "u.csv has two rows for 2026-01-01T00:00:00Z"),
        ("time,v\n2026-01-01,1\n2026-01-02,\"2\n", "u.csv:3: a quoted field is not closed (a \" is missing)"),
        ("time,v\n\n2026-01-01,1\n\n2026-01-02,x\n", "u.csv:5: column \"v\" holds \"x\", not a number"),
    ])
    func explainsBadFiles(_ csv: String, _ message: String) {
        #expect(eval("load(\"u.csv\")", files: ["u.csv": csv]).error == message)
    }

    @Test func missingFileAndColumn() {
        #expect(eval("load(\"nope.csv\")").error == "cannot read \"nope.csv\": no such file")
        #expect(
            eval("load(\"u.csv\", column: \"uesd\")", files: ["u.csv": "t,used\n2026-01-01,1\n"]).error
                == "u.csv has no column \"uesd\"")
    }

    @Test func blanksAroundFieldsAndWindowsLineEndingsAreFine() {
        // As spreadsheets export: padded cells, a padded header, CRLF line ends, a tab.
        let csv = "time , used\r\n 2026-01-01 , 100 \r\n2026-01-02,\t110\r\n"
        let r = eval("s = load(\"u.csv\", column: \"used\")\ns.values\ns.times", files: ["u.csv": csv])
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown == ["[100, 110]", "[2026-01-01, 2026-01-02]"])
    }

    @Test func quotedCellsAndAByteOrderMark() {
        // As Excel saves "CSV UTF-8": a BOM, quoted header and cells, CRLF.
        let csv = "\u{FEFF}\"time\",\"used, GB\"\r\n\"2026-01-01\",\"100\"\r\n2026-01-02,110\r\n"
        let r = eval("s = load(\"u.csv\", column: \"used, GB\")\ns.values\ns.times", files: ["u.csv": csv])
        #expect(r.error == nil, "\(r.error ?? "")")
        #expect(r.shown == ["[100, 110]", "[2026-01-01, 2026-01-02]"])
    }

    @Test func sortsRowsByTime() {
        let r = eval("load(\"u.csv\").values", files: ["u.csv": "t,v\n2026-01-02,2\n2026-01-01,1\n"])
        #expect(r.shown == ["[1, 2]"])
    }
}
