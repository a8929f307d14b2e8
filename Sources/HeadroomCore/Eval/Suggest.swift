/// "did you mean ...?" from edit distance.
public enum Suggest {
    /// Edit distance counting a swap of neighbours as one edit ("cots" is one from "cost").
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidates (all at the best distance, at most three) within a distance
    /// that grows with the name's length.
    public static func closest(to name: String, among candidates: [String]) -> [String] {
        guard name.count <= 64 else { return [] }
        let limit = name.count <= 3 ? 1 : name.count < 8 ? 2 : 3
        var scored: [(String, Int)] = []
        for c in Set(candidates) where c != name {
            let d = distance(name, c)
            // Same letters in another case ("gib" for "GiB") count as close.
            if d <= limit || c.lowercased() == name.lowercased() {
                scored.append((c, c.lowercased() == name.lowercased() ? 0 : d))
            }
        }
        let best = scored.map(\.1).min()
        return scored.filter { $0.1 == best }.sorted { $0.0 < $1.0 }.prefix(3).map(\.0)
    }

    public static func notes(for name: String, among candidates: [String]) -> [String] {
        let c = closest(to: name, among: candidates)
        if c.isEmpty { return [] }
        return ["did you mean " + c.map { "'\($0)'" }.joined(separator: " or ") + "?"]
    }
}
