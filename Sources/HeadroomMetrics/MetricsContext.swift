import Foundation
import HeadroomCore

/// Where metrics come from in one session: a live Prometheus (possibly recording), or a
/// snapshot. The front end makes the first one from flags and environment; it lives in the
/// session's state (`SessionState.extensions`), where `connect(...)` and `replay(...)` change
/// it, so a failed entry rolls those back and `:reset` returns to the flags' source.
public struct MetricsContext: Sendable {
    public enum Mode: Sendable { case live, recording, replaying }

    /// Its key in `SessionState.extensions`.
    public static let stateKey = "metrics"

    public var prometheusURL: URL?
    /// Sent as `Authorization`; never shown, recorded or put in an error.
    var authorization: String?
    public var timeout: Double
    /// Skip TLS certificate verification (`--insecure`); off unless asked for.
    public var insecure = false
    /// Never reach a network or run a tool, whatever the plan connects to (the fuzz target).
    public var offline = false
    public private(set) var mode: Mode = .live
    public private(set) var snapshot: Snapshot?
    /// Where the snapshot being replayed came from, for messages.
    var snapshotName = ""

    public init(prometheusURL: URL? = nil, timeout: Double = 30) {
        self.prometheusURL = prometheusURL
        self.timeout = timeout
    }

    /// Bearer token from a file (its whitespace trimmed).
    public mutating func useTokenFile(_ path: String) throws(TransportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransportError(message: "cannot read the token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw TransportError(message: "the token file \(path) is empty") }
        // A line break or control character would end the Authorization header early and
        // smuggle the rest in as further headers; a real token has none.
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw TransportError(
                message:
                    "the token file \(path) holds more than one token (spaces, line breaks or control characters inside)"
            )
        }
        authorization = "Bearer " + token
    }

    public mutating func useBasicAuth(user: String, password: String) {
        authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Starts recording every request and response; `now` is the time queries are made at.
    public mutating func startRecording(now: Int64) {
        mode = .recording
        snapshot = Snapshot(recordedAt: now)
    }

    /// Queries go to the server at `url` from now on; a replay stops (a recording goes on).
    public mutating func connect(_ url: URL) {
        prometheusURL = url
        if mode == .replaying {
            mode = .live
            snapshot = nil
            snapshotName = ""
        }
    }

    /// Which source answers, for the prompt's `:source` and messages.
    public var describe: String {
        switch mode {
        case .replaying: return "replaying the snapshot \(snapshotName)"
        case .recording:
            return "recording from \(prometheusURL.map { HTTPTransport.redact($0) } ?? "no Prometheus")"
        case .live: return prometheusURL.map { "live: \(HTTPTransport.redact($0))" } ?? "no metrics source"
        }
    }

    public mutating func startReplaying(_ s: Snapshot, name: String) {
        mode = .replaying
        snapshot = s
        snapshotName = name
    }

    /// The time relative queries (`last: 30 days`) end at: the snapshot's when replaying or
    /// recording, so a replay asks exactly what the recording asked.
    public func now(_ host: PlanHost) -> Int64 {
        if let s = snapshot { return s.recordedAt }
        return host.now()
    }

    mutating func recordEntry(_ e: Snapshot.Entry) { snapshot?.add(e) }

    /// Asks the server whether it answers (`/api/v1/status/buildinfo`, at most 5 s), without
    /// recording anything. Nil when it does; otherwise why not, in the user's words.
    public func probe(cancelled: @escaping () -> Bool = { false }) -> String? {
        guard mode != .replaying, prometheusURL != nil else { return nil }
        var quick = self
        quick.timeout = min(timeout, 5)
        quick.mode = .live
        do {
            let r = try quick.fetch(
                source: "prometheus", path: "/api/v1/status/buildinfo", params: [:], what: "a status check",
                cancelled: cancelled)
            return (200..<300).contains(r.status) ? nil : "it answered HTTP \(r.status)"
        } catch { return error.message }
    }

    /// Performs (or replays) one GET and records it when recording.
    mutating func fetch(
        source: String, path: String, params: [String: String], what: String,
        cancelled: @escaping () -> Bool
    ) throws(TransportError) -> HTTPResponse {
        if mode == .replaying, let s = snapshot {
            guard let e = s.lookup(source, path, params) else {
                let near = s.near(source, path, params)
                let recorded = near.isEmpty ? "" : "; it was recorded " + near.joined(separator: ", and ")
                throw TransportError(
                    message:
                        "the snapshot \(snapshotName) has no answer for \(what)\(Snapshot.asked(params))\(recorded)",
                    code: .snapshotMismatch)
            }
            return HTTPResponse(status: e.status, contentType: e.contentType, body: Data(e.body.utf8))
        }
        let (url, headers) = try request(path: path, params: params)
        switch HTTPTransport(timeout: timeout, insecure: insecure).get(url, headers: headers, cancelled: cancelled) {
        case .failure(let e): throw e
        case .success(let r):
            if mode == .recording {
                snapshot?.add(
                    Snapshot.Entry(
                        source: source, path: path, params: params, status: r.status,
                        contentType: r.contentType, body: String(decoding: r.body, as: UTF8.self)))
            }
            return r
        }
    }

    /// A live request whose body is read as it arrives (`HTTPStream`); nil when the answer
    /// must be held whole (a recording keeps it) or is already here (a replay): then `fetch`.
    func stream(path: String, params: [String: String], cancelled: @escaping () -> Bool) throws(TransportError)
        -> HTTPStream?
    {
        guard mode == .live else { return nil }
        let (url, headers) = try request(path: path, params: params)
        return try HTTPTransport(timeout: timeout, insecure: insecure).open(url, headers: headers, cancelled: cancelled)
            .get()
    }

    /// The URL and headers of a request to the server: the query, and credentials as a
    /// header, never in the URL.
    private func request(path: String, params: [String: String]) throws(TransportError) -> (URL, [String: String]) {
        if offline { throw TransportError(message: "offline: no metrics request leaves this process") }
        guard let base = prometheusURL else {
            throw TransportError(
                message:
                    "no Prometheus to ask: give --prometheus URL, set HEADROOM_PROMETHEUS_URL, or call connect(\"http://...\")"
            )
        }
        guard var c = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw TransportError(message: "the Prometheus address \(base.absoluteString) is not a valid URL")
        }
        c.path = (c.path.hasSuffix("/") ? String(c.path.dropLast()) : c.path) + path
        let credentials = (c.user, c.password)
        c.user = nil
        c.password = nil
        c.queryItems = params.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        // '+' in a query is a space to many servers; encode it.
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        c.user = credentials.0
        c.password = credentials.1
        guard let url = URLComponents(string: c.string ?? "")?.withoutCredentials.url else {
            throw TransportError(message: "cannot make a URL from \(HTTPTransport.redact(base))")
        }
        var headers = ["Accept": "application/json"]
        if let authorization {
            headers["Authorization"] = authorization
        } else if let user = credentials.0 {
            // http://user:password@host/ means basic auth; the credentials leave the URL.
            headers["Authorization"] = "Basic " + Data("\(user):\(credentials.1 ?? "")".utf8).base64EncodedString()
        }
        return (url, headers)
    }
}

extension URLComponents {
    var withoutCredentials: URLComponents {
        var c = self
        c.user = nil
        c.password = nil
        return c
    }
}
