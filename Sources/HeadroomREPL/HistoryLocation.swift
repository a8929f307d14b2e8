/// Where the REPL keeps its history: `$HEADROOM_HISTORY`, else
/// `$XDG_STATE_HOME/headroom/history`, else `~/.local/state/headroom/history`.
/// `HEADROOM_HISTORY=off` turns it off.
public enum HistoryLocation {
    public static let maxEntries = 1000

    /// The history file for an environment, or nil when history is off or no home is known.
    public static func path(environment env: [String: String]) -> String? {
        if let h = env["HEADROOM_HISTORY"], !h.isEmpty {
            return h == "off" ? nil : h
        }
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/headroom/history"
        }
        if let home = env["HOME"], !home.isEmpty {
            return home + "/.local/state/headroom/history"
        }
        return nil
    }
}
