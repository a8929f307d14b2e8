import HeadroomCore

/// Runs plan text in a fresh session (on a large stack, as the CLI does) and returns what
/// it showed and printed, or the diagnostics.
struct PlanRun {
    var shown: [String] = []
    var printed: [String] = []
    var diagnostics: [Diagnostic] = []
    var rendered = ""

    var ok: Bool { diagnostics.isEmpty }
    var last: String { shown.last ?? "" }
    var first: Diagnostic? { diagnostics.first }
}

func run(_ text: String, files: [String: String] = [:], session existing: Session? = nil) -> PlanRun {
    withLargeStack {
        let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
        host.files = files
        let session = existing ?? Session(host: host, stackBudget: 200 << 20)
        var r = PlanRun()
        do {
            try session.run(SourceFile(name: "test.plan", text: text))
        } catch let error as DiagnosticList {
            r.diagnostics = error.diagnostics
            r.rendered = DiagnosticRenderer(sources: session.sources).render(error.diagnostics)
        } catch {
            r.rendered = "unexpected \(error)"
        }
        let h = session.host as! MemoryHost
        r.shown = h.shown.map { ValueFormatter.display($0) }
        r.printed = h.printed
        return r
    }
}

/// The display of the last value of `text`.
func value(_ text: String) -> String {
    let r = run(text)
    return r.ok ? r.last : "error: " + (r.first?.message ?? "?")
}
