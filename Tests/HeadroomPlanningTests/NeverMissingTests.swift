import HeadroomCore
import HeadroomPlanning
import Testing

/// `never` and missing values are values of their own: no sentinel dates, no strings in
/// number columns; renderers choose the words.
@Suite("never and missing")
struct NeverMissingTests {
    static let flat = "r = runway(1 TB, 2 TB, 0 GB/month)\n"

    @Test(arguments: [
        ("r", "never"), ("r + 1 month", "never"), ("today() + r", "never"), ("r > 10 years", "true"),
        ("r == r", "true"), ("r * 2", "never"), ("1 year / r", "0"), ("sum([r, 1 month])", "never"),
        ("min(r, 3 months)", "3 months"), ("max(r, 3 months)", "never"), ("mean([r, 1 day])", "never"),
        ("exhausts(1 TB, 2 TB, 0 GB/month)", "never"), ("exhausts(1 TB, 2 TB, 0 GB/month) > 2100-01-01", "true"),
        ("max(2026-01-01, exhausts(1 TB, 2 TB, 0 GB/month))", "never"),
        ("min(2026-01-01, exhausts(1 TB, 2 TB, 0 GB/month))", "2026-01-01"),
    ])
    func neverKeepsItsMeaning(_ text: String, _ shown: String) {
        #expect(value(Self.flat + text) == shown)
    }

    @Test func neverHasNoFiniteArithmetic() {
        let r = eval(Self.flat + "r - r")
        #expect(r.error == "cannot subtract never: it has no finite value")
        #expect(
            eval(Self.flat + "year(exhausts(1 TB, 2 TB, 0 GB/month))").error?.hasPrefix("year needs a finite value")
                == true)
    }

    @Test func neverInJSONIsNullWithWhatItIs() {
        guard let v = eval(Self.flat + "r").values.last else {
            Issue.record("no value")
            return
        }
        #expect(JSONRenderer.value(v) == #"{"type":"never","of":"duration","value":null,"display":"never"}"#)
    }

    /// A MAPE over values that include 0 is missing: "n/a" in the table, null with the reason in
    /// JSON, and an error (not a wrong number) in arithmetic.
    @Test func aMissingCellIsAValueOfItsOwn() {
        let s = "s = series([10, 20, 30, 40, 50, 0, 0] GB, start: 2026-01-01, step: 1 day)\n"
        let b = eval(s + "backtest(s, \"linear\", holdout: 2 days)")
        #expect(b.error == nil, "\(b.error ?? "")")
        guard case .record(let rec)? = b.values.last, let mape = rec["mape"] else {
            Issue.record("no record")
            return
        }
        #expect(ValueFormatter.inline(mape) == "n/a")
        #expect(JSONRenderer.value(mape).hasPrefix(#"{"type":"missing","value":null,"reason":"MAPE divides"#))
        #expect(
            eval(s + "backtest(s, \"linear\", holdout: 2 days).mape + 1%").error?.hasPrefix("this value is missing")
                == true)
        #expect(
            value(s + "backtest(s, \"linear\", holdout: 2 days).mape == backtest(s, \"linear\", holdout: 2 days).mape")
                == "true")
    }

    /// The comparison table's number columns hold numbers (or missing values), so they align.
    @Test func comparisonColumnsHoldNoStrings() {
        let plan = """
            c = cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3)
            compare([option("A", cost: $1000, storage: 50%)], cluster: c, usage: {storage: 1 TB}, growth: {storage: 50 GB/month})
            """
        let r = eval(plan)
        guard case .list(let rows)? = r.values.last else {
            Issue.record("\(r.error ?? "no table")")
            return
        }
        for row in rows {
            guard case .record(let rec) = row else { continue }
            for name in ["cost", "cost_per_month", "runway", "gained"] {
                if case .string? = rec[name] { Issue.record("\(name) holds a string") }
            }
        }
    }
}
