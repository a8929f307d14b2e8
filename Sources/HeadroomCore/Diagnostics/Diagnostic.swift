/// Which stage found a problem. Tests and `--json` output use it; users see the message.
public enum DiagnosticStage: String, Sendable {
    case syntax, name, dimension, type, runtime, assertion, import_ = "import", limit
}

/// A labelled span inside a diagnostic: the carets and the words under them.
public struct Label: Equatable, Sendable {
    public var span: Span
    public var message: String
    /// The label names the call of a user function whose body the error was found in.
    public var isCallSite: Bool
    public init(_ span: Span, _ message: String = "", isCallSite: Bool = false) {
        self.span = span
        self.message = message
        self.isCallSite = isCallSite
    }
}

/// A problem in a plan, in the user's terms, pointing at the source.
///
/// Detection builds these; `DiagnosticRenderer` turns them into text. The first label is
/// the primary location (`FILE:LINE:COL`).
public struct Diagnostic: Error, Equatable, Sendable {
    public var code: DiagnosticCode
    public var stage: DiagnosticStage { code.stage }
    public var message: String
    public var labels: [Label]
    public var notes: [String]

    public init(
        _ code: DiagnosticCode, _ message: String, at span: Span, label: String = "",
        more: [Label] = [], notes: [String] = []
    ) {
        self.code = code
        self.message = message
        self.labels = [Label(span, label)] + more
        self.notes = notes
    }

    public var span: Span { labels.first?.span ?? .none }

    /// The same diagnostic but for the calls it names (one body checked for two calls).
    public func sameProblem(as other: Diagnostic) -> Bool {
        var a = self, b = other
        a.labels.removeAll(where: \.isCallSite)
        b.labels.removeAll(where: \.isCallSite)
        return a == b
    }
}

/// Several diagnostics from one stage (a parse can report more than one error).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ d: [Diagnostic]) { diagnostics = d }
}
