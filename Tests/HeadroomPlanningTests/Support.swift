import HeadroomCore
import HeadroomPlanning

/// Runs plan text with the standard builtins; returns shown values (display text) or the
/// first error message.
func eval(_ text: String, files: [String: String] = [:]) -> (shown: [String], error: String?, values: [Value]) {
    withLargeStack {
        let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
        host.files = files
        let session = Session(host: host, builtins: .standard(), stackBudget: 100 << 20)
        do {
            try session.run(SourceFile(name: "test.plan", text: text))
            return (host.shown.map { ValueFormatter.display($0) }, nil, host.shown)
        } catch let e as DiagnosticList {
            return (host.shown.map { ValueFormatter.display($0) }, e.diagnostics.first?.message, host.shown)
        } catch {
            return ([], "\(error)", [])
        }
    }
}

func value(_ text: String) -> String {
    let r = eval(text)
    return r.error.map { "error: " + $0 } ?? r.shown.last ?? ""
}

/// The base-unit magnitude of the last value shown (a quantity).
func magnitude(_ text: String) -> Double {
    guard case .quantity(let q)? = eval(text).values.last else { return .nan }
    return q.base
}

func close(_ a: Double, _ b: Double, _ rel: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= rel * max(abs(a), abs(b))
}
