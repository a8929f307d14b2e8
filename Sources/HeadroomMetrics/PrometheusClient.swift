import Foundation
import HeadroomCore

/// The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`): requests, the response
/// envelope, and results as samples.
struct PrometheusClient {
    /// A copy of the session's source; the builtin stores it back (a recording grows).
    var context: MetricsContext
    let cancelled: () -> Bool

    /// Prometheus refuses range queries of more than this many points per series.
    static let maxPoints = 11_000

    struct Sample { var labels: [(String, String)]; var time: Double; var value: Double }
    struct Range { var labels: [(String, String)]; var times: [Int64]; var values: [Double] }

    enum Result {
        case scalar(Double, time: Double)
        case string(String)
        case vector([Sample])
        case matrix([Range])
    }

    struct Failure: Error {
        var message: String
        /// What went wrong, for the diagnostic: Prometheus's answer (the default), or the
        /// transport's kind of failure.
        var code: DiagnosticCode = .prometheusError
    }

    /// An instant query at `time` (seconds).
    mutating func query(_ promql: String, at time: Int64) throws(Failure) -> Result {
        try request("/api/v1/query", ["query": promql, "time": String(time)], promql)
    }

    /// A range query, split into requests of at most 11,000 points per series and merged.
    mutating func queryRange(_ promql: String, start: Int64, end: Int64, step: Int64) throws(Failure) -> [Range] {
        var merged: [String: Range] = [:]
        var order: [String] = []
        var chunkStart = start
        while chunkStart <= end {
            let chunkEnd = min(end, chunkStart + Int64(PrometheusClient.maxPoints - 1) * step)
            let r = try request(
                "/api/v1/query_range",
                [
                    "query": promql, "start": String(chunkStart), "end": String(chunkEnd),
                    "step": String(step),
                ], promql)
            guard case .matrix(let series) = r else {
                throw Failure(message: "Prometheus answered query_range with something other than a matrix")
            }
            for s in series {
                let key = s.labels.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
                if merged[key] == nil { order.append(key) }
                var range = merged[key] ?? Range(labels: s.labels, times: [], values: [])
                for (t, v) in zip(s.times, s.values) where (range.times.last ?? Int64.min) < t {
                    range.times.append(t)
                    range.values.append(v)
                }
                merged[key] = range
            }
            chunkStart = chunkEnd + step
        }
        return order.compactMap { merged[$0] }
    }

    private mutating func request(_ path: String, _ params: [String: String], _ promql: String) throws(Failure)
        -> Result
    {
        let response: HTTPResponse
        do {
            response = try context.fetch(
                source: "prometheus", path: path, params: params, what: "the query \(promql)",
                cancelled: cancelled)
        } catch { throw Failure(message: error.message, code: error.code) }
        return try decode(response, promql)
    }

    func decode(_ r: HTTPResponse, _ promql: String) throws(Failure) -> Result {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: r.body) } catch {
            if r.status >= 300 || !r.contentType.contains("json") {
                throw Failure(
                    message:
                        "Prometheus answered HTTP \(r.status) \(PrometheusClient.gist(r.body)) to the query \(promql)")
            }
            throw Failure(message: "Prometheus sent malformed JSON (\(r.body.count) bytes) for the query \(promql)")
        }
        guard let envelope = json as? [String: Any], let status = envelope["status"] as? String else {
            throw Failure(message: "Prometheus's answer to \(promql) is not the API's JSON envelope")
        }
        if status != "success" {
            let type = envelope["errorType"] as? String ?? "error"
            let message = envelope["error"] as? String ?? "no message"
            throw Failure(message: "Prometheus rejected the query \(promql): \(message) (\(type), HTTP \(r.status))")
        }
        guard let data = envelope["data"] as? [String: Any], let type = data["resultType"] as? String else {
            throw Failure(message: "Prometheus's answer to \(promql) has no data")
        }
        func bad() -> Failure { Failure(message: "Prometheus's \(type) answer to \(promql) is malformed") }
        switch type {
        case "scalar", "string":
            guard let pair = data["result"] as? [Any], pair.count == 2, let t = PrometheusClient.number(pair[0]),
                let text = pair[1] as? String
            else { throw bad() }
            if type == "string" { return .string(text) }
            guard let v = PrometheusClient.sampleValue(text) else { throw bad() }
            return .scalar(v, time: t)
        case "vector":
            guard let items = data["result"] as? [[String: Any]] else { throw bad() }
            var out: [Sample] = []
            for item in items {
                guard let pair = item["value"] as? [Any], pair.count == 2, let t = PrometheusClient.number(pair[0]),
                    let text = pair[1] as? String, let v = PrometheusClient.sampleValue(text)
                else { throw bad() }
                out.append(Sample(labels: PrometheusClient.labels(item["metric"]), time: t, value: v))
            }
            return .vector(out)
        case "matrix":
            guard let items = data["result"] as? [[String: Any]] else { throw bad() }
            var out: [Range] = []
            for item in items {
                guard let values = item["values"] as? [[Any]] else { throw bad() }
                var r = Range(labels: PrometheusClient.labels(item["metric"]), times: [], values: [])
                for pair in values {
                    guard pair.count == 2, let t = PrometheusClient.number(pair[0]), abs(t) < 1e13,
                        let text = pair[1] as? String,
                        let v = PrometheusClient.sampleValue(text)
                    else { throw bad() }
                    r.times.append(Int64(t.rounded()))
                    r.values.append(v)
                }
                out.append(r)
            }
            return .matrix(out)
        default:
            throw Failure(message: "Prometheus answered \(promql) with an unknown result type \(type)")
        }
    }

    static func number(_ any: Any) -> Double? {
        if let d = any as? Double { return d }
        if let n = any as? NSNumber { return n.doubleValue }
        if let s = any as? String { return Double(s) }
        return nil
    }

    /// Sample values arrive as strings, including "NaN", "+Inf" and "-Inf".
    static func sampleValue(_ s: String) -> Double? {
        switch s {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(s)
        }
    }

    static func labels(_ any: Any?) -> [(String, String)] {
        guard let m = any as? [String: String] else { return [] }
        return m.sorted { ($0.key == "__name__" ? "" : $0.key) < ($1.key == "__name__" ? "" : $1.key) }.map {
            ($0.key, $0.value)
        }
    }

    /// The first words of a non-JSON body: the title of an HTML page, or its first line.
    static func gist(_ body: Data) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        if let a = text.range(of: "<title>", options: .caseInsensitive),
            let b = text.range(of: "</title>", options: .caseInsensitive, range: a.upperBound..<text.endIndex)
        {
            return "(\(text[a.upperBound..<b.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)))"
        }
        let line = text.split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty ? "with an empty body" : "(\(line.prefix(120)))"
    }
}
