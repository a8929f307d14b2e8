import Foundation
import Testing

@testable import HeadroomMetrics

/// A live answer is read as it arrives (`JSONReader.Feed`): wherever the network splits it,
/// the reader sees the same document as when the answer is held whole, and keeps only the
/// token it is in the middle of.
@Suite("Answers read as they arrive")
struct StreamedAnswerTests {
    static let matrix = #"""
        {"status":"success","data":{"resultType":"matrix","result":[
         {"metric":{"__name__":"node_load1","instance":"n\u00e9\"1\\ \ud83d\ude80\/x","job":"a"},
          "values":[[1700000000,"1.5"],[1700000060.25,"NaN"],[1700000120,"-2.5e-3"],[1700000180,"+Inf"]]},
         {"values":[["1700000000","12345678.875"]],"metric":{"instance":"b"}}],
         "stats":{"timings":[1,2.5,-3E-2,true,false,null,{}]}},"warnings":["a \t warning"]}
        """#

    /// What a reading found, as text to compare.
    static func summary(_ a: PrometheusAnswer) -> String {
        var out = "\(a.isObject) \(a.status ?? "-") \(a.resultType ?? "-") \(a.error ?? "-")"
        if case .items(let items) = a.result {
            for item in items {
                out += "\n\(item.labels) \(item.times) \(item.values.map { $0.bitPattern }) \(item.malformed)"
            }
        }
        return out
    }

    /// `body` read in pieces of `size` bytes (each piece valid only until the next is asked for).
    static func readInPieces(_ body: [UInt8], _ size: Int) -> Result<String, JSONReader.Syntax> {
        var offset = 0
        var piece = [UInt8]()
        let answer = Result { () throws(JSONReader.Syntax) in
            try PrometheusAnswer.read(arriving: {
                guard offset < body.count else { return nil }
                piece = Array(body[offset..<min(body.count, offset + size)])
                offset += size
                return piece.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) }
            })
        }
        return answer.map(summary)
    }

    static func readWhole(_ body: [UInt8]) -> Result<String, JSONReader.Syntax> {
        Result { () throws(JSONReader.Syntax) in try PrometheusAnswer.read(Data(body)) }.map(summary)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64, 4096])
    func anAnswerSplitAnywhereReadsTheSame(_ size: Int) throws {
        let body = Array(StreamedAnswerTests.matrix.utf8)
        let whole = try StreamedAnswerTests.readWhole(body).get()
        #expect(whole.contains("node_load1"))
        #expect(try StreamedAnswerTests.readInPieces(body, size).get() == whole)
    }

    @Test(arguments: [
        #"{"status":"success","data":{"resultType":"vector","result":[]}} x"#,
        #"{"status":"success","data":{"resultType":"vector","result":[01]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":["\x"]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"2"]}"#,  // cut short
        #"{"status":"succ"#, "", "nul",
    ])
    func whatIsNotJSONIsNotJSONInPiecesEither(_ text: String) {
        let body = Array(text.utf8)
        for size in [1, 2, 5, 1000] {
            #expect(throws: JSONReader.Syntax.self) { try StreamedAnswerTests.readInPieces(body, size).get() }
        }
        #expect(throws: JSONReader.Syntax.self) { try StreamedAnswerTests.readWhole(body).get() }
    }

    @Test func onlyTheTokenBeingReadIsKept() {
        // 20,000 samples in pieces of 1,000 bytes: the reader's window stays near one piece
        // (it would grow to the whole answer if it kept what it had read).
        var text = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":["#
        text += (0..<20_000).map { "[\(1_700_000_000 + $0 * 60),\"\($0).5\"]" }.joined(separator: ",")
        text += "]}]}}"
        let body = Array(text.utf8)
        var offset = 0
        var piece = [UInt8]()
        let feed = JSONReader.Feed {
            guard offset < body.count else { return nil }
            piece = Array(body[offset..<min(body.count, offset + 1000)])
            offset += 1000
            return piece.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) }
        }
        var reader = JSONReader(feed)
        var answer = PrometheusAnswer()
        #expect(throws: Never.self) { answer = try PrometheusAnswer.read(&reader) }
        guard case .items(let items) = answer.result else {
            Issue.record("no series")
            return
        }
        #expect(items.first?.values.count == 20_000)
        #expect(items.first?.values.last == 19_999.5)
        #expect(body.count > 400_000)
        #expect(feed.capacity <= 1 << 16)
    }
}
