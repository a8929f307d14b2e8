/// How values are shown: set by the front end (`--digits`, `:set digits`, the terminal's
/// width) and read by every renderer.
public struct DisplayOptions: Sendable, Equatable {
    /// Significant digits of numbers (1 to 15; default 6).
    public var digits: Int
    /// Columns a table may use before it wraps whole columns onto further blocks; nil: no limit.
    public var width: Int?
    /// Charts in plain ASCII rather than Braille (`NO_COLOR`, a locale that is not UTF-8).
    public var ascii: Bool

    public init(digits: Int = 6, width: Int? = nil, ascii: Bool = false) {
        self.digits = digits
        self.width = width
        self.ascii = ascii
    }

    public static let standard = DisplayOptions()
    public static let digitRange = 1...15
}
