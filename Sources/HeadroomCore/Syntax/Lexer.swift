/// Turns source bytes into tokens.
///
/// Newlines end statements, except while a `(` or `[` is open, after a token that cannot
/// end an expression (a binary operator, `,`, `=`, `then`, ...), or before a line that
/// starts with `|>`. Inside `{ }` newlines separate the statements of a block.
public struct Lexer {
    private let bytes: [UInt8]
    private let file: Int
    private var pos: Int
    private let end: Int
    private var tokens: [Token] = []
    private var brackets: [UInt8] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: SourceFile, file: Int, range: Range<Int>? = nil) {
        bytes = source.bytes
        self.file = file
        pos = range?.lowerBound ?? 0
        end = range?.upperBound ?? source.bytes.count
        // A UTF-8 byte order mark at the start of a file is not part of the plan.
        if range == nil, end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    /// True when the input ended inside a bracket, a string, or after a token that needs
    /// more (`1 +`): the REPL then asks for another line.
    public private(set) var endsOpen = false

    /// Tokens of the whole input, ending with `.eof`.
    public mutating func tokenize() -> [Token] {
        // A NUL byte near the start: a binary file, reported once instead of byte by byte.
        if let nul = bytes[pos..<min(end, pos + 8192)].firstIndex(of: 0) {
            error(
                .invalidText, "this is not a text file", nul, nul + 1, label: "a NUL byte here",
                notes: ["a plan is a UTF-8 text file, such as capacity.plan"])
            pos = end
        }
        var space = false
        while pos < end {
            let c = bytes[pos]
            switch c {
            case 0x20, 0x09, 0x0D, 0x0C:
                pos += 1; space = true; continue
            case UInt8(ascii: "#"):
                while pos < end, bytes[pos] != 0x0A { pos += 1 }
                continue
            case 0x0A:
                newline(at: pos)
                pos += 1; space = false; continue
            default:
                break
            }
            let start = pos
            if let kind = next() {
                tokens.append(Token(kind: kind, span: Span(file: file, start: start, end: pos), spaceBefore: space))
            }
            space = false
        }
        endsOpen =
            !brackets.isEmpty || tokens.last.map { Lexer.continues($0.kind) } == true
            || diagnostics.contains { $0.code == .unterminatedString }
        // Errors at the end of the input point just after the last character, not at an
        // empty line after the final newline.
        var at = end
        while at > 0, at - 1 < bytes.count, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[at - 1]) { at -= 1 }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(kind: .newline, span: Span(file: file, start: at, end: at), spaceBefore: false))
        }
        tokens.append(Token(kind: .eof, span: Span(file: file, start: at, end: at), spaceBefore: false))
        return tokens
    }

    private mutating func newline(at p: Int) {
        if let open = brackets.last, open != UInt8(ascii: "{") { return }
        guard let last = tokens.last else { return }
        if case .newline = last.kind { return }
        if Lexer.continues(last.kind) { return }
        if lineStartsWithPipe(after: p) { return }
        tokens.append(Token(kind: .newline, span: Span(file: file, start: p, end: p + 1), spaceBefore: false))
    }

    /// A token after which the expression must go on.
    static func continues(_ k: TokenKind) -> Bool {
        switch k {
        case .symbol(let s):
            switch s {
            case .rparen, .rbracket, .rbrace, .percent, .semicolon: return false
            default: return true
            }
        case .keyword(let k):
            return [.then, .else, .and, .or, .not, .to, .if].contains(k)
        default:
            return false
        }
    }

    private func lineStartsWithPipe(after p: Int) -> Bool {
        var i = p + 1
        while i < end {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { i += 1; continue }
            if c == UInt8(ascii: "#") {
                while i < end, bytes[i] != 0x0A { i += 1 }
                continue
            }
            return c == UInt8(ascii: "|") && i + 1 < end && bytes[i + 1] == UInt8(ascii: ">")
        }
        return false
    }

    private mutating func error(
        _ code: DiagnosticCode, _ msg: String, _ s: Int, _ e: Int, label: String = "", notes: [String] = []
    ) {
        diagnostics.append(Diagnostic(code, msg, at: Span(file: file, start: s, end: e), label: label, notes: notes))
    }

    private func peek(_ k: Int = 0) -> UInt8 { pos + k < end ? bytes[pos + k] : 0 }

    /// The token just made is a currency sign with nothing between it and what follows.
    private var afterCurrency: Bool {
        guard let last = tokens.last, case .currency = last.kind else { return false }
        return last.span.end == pos
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
    static func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

    private mutating func next() -> TokenKind? {
        let c = bytes[pos]
        if Lexer.isDigit(c) || (c == UInt8(ascii: ".") && Lexer.isDigit(peek(1))) { return number() }
        if Lexer.isIdentStart(c) { return identifier() }
        if c == UInt8(ascii: "\"") { return string() }
        if c == UInt8(ascii: "'") { return rawString() }
        if c == UInt8(ascii: "$") { pos += 1; return .currency("USD") }
        // '€' is E2 82 AC in UTF-8.
        if c == 0xE2, peek(1) == 0x82, peek(2) == 0xAC { pos += 3; return .currency("EUR") }
        if c >= 0x80 { return unicode() }
        return symbol()
    }

    private mutating func symbol() -> TokenKind? {
        let start = pos
        let c = bytes[pos], d = peek(1)
        // Two-character operators first.
        let two: Symbol?
        switch (c, d) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")): two = .eq
        case (UInt8(ascii: "="), UInt8(ascii: ">")): two = .fatArrow
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): two = .ne
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): two = .le
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): two = .ge
        case (UInt8(ascii: "-"), UInt8(ascii: ">")): two = .arrow
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): two = .starstar
        case (UInt8(ascii: "|"), UInt8(ascii: ">")): two = .pipe
        default: two = nil
        }
        if let two { pos += 2; return .symbol(two) }
        pos += 1
        let one: Symbol?
        switch c {
        case UInt8(ascii: "("): one = .lparen
        case UInt8(ascii: ")"): one = .rparen
        case UInt8(ascii: "["): one = .lbracket
        case UInt8(ascii: "]"): one = .rbracket
        case UInt8(ascii: "{"): one = .lbrace
        case UInt8(ascii: "}"): one = .rbrace
        case UInt8(ascii: ","): one = .comma
        case UInt8(ascii: ";"): one = .semicolon
        case UInt8(ascii: ":"): one = .colon
        case UInt8(ascii: "."): one = .dot
        case UInt8(ascii: "="): one = .assign
        case UInt8(ascii: "<"): one = .lt
        case UInt8(ascii: ">"): one = .gt
        case UInt8(ascii: "+"): one = .plus
        case UInt8(ascii: "-"): one = .minus
        case UInt8(ascii: "*"): one = .star
        case UInt8(ascii: "/"): one = .slash
        case UInt8(ascii: "^"): one = .caret
        case UInt8(ascii: "%"): one = .percent
        default: one = nil
        }
        if let s = one {
            switch s {
            case .lparen, .lbracket, .lbrace: brackets.append(c)
            case .rparen, .rbracket, .rbrace: if !brackets.isEmpty { brackets.removeLast() }
            default: break
            }
            return .symbol(s)
        }
        let shown = c < 0x20 || c == 0x7F ? "byte 0x\(String(c, radix: 16, uppercase: true))" : "'\(UnicodeScalar(c))'"
        error(.invalidText, "unexpected character \(shown)", start, pos, label: "not part of the plan language")
        return nil
    }

    /// Non-ASCII input: a few operator spellings are accepted, anything else is reported once
    /// per run of bad bytes (so binary garbage does not produce thousands of errors).
    private mutating func unicode() -> TokenKind? {
        let start = pos
        pos += 1
        while pos < end, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
        let scalar = String(decoding: bytes[start..<pos], as: UTF8.self)
        switch scalar {
        case "×", "·": return .symbol(.star)
        case "÷": return .symbol(.slash)
        case "→": return .symbol(.arrow)
        case "−": return .symbol(.minus)
        case "µ", "μ":
            // micro sign: treat as an identifier letter ("µs").
            while pos < end, Lexer.isIdentChar(bytes[pos]) { pos += 1 }
            return .identifier("µ" + String(decoding: bytes[(start + scalar.utf8.count)..<pos], as: UTF8.self))
        default:
            while pos < end, bytes[pos] >= 0x80 || (bytes[pos] < 0x20 && bytes[pos] != 0x0A) { pos += 1 }
            let valid = scalar.unicodeScalars.first.map { $0 != "\u{FFFD}" } ?? false
            if valid {
                error(
                    .invalidText, "unexpected character '\(scalar)'", start, pos, label: "not part of the plan language"
                )
            } else {
                // Binary input: say so once and stop, rather than listing every bad byte.
                error(
                    .invalidText, "the input is not valid UTF-8 text", start, start + 1, label: "bad byte here",
                    notes: ["a plan is a UTF-8 text file"])
                pos = end
            }
            return nil
        }
    }

    private mutating func identifier() -> TokenKind {
        let start = pos
        while pos < end, Lexer.isIdentChar(bytes[pos]) { pos += 1 }
        let name = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let k = Keyword(rawValue: name) { return .keyword(k) }
        return .identifier(name)
    }

    private func digits(at p: Int, count: Int) -> Int? {
        guard p + count <= end else { return nil }
        var v = 0
        for i in p..<(p + count) {
            guard Lexer.isDigit(bytes[i]) else { return nil }
            v = v * 10 + Int(bytes[i] - 0x30)
        }
        return v
    }

    private mutating func number() -> TokenKind? {
        let start = pos
        let money = afterCurrency
        if let d = dateLiteral() { return d }
        pos = start
        var text = ""
        func take(_ pred: (UInt8) -> Bool) {
            while pos < end, pred(bytes[pos]) || (bytes[pos] == UInt8(ascii: "_") && Lexer.isDigit(peek(1))) {
                if bytes[pos] != UInt8(ascii: "_") { text.append(Character(UnicodeScalar(bytes[pos]))) }
                pos += 1
            }
        }
        take(Lexer.isDigit)
        // Right after a currency sign, commas may group thousands as money is shown:
        // `$1,500`, `€12,345.50` (exactly three digits after each comma, at most three before the first).
        if money, text.count <= 3 {
            while peek() == UInt8(ascii: ","), (1...3).allSatisfy({ Lexer.isDigit(peek($0)) }), !Lexer.isDigit(peek(4))
            {
                pos += 1
                for _ in 0..<3 {
                    text.append(Character(UnicodeScalar(bytes[pos])))
                    pos += 1
                }
            }
        }
        if peek() == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
            text.append("."); pos += 1
            take(Lexer.isDigit)
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            var k = 1
            if peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") { k = 2 }
            if Lexer.isDigit(peek(k)) {
                text.append("e")
                if k == 2 { text.append(Character(UnicodeScalar(peek(1)))) }
                pos += k
                take(Lexer.isDigit)
            }
        }
        guard let v = Double(text) else {
            error(.badNumber, "malformed number '\(text)'", start, pos)
            return .number(0)
        }
        if !v.isFinite {
            error(.badNumber, "number is too large", start, pos, label: "beyond the largest number (about 1.8e308)")
            return .number(0)
        }
        return .number(v)
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][Z]` or `YYYY-Qn`.
    private mutating func dateLiteral() -> TokenKind? {
        let start = pos
        guard let y = digits(at: pos, count: 4), peek(4) == UInt8(ascii: "-") else { return nil }
        if peek(5) == UInt8(ascii: "Q"), let q = digits(at: pos + 6, count: 1), !Lexer.isIdentChar(peek(7)) {
            pos += 7
            if !(1...4).contains(q) { error(.badNumber, "a quarter is Q1 to Q4", start, pos) }
            return .quarter(y, min(max(q, 1), 4))
        }
        guard let m = digits(at: pos + 5, count: 2), peek(7) == UInt8(ascii: "-"),
            let d = digits(at: pos + 8, count: 2), !Lexer.isDigit(peek(10))
        else { return nil }
        pos += 10
        guard (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d) else {
            error(.badNumber, "no such date", start, pos, label: "month \(m) has no day \(d)")
            return .date(0)
        }
        var seconds = CivilDate.daysFromCivil(y, m, d) * 86_400
        if peek() == UInt8(ascii: "T"), let hh = digits(at: pos + 1, count: 2), peek(3) == UInt8(ascii: ":"),
            let mm = digits(at: pos + 4, count: 2)
        {
            pos += 6
            var ss = 0
            if peek() == UInt8(ascii: ":"), let s = digits(at: pos + 1, count: 2) { ss = s; pos += 3 }
            if peek() == UInt8(ascii: "Z") { pos += 1 }
            guard hh < 24, mm < 60, ss < 61 else {
                error(.badNumber, "no such time of day", start, pos)
                return .date(seconds)
            }
            seconds += Int64(hh * 3600 + mm * 60 + ss)
        }
        return .date(seconds)
    }

    /// `'...'`: a raw string, for PromQL and paths: no `{}` interpolation, and `\'` is the only
    /// escape, so `'up{job="node"}'` and `'a\.b'` pass through as written.
    private mutating func rawString() -> TokenKind? {
        let start = pos
        pos += 1
        var buf: [UInt8] = []
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "'") {
                pos += 1
                return .string([.text(String(decoding: buf, as: UTF8.self))])
            }
            if c == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "'") {
                buf.append(UInt8(ascii: "'"))
                pos += 2
                continue
            }
            buf.append(c)
            pos += 1
        }
        error(.unterminatedString, "unterminated string", start, start + 1, label: "this string has no closing \"'\"")
        return .string([.text(String(decoding: buf, as: UTF8.self))])
    }

    private mutating func string() -> TokenKind? {
        let start = pos
        pos += 1
        var parts: [StringPart] = []
        var buf: [UInt8] = []
        func flush() {
            if !buf.isEmpty { parts.append(.text(String(decoding: buf, as: UTF8.self))); buf = [] }
        }
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; flush(); return .string(parts) }
            if c == UInt8(ascii: "\\") {
                let e = peek(1)
                let map: [UInt8: UInt8] = [
                    UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "\""): 0x22,
                    UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "{"): 0x7B, UInt8(ascii: "}"): 0x7D,
                ]
                if let r = map[e] { buf.append(r); pos += 2; continue }
                error(
                    .badEscape, "unknown escape '\\\(String(UnicodeScalar(e)))'", pos, pos + 2,
                    notes: ["escapes are \\n \\t \\\" \\\\ \\{ \\}"])
                pos += 2
                continue
            }
            if c == UInt8(ascii: "{") {
                flush()
                let codeStart = pos + 1
                var depth = 1
                var i = codeStart
                var inString = false
                while i < end, bytes[i] != 0x0A {
                    let b = bytes[i]
                    if inString {
                        if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
                    } else if b == UInt8(ascii: "\"") {
                        inString = true
                    } else if b == UInt8(ascii: "{") {
                        depth += 1
                    } else if b == UInt8(ascii: "}") {
                        depth -= 1; if depth == 0 { break }
                    }
                    i += 1
                }
                if depth != 0 {
                    error(
                        .badInterpolation, "unclosed '{' in string", pos, pos + 1,
                        label: "this '{' starts an interpolation", notes: Parser.braceNotes)
                    pos = i
                    break
                }
                parts.append(.code(start: codeStart, end: i))
                pos = i + 1
                continue
            }
            buf.append(c)
            pos += 1
        }
        error(.unterminatedString, "unterminated string", start, start + 1, label: "this string has no closing '\"'")
        flush()
        return .string(parts)
    }
}
