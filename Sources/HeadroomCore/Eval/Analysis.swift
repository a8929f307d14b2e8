/// What `Session.analyze` found in a text, without running it: the program as far as it
/// could be read (`invalid` statements where it could not), every diagnostic, the type the
/// checker inferred for each expression (by its span), and where each used name was defined.
public struct Analysis: Sendable {
    /// The text's file id (spans in the tables carry it).
    public var file: Int
    public var program: Program
    public var diagnostics: [Diagnostic]
    public var types: [Span: StaticType]
    public var definitions: [Span: Span]

    /// The type of the outermost expression that ends at `offset` in file `file` (the value
    /// before a `.` the user is typing after).
    public func type(endingAt offset: Int, file: Int) -> StaticType? {
        types.filter { $0.key.file == file && $0.key.end == offset }.max {
            $0.key.end - $0.key.start < $1.key.end - $1.key.start
        }?
        .value
    }

    /// The names a value of type `t` has after a dot: a record's fields, a series' own, the
    /// fields of a table's rows.
    public static func fields(of t: StaticType) -> [String] {
        switch t {
        case .record(let fs): return fs.map(\.name)
        case .list(let e): return fields(of: e)
        case .series: return Interpreter.seriesFields
        case .columns: return Interpreter.seriesFields
        default: return []
        }
    }
}
