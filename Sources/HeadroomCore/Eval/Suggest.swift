/// "did you mean ...?" from edit distance.
public enum Suggest {
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = prev
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest few candidates within a distance that grows with the name's length.
    public static func closest(to name: String, among candidates: [String]) -> [String] {
        let limit = max(1, min(3, name.count / 3))
        var scored: [(String, Int)] = []
        for c in Set(candidates) where c != name {
            let d = distance(name, c)
            // Same letters in another case ("gib" for "GiB") count as close.
            if d <= limit || c.lowercased() == name.lowercased() { scored.append((c, c.lowercased() == name.lowercased() ? 0 : d)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
    }

    public static func notes(for name: String, among candidates: [String]) -> [String] {
        let c = closest(to: name, among: candidates)
        if c.isEmpty { return [] }
        return ["did you mean " + c.map { "'\($0)'" }.joined(separator: " or ") + "?"]
    }
}
