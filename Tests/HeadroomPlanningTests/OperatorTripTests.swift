import HeadroomCore
import HeadroomPlanning
import Testing

/// What an operator tripped on, working through the runbook: each case failed before its fix.
@Suite("Operator trips")
struct OperatorTripTests {
    @Test func infinityNeverSlipsThrough() {
        #expect(eval("1e300 EB -> bit").error == "the result is too large")
        #expect(eval("1e308 B -> bit").error == "1e290 EB is too large to show in bit")
        #expect(
            eval("fit(series([1e300, 1e308] B, start: 2026-01-01, step: 1 day))").error
                == "the result of fit is too large")
    }

    @Test func bandsHoldTheEstimateAndNeedPoints() {
        let s = "r = runway(series([100, 104, 108, 112] GB, start: 2026-01-01, step: 1 day), 1 TB)\n"
        #expect(value(s + "r.low <= r.runway and r.runway <= r.high") == "true")
        #expect(value("runway(series([100, 104] GB, start: 2026-01-01, step: 1 day), 1 TB).low") == "n/a")
        let p = eval("project(series([1, 2] GB, start: 2026-01-01, step: 1 day), 2 days)")
        guard case .series(let f)? = p.values.last else {
            Issue.record("\(p.error ?? "no series")")
            return
        }
        #expect(f.lower == nil && f.upper == nil)
        #expect(f.name?.contains("no band: too few points") == true)
    }

    @Test func aCSVWithoutAHeaderIsData() {
        let r = eval("load(\"n.csv\", unit: GB).values", files: ["n.csv": "2026-01-01,100\n2026-01-02,104\n"])
        #expect(r.shown == ["[100 GB, 104 GB]"])
    }

    @Test(arguments: [
        ("cluster(nodes: 3, node: {cpus: 12 cores})", "cluster's 'node' has no field 'cpus'"),
        ("cluster(3, {core: 12 cores, name: \"x\"})", "cluster's 'node' has no field 'core'"),
        ("option(\"A\", cost: $1500, cpu: 33)", "'cpu' is a percentage, such as 33%"),
        ("option(\"A\", cost: 1500)", "'cost' is an amount of money, such as $1500"),
        (
            "compare([option(\"A\", cost: $1, cpu: 10%)], weights: {cpu: 50%, memory: 50%, storage: 50%})",
            "the weights add up to 150%, not 100%"
        ),
        (
            "compare([option(\"A\", cost: $1, cpu: 10%)], weights: {cpu: 50%})",
            "weights need cpu, memory and storage as percentages; 'memory' is missing"
        ),
        ("runway(1 TB, 2 TB, 1 GB/month, threshold: 180%)", "'threshold' must be at most 100%"),
        ("policy(storage: 0%)", "'storage' must be above 0%"),
    ])
    func portingTheRunbookIsFlagged(_ text: String, _ message: String) {
        #expect(eval(text).error == message)
    }

    /// A node record may describe the hardware (name, price): only misspellings are errors.
    @Test func descriptiveFieldsAreFine() {
        #expect(eval("cluster(3, {name: \"MS-01\", cores: 12 cores, price: $1500})").error == nil)
    }

    /// The growth buffer moves the runway: growth is planned 20% higher by default, and 0%
    /// turns it off.
    @Test func theBufferAppliesToGrowth() {
        let plan = """
            c = cluster(3, {cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}, 3)
            fn r(b) = compare([option("A", cost: $1000, storage: 50%)], cluster: c, usage: {storage: 1 TB}, growth: {storage: 50 GB/month}, policy: policy(buffer: b))[0].runway
            [r(0%), r(20%), r(90%)]
            """
        let v = value(plan)
        #expect(v == "[8 months, 6.66667 months, 4.21053 months]", "\(v)")  // 400 GB at 50, 60, 95 GB/month
    }
}
