import Foundation
import HeadroomCSV
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
                var range: Range
                if let existing = merged.removeValue(forKey: key) {
                    range = existing
                } else {
                    order.append(key)
                    // The first chunk of a series is kept as it came when its times increase,
                    // as Prometheus sends them.
                    if zip(s.times, s.times.dropFirst()).allSatisfy({ $0 < $1 }) {
                        merged[key] = s
                        continue
                    }
                    range = Range(labels: s.labels, times: [], values: [])
                }
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
        let what = "the query \(promql)"
        // A live answer is read as it arrives; a recording keeps it whole, a replay has it.
        let stream: HTTPStream?
        do {
            stream = try context.stream(path: path, params: params, cancelled: cancelled)
        } catch { throw Failure(message: error.message, code: error.code) }
        if let stream { return try decode(stream, promql) }
        let r: HTTPResponse
        do {
            r = try context.fetch(source: "prometheus", path: path, params: params, what: what, cancelled: cancelled)
        } catch { throw Failure(message: error.message, code: error.code) }
        let answer = Swift.Result { () throws(JSONReader.Syntax) in try PrometheusAnswer.read(r.body) }
        return try decode(
            answer, status: r.status, contentType: r.contentType, size: r.body.count, head: r.body.prefix(4096), promql)
    }

    /// Reads an answer as it arrives. How the transfer ended comes first: an answer cut
    /// short is the network's failure, not malformed JSON.
    private func decode(_ stream: HTTPStream, _ promql: String) throws(Failure) -> Result {
        let answer = Swift.Result { () throws(JSONReader.Syntax) in try PrometheusAnswer.read(arriving: stream.next) }
        // Not JSON: the rest is read for its size and the transfer's outcome.
        if case .failure = answer { stream.drain() }
        switch stream.finish() {
        case .failure(let error): throw Failure(message: error.message, code: error.code)
        case .success(let (status, contentType)):
            return try decode(
                answer, status: status, contentType: contentType, size: stream.count, head: Data(stream.head), promql)
        }
    }

    func decode(
        _ read: Swift.Result<PrometheusAnswer, JSONReader.Syntax>, status: Int, contentType: String, size: Int,
        head: Data, _ promql: String
    ) throws(Failure) -> Result {
        let answer: PrometheusAnswer
        switch read {
        case .success(let a): answer = a
        case .failure:
            if status >= 300 || !contentType.contains("json") {
                throw Failure(
                    message: "Prometheus answered HTTP \(status) \(PrometheusClient.gist(head)) to the query \(promql)")
            }
            throw Failure(message: "Prometheus sent malformed JSON (\(size) bytes) for the query \(promql)")
        }
        guard answer.isObject, let answerStatus = answer.status else {
            throw Failure(message: "Prometheus's answer to \(promql) is not the API's JSON envelope")
        }
        if answerStatus != "success" {
            let type = answer.errorType ?? "error"
            let message = answer.error ?? "no message"
            throw Failure(message: "Prometheus rejected the query \(promql): \(message) (\(type), HTTP \(status))")
        }
        guard answer.hasData, let type = answer.resultType else {
            throw Failure(message: "Prometheus's answer to \(promql) has no data")
        }
        func bad() -> Failure { Failure(message: "Prometheus's \(type) answer to \(promql) is malformed") }
        switch type {
        case "scalar", "string":
            guard case .pair(let t?, let text?, 2) = answer.result else { throw bad() }
            if type == "string" { return .string(text) }
            guard let v = PrometheusClient.sampleValue(Array(text.utf8)) else { throw bad() }
            return .scalar(v, time: t)
        case "vector":
            guard case .items(let items) = answer.result else { throw bad() }
            var out: [Sample] = []
            for item in items {
                guard !item.malformed, let p = item.value else { throw bad() }
                out.append(Sample(labels: item.labels, time: p.time, value: p.value))
            }
            return .vector(out)
        case "matrix":
            guard case .items(let items) = answer.result else { throw bad() }
            var out: [Range] = []
            for item in items {
                guard !item.malformed, item.hasValues else { throw bad() }
                out.append(Range(labels: item.labels, times: item.times, values: item.values))
            }
            return .matrix(out)
        default:
            throw Failure(message: "Prometheus answered \(promql) with an unknown result type \(type)")
        }
    }

    /// Sample values arrive as strings, including "NaN", "+Inf" and "-Inf".
    static func sampleValue(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        switch s.count {
        case 3 where s.elementsEqual("NaN".utf8): return .nan
        case 3 where s.elementsEqual("Inf".utf8): return .infinity
        case 4 where s.elementsEqual("+Inf".utf8): return .infinity
        case 4 where s.elementsEqual("-Inf".utf8): return -.infinity
        default: return DecimalBytes.parse(s)
        }
    }

    static func sampleValue(_ s: [UInt8]) -> Double? { s.withUnsafeBufferPointer { sampleValue($0) } }

    /// Labels in order: the metric name first, then by name.
    static func labelOrder(_ a: String, _ b: String) -> Bool {
        (a == "__name__" ? "" : a) < (b == "__name__" ? "" : b)
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
