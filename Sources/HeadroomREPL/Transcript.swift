import Foundation
import HeadroomCore
import HeadroomIO

/// The successful entries of a prompt session, as `:save` writes them: a plan that runs on
/// its own and shows the same values, wherever it is saved.
public struct Transcript: Sendable {
    public enum Entry: Sendable, Equatable {
        /// Plan text typed at the prompt; `showed` when it showed a value (and so set `ans`).
        case code(String, showed: Bool)
        /// A file run with `:load` or `-i`, by its absolute path.
        case file(String)
    }

    public private(set) var entries: [Entry] = []

    public mutating func append(_ e: Entry) { entries.append(e) }
    public mutating func removeAll() { entries = [] }
    public var count: Int { entries.count }

    /// The entries as typed (files as `import` lines with the path as given), for tests.
    public var lines: [String] {
        entries.map {
            switch $0 {
            case .code(let text, _): return text
            case .file(let path): return "import \"\(path)\""
            }
        }
    }

    /// The plan text to save at `path`: imports relative to the saved file's directory, and
    /// `ans` defined where a later entry uses it (the prompt's `ans` is not part of a plan).
    public func plan(savedAt path: String) -> String {
        "# Saved from the headroom prompt.\n" + blocks(savedAt: path).map { $0 + "\n" }.joined()
    }

    /// Each entry's text as saved at `path` (see `plan`).
    public func blocks(savedAt path: String) -> [String] {
        let saved = SystemIO.absolute(path)
        let dir = saved.lastIndex(of: "/").map { String(saved[..<$0]) } ?? "/"
        return entries.enumerated().map { i, e in
            switch e {
            case .file(let file):
                return "import \(DisplayRules.quoted(SystemIO.relative(file, from: dir)))"
            case .code(let text, let showed):
                if showed, usesAns(after: i), let kept = Transcript.keepingAns(text) { return kept }
                return text
            }
        }
    }

    /// The session as a notebook: one `plan` block per entry (docs/notebooks.md).
    public func notebook(savedAt path: String) -> String {
        "# Saved from the headroom prompt\n\n" + blocks(savedAt: path).map { "```plan\n\($0)\n```\n\n" }.joined()
    }

    func usesAns(after i: Int) -> Bool {
        entries[(i + 1)...].contains {
            guard case .code(let text, _) = $0 else { return false }
            return text.contains(/\bans\b/)
        }
    }

    /// The entry with its last value kept as `ans` and still shown: `x * 2` becomes
    /// `ans = x * 2` and `ans`. Nil when the entry does not end in a value.
    static func keepingAns(_ text: String) -> String? {
        guard let program = try? Parser.parse(SourceFile(name: "<save>", text: text), file: 0),
            let last = program.statements.last, case .expr = last.kind
        else { return nil }
        let bytes = Array(text.utf8)
        let head = String(decoding: bytes[..<last.span.start], as: UTF8.self)
        let value = String(decoding: bytes[last.span.start..<last.span.end], as: UTF8.self)
        let tail = String(decoding: bytes[last.span.end...], as: UTF8.self)
        return head + "ans = " + value + tail + "\nans"
    }
}
