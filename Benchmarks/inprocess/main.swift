// In-process timings (issue 14): what a step costs inside a running session, without
// process start-up: `fit` and a 12-month `project` over 1,000,000 points (target: under
// 30 ms together), and ordinary prompt entries after the first (target: one frame, 16 ms).
// Run by `make bench`; medians of repeated runs on a fixed, seeded series.
import Foundation
import HeadroomCore
import HeadroomPlanning

/// Median and maximum milliseconds of `runs` runs of `body`.
nonisolated func time(_ runs: Int, _ body: () throws -> Void) rethrows -> (median: Double, max: Double) {
    var ms: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        try body()
        let d = clock.now - start
        ms.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }
    ms.sort()
    return (ms[ms.count / 2], ms[ms.count - 1])
}

nonisolated func row(_ name: String, _ t: (median: Double, max: Double)) {
    let pad = String(repeating: " ", count: max(0, 52 - name.count))
    Swift.print(name + pad + String(format6(t.median)) + "  " + String(format6(t.max)))
}

nonisolated func format6(_ x: Double) -> String {
    let s = String(Int((x * 100).rounded()))
    let padded = String(repeating: "0", count: max(0, 3 - s.count)) + s
    let text = padded.dropLast(2) + "." + padded.suffix(2)
    return String(repeating: " ", count: max(0, 9 - text.count)) + text
}

nonisolated func main() throws {
    let host = MemoryHost()
    let session = Session(host: host, builtins: .standard(), stackBudget: 256 << 20)
    // A million one-minute samples: a trend, a daily cycle and noise (a fixed LCG).
    let n = 1_000_000
    var seed: UInt64 = 42
    func noise() -> Double {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(seed >> 11) / Double(1 << 53) - 0.5
    }
    let start: Int64 = 1_735_689_600
    var csv = "time,used\n"
    for i in 0..<n {
        let trend = 120e9 + 1.9e4 * 60 * Double(i)
        let day = 2e9 * sin(2 * Double.pi * Double(i % 1440) / 1440)
        csv += "\(start + 60 * Int64(i)),\(Int64(trend + day + 1e9 * noise()))\n"
    }
    host.files["usage.csv"] = csv
    _ = try session.run(SourceFile(name: "setup", text: "s = load(\"usage.csv\", unit: B)"))
    // The plan shown at the prompt is kept in memory too: the CSV is not needed again.
    host.files = [:]
    Swift.print("in-process, ms                                       median      max")
    row("fit, 1,000,000 points", try time(11) { _ = try session.run(SourceFile(name: "b", text: "fit(s)")) })
    row(
        "fit + project 365 days (daily), 1,000,000 points",
        try time(11) {
            _ = try session.run(SourceFile(name: "b", text: "project(s, 365 days, step: 1 day)"))
        })

    // Prompt entries: a session with a cluster, a series and functions, then entries of the
    // kinds people type; each timed after its first run.
    _ = try session.run(
        SourceFile(
            name: "setup",
            text: """
                node = {cores: 12 cores, memory: 64 GiB, disk: 2 TB}
                c = cluster(nodes: 3, node: node, replication: 3)
                daily = resample(s, 1 day, "mean")
                fn monthly_cost(nodes) = nodes * $95/month
                """))
    let entries = [
        "64 GiB * 3 -> TiB", "c", "monthly_cost(6) * 12 months", "fit(daily).slope -> GB/day",
        "runway(daily, 200 TB)", "map([1, 2, 3, 4], n => monthly_cost(n))",
        "project(daily, 90 days, method: \"holt\")",
    ]
    for e in entries {
        _ = try session.run(SourceFile(name: "<input>", text: e))
        row("entry: " + e, try time(21) { _ = try session.run(SourceFile(name: "<input>", text: e)) })
    }
}

/// Deep plans need more stack than the main thread has; closures made here are not tied to
/// the main actor (top-level code is), so they may run on that thread.
nonisolated func onLargeStack() throws { try withLargeStack { Result { try main() } }.get() }

try onLargeStack()
