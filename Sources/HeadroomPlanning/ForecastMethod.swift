import HeadroomCore

/// The forecasting methods, by the names plans use. Code compares these, not strings.
enum ForecastMethod: String, CaseIterable, Sendable {
    case linear, compound, holt

    /// What a plan asks `project` for: one method, or the one a backtest picks.
    enum Choice: Equatable {
        case method(ForecastMethod)
        case auto
    }

    /// The method a plan named (argument `i` of the call), or an error listing them.
    static func parse(_ name: String, allowAuto: Bool, _ c: BuiltinCall, _ i: Int) throws(Diagnostic) -> Choice {
        if allowAuto, name == "auto" { return .auto }
        if let m = ForecastMethod(rawValue: name) { return .method(m) }
        let names = allCases.map(\.rawValue) + (allowAuto ? ["auto"] : [])
        throw c.fail(
            "no method \"\(name)\"", i,
            notes: Suggest.notes(for: name, among: names) + ["methods: \(names.joined(separator: ", "))"])
    }
}
