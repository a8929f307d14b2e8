import HeadroomCore
import Testing

@testable import HeadroomPlanning

@Suite("Charts in the terminal")
struct TerminalChartTests {
    static let plot = """
        s = series([100, 104, 109, 111, 118, 121, 127, 126, 134, 139] GB, start: 2026-01-01, step: 1 day)
        plot(s, 20 days, capacity: 250 GB, threshold: 70%)
        """

    func shown(_ options: DisplayOptions) -> [String] {
        let r = eval(Self.plot)
        guard let v = r.values.last else { return [] }
        return ValueFormatter.display(v, options: options).split(separator: "\n").map(String.init)
    }

    @Test func asciiHasEveryLayerAndFitsTheWidth() {
        let lines = shown(DisplayOptions(width: 60, ascii: true))
        #expect(lines.count == 14, "\(lines.joined(separator: "\n"))")
        for line in lines.dropLast() { #expect(line.count <= 60, "\(line)") }
        let art = lines.prefix(10).joined()
        for c in ["*", "o", ":", "-", "|"] { #expect(art.contains(c), "no \(c)") }
        #expect(lines[0].hasPrefix("250 |"))
        #expect(lines[9].hasPrefix("100 |"))
        #expect(lines[10].contains("2026-01-01") && lines[10].contains("2026-01-30"))
        #expect(lines[11].hasPrefix("     * history, o forecast, : band,"))
        #expect(lines[12].contains("| reached 2026-01-18 (GB)"))
        #expect(lines[13].hasPrefix("series of 20 points"))
        let plain = art.allSatisfy { $0.isASCII }
        #expect(plain)
    }

    @Test func brailleByDefault() {
        let lines = shown(DisplayOptions(width: 80))
        #expect(lines[0].unicodeScalars.contains { $0.value >= 0x2800 && $0.value <= 0x28FF })
        #expect(lines.prefix(10).allSatisfy { $0.count <= 80 })
    }

    @Test func aSeriesThatIsNotPlottedStaysOneLine() {
        let r = eval("series([1, 2, 3] GB, start: 2026-01-01, step: 1 day)")
        #expect(r.shown.first?.split(separator: "\n").count == 1)
    }
}
