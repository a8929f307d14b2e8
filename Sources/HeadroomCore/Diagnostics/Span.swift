/// A half-open range of UTF-8 byte offsets in one source file.
///
/// Every token, AST node and error carries a span so that diagnostics can point at
/// the exact text the user wrote.
public struct Span: Equatable, Hashable, Sendable {
    /// Index of the file in the `SourceMap` that owns it.
    public var file: Int
    public var start: Int
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span {
        Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public static let none = Span(file: -1, start: 0, end: 0)
}

/// One unit of source text: a file, a `-e` argument, or a REPL entry.
public struct SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Byte offset where each line starts.
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(0, offset), bytes.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = lineStarts[lo]
        var column = 1
        var i = lineStart
        while i < offset {
            // Count UTF-8 scalar starts only, so columns are characters, not bytes.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func line(_ n: Int) -> String {
        guard n >= 1, n <= lineStarts.count else { return "" }
        let s = lineStarts[n - 1]
        var e = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
        if e > s, bytes[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        return String(decoding: bytes[s..<max(s, e)], as: UTF8.self)
    }

    /// The whole text.
    public var fullText: String { String(decoding: bytes, as: UTF8.self) }

    public func text(_ span: Span) -> String {
        let s = min(max(0, span.start), bytes.count), e = min(max(s, span.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}

/// All sources seen by one session, so spans from imported files stay valid.
public final class SourceMap: @unchecked Sendable {
    public private(set) var files: [SourceFile] = []
    public init() {}

    @discardableResult
    public func add(_ file: SourceFile) -> Int {
        files.append(file)
        return files.count - 1
    }

    public subscript(_ i: Int) -> SourceFile? { i >= 0 && i < files.count ? files[i] : nil }
}
