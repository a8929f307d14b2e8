import ArgumentParser
import Foundation
import HeadroomCore
import HeadroomIO
import HeadroomPlanning

/// `--report out.json` (and `--since last.json`): the report the plan's `report(...)` made,
/// as JSON (docs/report.schema.json), written atomically. A run that fails writes nothing.
enum ReportFile {
    static func write(_ state: SessionState, to path: String, since: String?, quiet: Bool) throws {
        guard var report = state.extensions[CapacityReport.stateKey] as? CapacityReport else {
            SystemIO.write("error: --report: the plan made no report (call report(...) in it)\n", to: .err)
            throw ExitCode(1)
        }
        if let since {
            let old: CapacityReport
            do {
                let bytes = try SystemIO.readFile(since)
                old = try JSONDecoder().decode(CapacityReport.self, from: Data(bytes))
            } catch let e as SystemIO.Failure {
                SystemIO.write("error: --since: cannot read \(since): \(e.message)\n", to: .err)
                throw ExitCode(1)
            } catch {
                SystemIO.write("error: --since: \(since) is not a Headroom report: \(describe(error))\n", to: .err)
                throw ExitCode(1)
            }
            report.since = report.since(old)
            if !quiet, let s = report.since { SystemIO.write(summary(s), to: .out) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(report) } catch {
            SystemIO.write("error: --report: \(error)\n", to: .err)
            throw ExitCode(1)
        }
        do { try SystemIO.writeFile(path, String(decoding: data, as: UTF8.self) + "\n") } catch {
            SystemIO.write("error: cannot write \(path): \(error.message)\n", to: .err)
            throw ExitCode(1)
        }
    }

    /// What moved, for Monday morning.
    static func summary(_ s: CapacityReport.Since) -> String {
        var lines = ["Since \(s.timestamp):"]
        for name in ["cpu", "memory", "storage"] {
            guard let change = s.runwayChange[name] else { continue }
            if let c = change {
                let rounded = (c * 10).rounded() / 10
                let sign = rounded > 0 ? "+" : ""
                lines.append("  \(name) runway \(sign)\(NumberFormat.format(rounded)) months")
            } else {
                lines.append("  \(name) runway: never then or now")
            }
        }
        let gib = s.storageGrowthChange / 1_073_741_824
        lines.append(
            "  storage growth \(gib >= 0 ? "+" : "")\(NumberFormat.format((gib * 10).rounded() / 10)) GiB/month")
        for r in s.newRecommendations { lines.append("  new: \(r)") }
        for r in s.resolvedRecommendations { lines.append("  resolved: \(r)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case DecodingError.dataCorrupted: return "not JSON"
        default: return "\(error)"
        }
    }
}
