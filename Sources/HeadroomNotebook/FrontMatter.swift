import HeadroomCore
import Yams

/// The notebook's header: what a re-run needs to give the same answers. Headroom manages
/// four keys (`replay` only for a notebook recorded from a live server); any others the author wrote (a title, say) are kept as written.
///
///     ---
///     title: Anton capacity plan
///     headroom: 0.5.0 (1a2b3c4)
///     today: 2026-11-29
///     inputs:
///       - file: anton-snapshot.json
///         sha256: 9f2c…
///     ---
public struct FrontMatter: Sendable, Equatable {
    public var version: String
    /// The day `today()` answered with.
    public var today: Int64?
    public var inputs: [Input]
    /// The snapshot metrics requests are answered from when the notebook was recorded from a
    /// live server with `--record` (relative to the notebook).
    public var replay: String?

    public init(version: String, today: Int64?, inputs: [Input], replay: String? = nil) {
        self.version = version
        self.today = today
        self.inputs = inputs
        self.replay = replay
    }

    static let managed: Set<String> = ["headroom", "today", "inputs", "replay"]

    public struct Failure: Error, Sendable { public var message: String }

    /// Reads the header of a notebook (nil without one).
    public static func read(_ notebook: Notebook) throws(Failure) -> FrontMatter? {
        guard let end = notebook.frontMatterEnd else { return nil }
        let yaml = notebook.lines[1..<(end - 1)].joined(separator: "\n")
        let node: Any?
        do { node = try Yams.load(yaml: yaml) } catch {
            throw Failure(message: "the front matter is not valid YAML: \(error)")
        }
        guard let map = node as? [String: Any] else { return FrontMatter(version: "", today: nil, inputs: []) }
        var today: Int64?
        if let t = map["today"] {
            let text = "\(t)"
            guard let d = CivilDate.parse(text.prefix(10)) else {
                throw Failure(message: "today: '\(text)' is not a date like 2026-11-29")
            }
            today = d
        }
        var inputs: [Input] = []
        for item in map["inputs"] as? [[String: Any]] ?? [] {
            if let f = item["file"], let h = item["sha256"] { inputs.append(Input(name: "\(f)", sha256: "\(h)")) }
        }
        return FrontMatter(
            version: map["headroom"].map { "\($0)" } ?? "", today: today, inputs: inputs,
            replay: map["replay"].map { "\($0)" })
    }

    /// The header's lines: the author's own keys from `existing` (with their lines), then
    /// Headroom's.
    func merged(into existing: [String]) -> [String] {
        var kept: [String] = []
        var keeping = true
        for line in existing.dropFirst().dropLast() {
            if let first = line.first, first != " ", first != "-", first != "#" {
                let key = String(line.prefix { $0 != ":" })
                keeping = !FrontMatter.managed.contains(key)
            }
            if keeping { kept.append(line) }
        }
        var lines = ["---"] + kept + ["headroom: \(quoted(version))"]
        if let today { lines.append("today: \(CivilDate.format(today))") }
        if let replay { lines.append("replay: \(quoted(replay))") }
        if !inputs.isEmpty {
            lines.append("inputs:")
            for i in inputs { lines += ["  - file: \(quoted(i.name))", "    sha256: \(i.sha256)"] }
        }
        return lines + ["---"]
    }

    /// A YAML scalar: plain when safe, else double-quoted.
    func quoted(_ s: String) -> String {
        let plain =
            s.allSatisfy { $0.isLetter || $0.isNumber || "._/-() ".contains($0) } && !s.isEmpty
            && s.first != " " && s.last != " "
        if plain { return s }
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
