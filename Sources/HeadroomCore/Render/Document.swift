/// What a value looks like, independent of where it is shown: a small document tree that the
/// backends print (terminal text now; Markdown, HTML and SVG build on the same tree). Made by
/// `Render` from a `Value`; evaluation never makes one.
public indirect enum Block: Sendable {
    /// One line (a quantity, a date, a short record, a list).
    case text(String)
    /// Rows of cells under named columns.
    case table(Table)
    /// A record too long for one line: one field per line.
    case record([(name: String, body: Block)])
    /// A series or forecast: layers a chart draws, and the one-line summary a terminal shows.
    case chart(Chart)
    /// A remark beside a value (why cells are empty, what was left out).
    case note(String)
    /// Blocks one after another.
    case stack([Block])
    /// Bars beside a table (documents draw them; the terminal has the table).
    case bars(Bars)
}

/// A table's numbers as bars: one group per row, one panel per column drawn.
public struct Bars: Sendable {
    public struct Panel: Sendable {
        public var title: String
        /// One per row; nil where the cell is missing or never.
        public var values: [Double?]
        /// How each bar's value reads (the table's cell text).
        public var texts: [String]
    }
    public var labels: [String]
    public var panels: [Panel]
}

/// A table with typed columns: numbers right-aligned, and a unit shared by every cell of a
/// column shown once in its header.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var name: String
        /// The unit every cell shares, shown in the header (`runway (months)`), nil otherwise.
        public var unit: String?
        /// Numbers (quantities, `never`, missing cells): right-aligned, sortable.
        public var numeric: Bool
        /// `runway (months)`; just `models` when the unit is the column's own name.
        public var header: String { unit.map { $0 == name ? name : "\(name) (\($0))" } ?? name }
    }

    public var columns: [Column]
    /// Cell text, one array per row, in column order ("" where a row has no such field).
    public var rows: [[String]]
}

/// A series drawn over time: its history, a forecast line with its band, threshold lines.
public struct Chart: Sendable {
    public enum Layer: Sendable {
        case history(times: [Int64], values: [Double])
        case forecast(times: [Int64], values: [Double])
        case band(times: [Int64], lower: [Double], upper: [Double])
        case threshold(value: Double, label: String)
        /// A marked time (the day a threshold is reached).
        case mark(time: Int64, label: String)
    }

    public var title: String?
    /// Values are in this unit (already converted from base units).
    public var unit: String
    public var layers: [Layer]
    /// The one line a terminal shows: points, span, first → last, band, sparkline.
    public var summary: String
    /// Made to be drawn (`plot`): the terminal draws it above the summary.
    public var drawn = false
}
