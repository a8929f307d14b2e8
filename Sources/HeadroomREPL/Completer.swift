import Foundation
import HeadroomCore

/// Tab completion, without a terminal: given the line and the cursor, what could come next.
public struct Completer {
    /// Names a plan can use: variables and functions, builtins, units, keywords.
    public var names: [String]
    /// Names that are functions (completed with a `(`).
    public var functions: Set<String>
    /// Lists a directory for file completion after `:load` and `:save`.
    public var listDirectory: (String) -> [String]
    /// The fields of the value an expression gives (what may follow its `.`), from the
    /// checker: `ceph_df()` gives `total`, `used`, ... without running anything.
    public var fieldsOf: (String) -> [String]
    /// A function's argument labels, for completion inside its call.
    public var labelsOf: (String) -> [String]

    public init(
        names: [String], functions: Set<String>, listDirectory: @escaping (String) -> [String],
        fieldsOf: @escaping (String) -> [String] = { _ in [] }, labelsOf: @escaping (String) -> [String] = { _ in [] }
    ) {
        self.names = names
        self.functions = functions
        self.listDirectory = listDirectory
        self.fieldsOf = fieldsOf
        self.labelsOf = labelsOf
    }

    public struct Result: Equatable {
        /// How many characters before the cursor the completion replaces.
        public var replacing: Int
        /// The candidates, each a full replacement of those characters.
        public var candidates: [String]

        /// What to insert: the single candidate, or the longest prefix all candidates share.
        public var insertion: String {
            guard var common = candidates.first else { return "" }
            for c in candidates.dropFirst() {
                while !c.hasPrefix(common) { common.removeLast() }
            }
            return common
        }
    }

    /// Candidates for the text before the cursor.
    public func complete(_ beforeCursor: String) -> Result {
        let trimmed = beforeCursor.drop { $0 == " " }
        if trimmed.hasPrefix(":") {
            let parts = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 1 {
                let word = String(parts[0])
                return Result(
                    replacing: word.count,
                    candidates: ReplCommand.names.filter { $0.hasPrefix(word) }.map { $0 + " " })
            }
            if parts[0] == ":load" || parts[0] == ":save" { return files(String(parts[1])) }
            if parts[0] == ":help" { return words(String(parts[1]), addParen: false) }
            return Result(replacing: 0, candidates: [])
        }
        // The identifier that ends at the cursor.
        var word = ""
        for c in beforeCursor.reversed() {
            guard c.isLetter || c.isNumber || c == "_" else { break }
            word.insert(c, at: word.startIndex)
        }
        let before = beforeCursor.dropLast(word.count)
        // After a dot: the fields of the value before it.
        if before.last == ".", let receiver = Completer.receiver(before.dropLast()) {
            let fields = fieldsOf(receiver).filter { $0.hasPrefix(word) }
            return Result(replacing: word.count, candidates: Array(Set(fields)).sorted())
        }
        if let first = word.first, first.isNumber { return Result(replacing: 0, candidates: []) }
        // At an argument of a call: its labels (those not given yet) come first.
        var labels: [String] = []
        if let (function, given) = Completer.openCall(before) {
            labels = labelsOf(function).filter { $0.hasPrefix(word) && !given.contains($0) }.map { $0 + ": " }
        }
        if word.isEmpty { return Result(replacing: 0, candidates: labels) }
        var result = words(word, addParen: true)
        result.candidates = labels + result.candidates
        return result
    }

    /// The expression that ends where `text` ends: a name with its calls, indexes and fields
    /// (`ceph_df()`, `nodes[0].usage`), scanned back over balanced brackets.
    static func receiver(_ text: Substring) -> String? {
        var i = text.endIndex
        var depth = 0
        while i > text.startIndex {
            let j = text.index(before: i)
            let c = text[j]
            if c == ")" || c == "]" {
                depth += 1
            } else if c == "(" || c == "[" {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0, !(c.isLetter || c.isNumber || c == "_" || c == ".") {
                break
            }
            i = j
        }
        let r = text[i...].trimmingCharacters(in: .whitespaces)
        guard let first = r.first, first.isLetter || "_[({".contains(first), depth == 0 else { return nil }
        return r
    }

    /// When `text` ends at the start of an argument of a call still open (`round(1.234, `),
    /// the function's name and the labels already given.
    static func openCall(_ text: Substring) -> (String, Set<String>)? {
        var depth = 0
        var i = text.endIndex
        var sawOnlySpace = true
        var argumentStart = false
        while i > text.startIndex {
            let j = text.index(before: i)
            let c = text[j]
            if c == ")" || c == "]" || c == "}" {
                depth += 1
            } else if c == "(" || c == "[" || c == "{" {
                if depth == 0 {
                    guard c == "(" else { return nil }
                    if sawOnlySpace { argumentStart = true }
                    guard argumentStart else { return nil }
                    var k = j
                    while k > text.startIndex, text[text.index(before: k)] == " " { k = text.index(before: k) }
                    var name = ""
                    while k > text.startIndex {
                        let p = text.index(before: k)
                        guard text[p].isLetter || text[p].isNumber || text[p] == "_" else { break }
                        name.insert(text[p], at: name.startIndex)
                        k = p
                    }
                    guard !name.isEmpty else { return nil }
                    let inside = text[text.index(after: j)...]
                    let given = Set(inside.matches(of: /([A-Za-z_][A-Za-z0-9_]*)\s*:/).map { String($0.output.1) })
                    return (name, given)
                }
                depth -= 1
            } else if depth == 0, c == ",", sawOnlySpace {
                argumentStart = true
            }
            if c != " " { sawOnlySpace = false }
            i = j
        }
        return nil
    }

    private func words(_ word: String, addParen: Bool) -> Result {
        let matches = Set(names.filter { $0.hasPrefix(word) && $0 != word || $0 == word })
        let sorted = matches.sorted()
        return Result(
            replacing: word.count,
            candidates: sorted.map { addParen && functions.contains($0) ? $0 + "(" : $0 })
    }

    private func files(_ partial: String) -> Result {
        let dir: String, prefix: String
        if let slash = partial.lastIndex(of: "/") {
            dir = String(partial[...slash])
            prefix = String(partial[partial.index(after: slash)...])
        } else {
            dir = ""
            prefix = partial
        }
        let entries = listDirectory(dir).filter {
            $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix("."))
        }
        return Result(replacing: partial.count, candidates: entries.map { dir + $0 })
    }
}
