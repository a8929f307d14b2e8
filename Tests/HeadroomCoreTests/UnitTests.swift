import Foundation
import Testing

@testable import HeadroomCore

@Suite("Units, conversions and dimension checks")
struct UnitTests {
    @Test(arguments: [
        // The figures issue #2 names.
        ("3 * 64 GiB", "192 GiB"),
        ("6 * 1 TB / 3 -> TiB", "1.81899 TiB"),
        ("(2 TB * 80% - 116 GiB) / (50 GB/month)", "29.5089 months"),
        ("65 W * 1 month * 0.30 USD/kWh", "$14.24"),
        // Conversions.
        ("2 TB -> TiB", "1.81899 TiB"),
        ("2 TB to GiB", "1862.65 GiB"),
        ("50 GB/month -> TB/year", "0.6 TB/year"),
        ("1 Gbit/s -> MB/s", "125 MB/s"),
        ("1 Gbps -> MB/s", "125 MB/s"),
        ("1 GiB -> MiB", "1024 MiB"),
        ("8 bit -> B", "1 B"),
        ("1 year -> days", "365.243 days"),
        ("1 month -> days", "30.4369 days"),
        ("1 quarter -> months", "3 months"),
        ("1 week -> h", "168 h"),
        ("1500 mcore -> cores", "1.5 cores"),
        ("250 millicores -> core", "0.25 cores"),
        ("1 kWh -> Wh", "1000 Wh"),
        ("3 kW * 2 h -> kWh", "6 kWh"),
        ("0.5 -> %", "50%"),
        // Display keeps the user's unit and simplifies compound ones.
        ("50 GB/month * 12 months", "600 GB"),
        ("1 TB / (100 GB/day)", "10 days"),
        ("1 TB / 1 GB", "1000"),
        ("20 job/month * 5 GiB/job * 70%", "70 GiB/month"),
        ("2 TB * 80%", "1.6 TB"),
        ("70% * 2", "1.4"), ("70% * 100", "70"), ("50% * 50%", "25%"),
        ("50% * 50%", "25%"),
        ("20% / 5%", "4"),
        ("1 + 5%", "1.05"),
        ("1 TB + 24 GB", "1.024 TB"),
        ("64 GiB + 1 GB", "64.9313 GiB"),
        ("12 cores * 3", "36 cores"),
        ("1 core", "1 core"),
        ("1 day + 12 h", "1.5 days"),
        ("$1500 * 3", "$4,500"),
        ("€200 + 50 EUR", "€250"),
        ("$1500 / 1 month", "$1,500/month"), ("$1500 / 36 months", "$41.67/month"), ("$0.004", "$0.004"),
        ("1223830000000 B", "1.22383 TB"), ("1223830000000 B -> B", "1.22383e12 B"), ("2 TiB * 1024 * 1024", "2 EiB"),
        ("65 W * 0.30 USD/kWh * 1 month", "$14.24"),
        ("5 GB^2 / 1 GB", "5 GB"),
        ("(4 GB)^2", "16 GB^2"),
        ("sqrt(16 GB^2)", "4 GB"),
        ("10 GB/s * 1 min", "600 GB"),
    ])
    func evaluates(_ source: String, _ expected: String) {
        #expect(value("unit job\n" + source) == expected)
    }

    @Test(arguments: [
        ("5 GB + 3 days", "cannot add Bytes and Time"),
        ("1 TB - 1", "cannot subtract Bytes and plain number"),
        ("$5 + €5", "cannot add USD and EUR"),
        ("1 TB > 1 month", "cannot compare Bytes and Time"),
        ("2 TB -> hours", "cannot convert Bytes to Time"),
        ("65 W -> kWh", "cannot convert Power to Energy"),
        ("50 GB/month -> GB", "cannot convert DataRate to Bytes"),
        ("2 ^ 1 GB", "an exponent must be a plain number"),
        ("2026-01-01 + 5 GB", "cannot add a date and Bytes"),
    ])
    func rejects(_ source: String, _ message: String) {
        let r = run(source)
        #expect(r.first?.message == message)
        #expect(r.first?.stage == .dimension)
    }

    @Test func declaredUnitsAreTheirOwnDimension() {
        #expect(value("unit node\nunit rack = 42 node\n2 rack -> nodes") == "84 nodes")
        #expect(value("unit node\n1 node") == "1 node")
        #expect(run("unit node\n1 node + 1 GB").first?.message == "cannot add node and Bytes")
        #expect(run("unit GB").first?.message == "'GB' is already a built-in unit")
    }

    @Test func simplificationPicksTheUnitCarryingTheDimension() {
        let w = UnitProduct([
            (UnitRegistry().lookup("W")!, 1), (UnitRegistry().lookup("month")!, 1),
            (UnitRegistry().lookup("USD")!, 1), (UnitRegistry().lookup("kWh")!, -1),
        ])
        #expect(w.simplified().symbol == "USD")
        #expect(Dimension(base: "Bytes").description == "Bytes")
        #expect((Dimension(base: "Bytes") / Dimension(base: "Time")).description == "DataRate")
        #expect((Dimension(base: "Cores") * Dimension(base: "Time")).description == "Cores·Time")
    }

    /// `UnitAtom.builtin` stops the program on a spelling that is not built in, so every
    /// spelling the sources ask for is checked here (found by scanning the sources).
    @Test func everyBuiltinSpellingTheSourcesUseExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let pattern = try Regex(#"(?:\.builtin|c\.atom)\("([^"]+)"\)"#)
        var seen = Set<String>()
        for f in files {
            let text = try String(contentsOf: f, encoding: .utf8)
            for m in text.matches(of: pattern) { seen.insert(String(m.output[1].substring ?? "")) }
        }
        #expect(seen.count >= 8)
        for s in seen.sorted() { #expect(BuiltinUnits.bySpelling[s] != nil, "no built-in unit '\(s)'") }
        for s in ["KiB", "MiB", "GiB", "TiB", "PiB"] { #expect(BuiltinUnits.bySpelling[s] != nil) }
    }
}
