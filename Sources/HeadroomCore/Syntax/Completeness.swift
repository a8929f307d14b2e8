/// Decides whether REPL input is finished or needs another line.
public enum Completeness {
    /// True while `text` is unfinished: a bracket or string is open, the last token needs
    /// more (`1 +`, `fn f(x) =`, `then`), or parsing fails exactly at the end of the input
    /// (`if c then a`, which an `else` on the next line completes).
    public static func needsMoreInput(_ text: String) -> Bool {
        let source = SourceFile(name: "<input>", text: text)
        var lexer = Lexer(source: source, file: 0)
        _ = lexer.tokenize()
        if lexer.endsOpen { return true }
        if !lexer.diagnostics.isEmpty { return false }
        do {
            _ = try Parser.parse(source, file: 0)
            return false
        } catch let list as DiagnosticList {
            var end = source.bytes.count
            while end > 0, [0x0A, 0x0D, 0x20, 0x09].contains(source.bytes[end - 1]) { end -= 1 }
            return list.diagnostics.contains { $0.stage == .syntax && $0.span.start >= end }
        } catch {
            return false
        }
    }
}
