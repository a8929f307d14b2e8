/// Terminal text for a value: `Render` (the display rules) then `TextBackend`. Every front end
/// (CLI, REPL) shows values through here, so a value looks the same everywhere.
public enum ValueFormatter {
    public static func quantity(_ q: Quantity, _ o: DisplayOptions = .standard) -> String {
        DisplayRules.quantity(q, o)
    }

    public static func date(_ s: Int64) -> String { DisplayRules.date(s) }

    /// One line: for `print`, string interpolation and messages.
    public static func inline(_ v: Value, nested: Bool = false, options: DisplayOptions = .standard) -> String {
        Render.inline(v, options, nested: nested)
    }

    /// How a top-level value is shown: tables for lists of records, one field per line for
    /// long records, `inline` otherwise; tables wrap to `options.width`.
    public static func display(_ v: Value, options: DisplayOptions = .standard) -> String {
        TextBackend.render(Render.block(v, options), width: options.width, ascii: options.ascii)
    }
}
