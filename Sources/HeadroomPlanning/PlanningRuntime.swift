import HeadroomCore

/// The planning runtime: the builtins capacity planning is done with. It registers into the
/// language's registry; it reads files only through the session's host.
public enum PlanningRuntime {
    public static func register(into r: BuiltinRegistry) {
        SeriesBuiltins.register(into: r)
        Forecasting.register(into: r)
        Runway.register(into: r)
        Capacity.register(into: r)
        Options.register(into: r)
        Budget.register(into: r)
        Plot.register(into: r)
        Report.register(into: r)
        Alerts.register(into: r)
        Peaks.register(into: r)
    }
}

extension BuiltinRegistry {
    /// The core builtins and the planning runtime: what `headroom` offers.
    public static func standard() -> BuiltinRegistry {
        let r = BuiltinRegistry.core()
        PlanningRuntime.register(into: r)
        return r
    }
}
