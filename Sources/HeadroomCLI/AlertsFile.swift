import ArgumentParser
import HeadroomCore
import HeadroomExport
import HeadroomIO
import HeadroomPlanning

/// `--alerts out.yaml`: the rules the plan's `alerts(...)` made, written atomically.
enum AlertsFile {
    static func write(_ state: SessionState, to path: String, format: AlertRulesYAML.Format) throws {
        guard let group = state.extensions[AlertGroup.stateKey] as? AlertGroup else {
            SystemIO.write("error: --alerts: the plan made no alert rules (call alerts(...) in it)\n", to: .err)
            throw ExitCode(1)
        }
        let yaml: String
        do { yaml = try AlertRulesYAML.render(group, format: format) } catch {
            SystemIO.write("error: --alerts: \(error)\n", to: .err)
            throw ExitCode(1)
        }
        do { try SystemIO.writeFile(path, yaml) } catch {
            SystemIO.write("error: cannot write \(path): \(error.message)\n", to: .err)
            throw ExitCode(1)
        }
    }
}
