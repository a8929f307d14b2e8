import HeadroomCore

/// Tab completion, without a terminal: given the line and the cursor, what could come next.
public struct Completer {
    /// Names a plan can use: variables and functions, builtins, units, keywords.
    public var names: [String]
    /// Names that are functions (completed with a `(`).
    public var functions: Set<String>
    /// Lists a directory for file completion after `:load` and `:save`.
    public var listDirectory: (String) -> [String]

    public init(names: [String], functions: Set<String>, listDirectory: @escaping (String) -> [String]) {
        self.names = names
        self.functions = functions
        self.listDirectory = listDirectory
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
        guard let first = word.first, !first.isNumber else { return Result(replacing: 0, candidates: []) }
        return words(word, addParen: true)
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
