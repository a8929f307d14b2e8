import Foundation
import HeadroomCore

/// Recorded metrics requests and their responses: `--record FILE.json` writes one,
/// `--replay FILE.json` and `replay("file.json")` answer from one without a network.
///
/// A request is stored as its source, path and sorted query parameters; never a host, a
/// token or a header, so a snapshot holds no credentials.
public struct Snapshot: Sendable {
    public struct Entry: Sendable, Codable {
        public var source: String
        public var path: String
        public var params: [String: String]
        public var status: Int
        public var contentType: String
        public var body: String
    }

    /// The time metrics queries were made at: replays use it as "now".
    public var recordedAt: Int64
    public var entries: [Entry] = []

    public init(recordedAt: Int64) { self.recordedAt = recordedAt }

    static func key(_ source: String, _ path: String, _ params: [String: String]) -> String {
        source + " " + path + "?"
            + params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    public func lookup(_ source: String, _ path: String, _ params: [String: String]) -> Entry? {
        let k = Snapshot.key(source, path, params)
        return entries.first { Snapshot.key($0.source, $0.path, $0.params) == k }
    }

    /// The range and step a request asks for, in words (empty for an instant query now).
    static func asked(_ params: [String: String]) -> String {
        guard let s = params["start"].flatMap(Int64.init), let t = params["end"].flatMap(Int64.init) else { return "" }
        let step = params["step"].flatMap(Int64.init).map { " every \(DisplayRules.duration(seconds: $0))" } ?? ""
        return " from \(CivilDate.format(s, withTime: true)) to \(CivilDate.format(t, withTime: true))\(step)"
    }

    /// What the snapshot holds for the same query with other parameters (another range or
    /// step), in words, for the message when a replay has no exact answer.
    public func near(_ source: String, _ path: String, _ params: [String: String]) -> [String] {
        entries.filter { $0.source == source && $0.path == path && $0.params["query"] == params["query"] }
            .map { e in
                var parts: [String] = []
                if let s = e.params["start"].flatMap(Int64.init), let t = e.params["end"].flatMap(Int64.init) {
                    parts.append(
                        "from \(CivilDate.format(s, withTime: true)) to \(CivilDate.format(t, withTime: true))")
                }
                if let step = e.params["step"].flatMap(Int64.init) {
                    parts.append("every \(DisplayRules.duration(seconds: step))")
                }
                if let time = e.params["time"].flatMap(Int64.init) {
                    parts.append("at \(CivilDate.format(time, withTime: true))")
                }
                return parts.joined(separator: " ")
            }
    }

    public mutating func add(_ e: Entry) {
        let k = Snapshot.key(e.source, e.path, e.params)
        entries.removeAll { Snapshot.key($0.source, $0.path, $0.params) == k }
        entries.append(e)
    }

    struct File: Codable {
        var headroom_snapshot: Int
        var recorded_at: Int64
        var requests: [Entry]
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(File(headroom_snapshot: 1, recorded_at: recordedAt, requests: entries))) ?? Data()
    }

    public static func decode(_ data: Data) throws(TransportError) -> Snapshot {
        do {
            let f = try JSONDecoder().decode(File.self, from: data)
            guard f.headroom_snapshot == 1 else {
                throw TransportError(message: "snapshot version \(f.headroom_snapshot) is not supported")
            }
            var s = Snapshot(recordedAt: f.recorded_at)
            s.entries = f.requests
            return s
        } catch let e as TransportError {
            throw e
        } catch {
            // Broken JSON is said as such, with where it broke; valid JSON of another shape is
            // not a snapshot.
            do { _ = try JSONSerialization.jsonObject(with: data) } catch {
                throw TransportError(message: "is not valid JSON: \(jsonProblem(error, data))")
            }
            throw TransportError(
                message: "not a Headroom snapshot (expected JSON with headroom_snapshot, recorded_at, requests)")
        }
    }

    /// Where JSON parsing stopped, as line:column when Foundation says the byte offset.
    static func jsonProblem(_ error: Error, _ data: Data) -> String {
        let info = (error as NSError).userInfo
        let text = (info["NSDebugDescription"] as? String) ?? "\(error)"
        if let index = info["NSJSONSerializationErrorIndex"] as? Int {
            var line = 1, column = 1
            for b in data.prefix(index) {
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            }
            return "line \(line), column \(column): \(text)"
        }
        if data.isEmpty { return "the file is empty" }
        var line = 1
        for b in data where b == 0x0A { line += 1 }
        return "it ends early, at line \(line) (\(text))"
    }
}
