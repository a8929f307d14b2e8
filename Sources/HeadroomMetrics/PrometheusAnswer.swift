import Foundation
import HeadroomCSV

/// The Prometheus API's JSON answer, read straight from the response bytes by
/// `JSONReader` into the shape the API documents: an envelope (`status`, `error`,
/// `errorType`, `data`), and in `data` a `resultType` and a `result`. A range query's
/// samples go straight into arrays of times and values; no JSON tree is built.
///
/// Parts that are valid JSON but not the documented shape are noted, not fatal here:
/// `PrometheusClient.decode` says which part was wrong, as it did over Foundation's parser.
struct PrometheusAnswer {
    var isObject = false
    var status: String?
    var errorType: String?
    var error: String?
    var hasData = false
    var resultType: String?
    var result: Result?

    enum Result {
        /// A scalar or string result: `[time, "text"]`; nil parts were not those types.
        case pair(time: Double?, text: String?, count: Int)
        /// A vector or matrix: one item per series.
        case items([Item])
        /// Anything else.
        case other
    }

    struct Item {
        var labels: [(String, String)] = []
        /// An instant vector's `value`.
        var value: (time: Double, value: Double)?
        /// A range's `values`, in arrival order.
        var times: [Int64] = []
        var values: [Double] = []
        var hasValues = false
        /// Some part was not the documented shape.
        var malformed = false
    }

    /// Reads `body`; throws when it is not JSON at all.
    static func read(_ body: Data) throws(JSONReader.Syntax) -> PrometheusAnswer {
        let result: Swift.Result<PrometheusAnswer, JSONReader.Syntax> = body.withUnsafeBytes { raw in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            do throws(JSONReader.Syntax) { return .success(try read(&r)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Reads a body as it arrives (`next` as `JSONReader.Feed`'s), holding only the samples.
    static func read(arriving next: @escaping () -> UnsafeRawBufferPointer?) throws(JSONReader.Syntax)
        -> PrometheusAnswer
    {
        var r = JSONReader(JSONReader.Feed(next))
        return try read(&r)
    }

    static func read(_ r: inout JSONReader) throws(JSONReader.Syntax) -> PrometheusAnswer {
        var answer = PrometheusAnswer()
        try answer.readEnvelope(&r)
        guard r.atEnd else { throw JSONReader.Syntax() }
        return answer
    }

    private mutating func readEnvelope(_ r: inout JSONReader) throws(JSONReader.Syntax) {
        guard try r.peek() == 0x7B else { return try r.skip() }
        isObject = true
        try r.object { r, key throws(JSONReader.Syntax) in
            switch (key, try r.peek()) {
            case ("status", 0x22): status = try r.string()
            case ("errorType", 0x22): errorType = try r.string()
            case ("error", 0x22): error = try r.string()
            case ("data", 0x7B):
                hasData = true
                try r.object { r, key throws(JSONReader.Syntax) in
                    switch (key, try r.peek()) {
                    case ("resultType", 0x22): resultType = try r.string()
                    case ("result", 0x5B): result = try PrometheusAnswer.readResult(&r)
                    case ("result", _):
                        result = .other
                        try r.skip()
                    default: try r.skip()
                    }
                }
            default: try r.skip()
            }
        }
    }

    private static func readResult(_ r: inout JSONReader) throws(JSONReader.Syntax) -> Result {
        var items: [Item] = []
        var pairTime: Double?, pairText: String?
        var count = 0, objects = 0
        try r.array { r throws(JSONReader.Syntax) in
            count += 1
            if try r.peek() == 0x7B {
                objects += 1
                items.append(try readItem(&r))
            } else if count == 1 {
                pairTime = try time(&r)
            } else if count == 2, try r.peek() == 0x22 {
                pairText = try r.string()
            } else {
                try r.skip()
            }
        }
        if objects == count { return .items(items) }
        if objects == 0 { return .pair(time: pairTime, text: pairText, count: count) }
        return .other
    }

    private static func readItem(_ r: inout JSONReader) throws(JSONReader.Syntax) -> Item {
        var item = Item()
        try r.object { r, key throws(JSONReader.Syntax) in
            switch (key, try r.peek()) {
            case ("metric", 0x7B):
                var labels: [(String, String)] = []
                var allText = true
                try r.object { r, name throws(JSONReader.Syntax) in
                    if try r.peek() == 0x22 {
                        labels.append((name, try r.string()))
                    } else {
                        allText = false; try r.skip()
                    }
                }
                // Sorted as `PrometheusClient.labels` sorts them: the metric name first.
                item.labels = allText ? labels.sorted { PrometheusClient.labelOrder($0.0, $1.0) } : []
            case ("value", 0x5B):
                if let p = try sample(&r) { item.value = p } else { item.malformed = true }
            case ("values", 0x5B):
                item.hasValues = true
                try r.array { r throws(JSONReader.Syntax) in
                    guard try r.peek() == 0x5B else {
                        item.malformed = true
                        return try r.skip()
                    }
                    guard let p = try sample(&r), abs(p.time) < 1e13 else {
                        item.malformed = true
                        return
                    }
                    item.times.append(Int64(p.time.rounded()))
                    item.values.append(p.value)
                }
            case ("values", _):
                item.malformed = true
                try r.skip()
            default: try r.skip()
            }
        }
        return item
    }

    /// `[time, "value"]`, or nil (having read it) when it is not that.
    private static func sample(_ r: inout JSONReader) throws(JSONReader.Syntax) -> (time: Double, value: Double)? {
        var t: Double?, v: Double?
        var count = 0
        try r.array { r throws(JSONReader.Syntax) in
            count += 1
            if count == 1 {
                t = try time(&r)
            } else if count == 2, try r.peek() == 0x22 {
                let s = try r.stringBytes()
                v = s.raw.map { PrometheusClient.sampleValue(r.bytes($0)) } ?? PrometheusClient.sampleValue(s.decoded)
            } else {
                try r.skip()
            }
        }
        guard count == 2, let t, let v else { return nil }
        return (t, v)
    }

    /// A time: a JSON number, or a string holding one; nil (having read it) otherwise.
    private static func time(_ r: inout JSONReader) throws(JSONReader.Syntax) -> Double? {
        switch try r.peek() {
        case 0x22:
            let s = try r.stringBytes()
            return s.raw.map { DecimalBytes.parse(r.bytes($0)) } ?? Double(String(decoding: s.decoded, as: UTF8.self))
        case 0x2D, 0x30...0x39: return try r.number()
        default:
            try r.skip()
            return nil
        }
    }
}
