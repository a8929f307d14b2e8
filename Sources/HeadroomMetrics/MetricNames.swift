import Foundation
import HeadroomCore

/// Units from Prometheus metric names: `_bytes` is bytes, `_seconds` seconds, `_ratio` and
/// `_percent` plain numbers (a `_percent` value of 45 is 45%). Others are plain numbers
/// unless the query says `unit:`.
enum MetricNames {
    static func unit(forName name: String, _ units: UnitRegistry) -> UnitProduct? {
        let name = name.hasSuffix("_total") ? String(name.dropLast(6)) : name
        if name.hasSuffix("_bytes") { return UnitProduct(UnitAtom.builtin("B")) }
        if name.hasSuffix("_seconds") { return UnitProduct(UnitAtom.builtin("s")) }
        if name.hasSuffix("_ratio") { return UnitProduct(.percent) }
        if name.hasSuffix("_percent") { return UnitProduct(.percent) }
        return nil
    }

    /// The metric a query reads, when the query is a plain selector (`name`, `name{...}`,
    /// `name[30d]`); nil for expressions, whose unit the name does not tell.
    static func selectorName(_ promql: String) -> String? {
        let s = promql.trimmingCharacters(in: .whitespacesAndNewlines)
        var name = ""
        for c in s {
            if c.isLetter || c.isNumber || c == "_" || c == ":" { name.append(c) } else { break }
        }
        guard let first = name.first, !first.isNumber else { return nil }
        let rest = String(s.dropFirst(name.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        if rest.isEmpty { return name }
        if rest.hasPrefix("{") || rest.hasPrefix("["), !rest.contains("(") { return name }
        return nil
    }

    /// A `_percent` metric counts in percent: 45 means 45%, so its base value is 0.45.
    static func scale(forName name: String) -> Double { name.hasSuffix("_percent") ? 0.01 : 1 }
}
