import Foundation

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
            throw TransportError(
                message: "not a Headroom snapshot (expected JSON with headroom_snapshot, recorded_at, requests)")
        }
    }
}
