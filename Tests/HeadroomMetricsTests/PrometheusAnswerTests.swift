import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning
import Testing

/// The API's JSON read from bytes (`JSONReader`, `PrometheusAnswer`): everything RFC 8259
/// allows in an answer is read as Foundation's parser read it, and what it does not allow
/// is the same "malformed JSON" error. The real server's own answers are in PrometheusTests.
@Suite("Prometheus answers read from bytes")
struct PrometheusAnswerTests {
    let failures = FailureTests()

    func answer(_ body: String) -> String? {
        let s = CannedServer(response: CannedServer.http("200 OK", type: "application/json", body: body))
        return failures.run(
            """
            t = query('up')
            assert len(t) == 2
            assert t[0].instance == "né\\"1\\\\ 🚀/x"
            assert t[1].value == 1500
            """, failures.context(s))
    }

    @Test func escapesUnicodeAndKeysInAnyOrder() {
        // \u escapes with a surrogate pair, an escaped slash, numbers in exponent form,
        // `result` before `resultType`, and keys the API added later (`warnings`, `stats`).
        let body = #"""
            {"data":{"result":[{"metric":{"instance":"n\u00e9\"1\\ \ud83d\ude80\/x","job":"a"},"value":[1.7e9,"2"]},
             {"value":["1700000000.5","1.5e3"],"metric":{"instance":"b"}}],"resultType":"vector",
             "stats":{"timings":[1,2.5,-3E-2,true,false,null,{}]}},
             "status":"success","warnings":["a \t warning"]}
            """#
        #expect(answer(body) == nil)
    }

    @Test(arguments: [
        #"{"status":"success","data":{"resultType":"vector","result":[]}} x"#,  // text after the document
        #"{"status":"success","data":{"resultType":"vector","result":[]},}"#,  // a trailing comma
        #"{"status":"success","data":{"resultType":"vector","result":[01]}}"#,  // a leading zero
        #"{"status":"success","data":{"resultType":"vector","result":["\x"]}}"#,  // a bad escape
        #"{"status":"succ"# + "\u{1}" + #"ess"}"#,  // a control character in a string
        #"{"status":"success","extra":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
            + "}",  // nesting past 512
    ])
    func notJSONIsMalformed(_ body: String) {
        #expect(answer(body) == "Prometheus sent malformed JSON (\(body.utf8.count) bytes) for the query up")
    }

    @Test(arguments: [
        (#"["success"]"#, "Prometheus's answer to up is not the API's JSON envelope"),
        (#"{"status":"success","data":[]}"#, "Prometheus's answer to up has no data"),
        (
            #"{"status":"success","data":{"resultType":"vector","result":{}}}"#,
            "Prometheus's vector answer to up is malformed"
        ),
        (
            #"{"status":"success","data":{"resultType":"vector","result":[{"value":[1]}]}}"#,
            "Prometheus's vector answer to up is malformed"
        ),
        (
            #"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"x"]}]}}"#,
            "Prometheus's vector answer to up is malformed"
        ),
        (
            #"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,"2"],3]}]}}"#,
            "Prometheus's matrix answer to up is malformed"
        ),
        (
            #"{"status":"success","data":{"resultType":"histogram","result":[]}}"#,
            "Prometheus answered up with an unknown result type histogram"
        ),
    ])
    func theWrongShapeSaysWhich(_ body: String, _ message: String) {
        #expect(answer(body) == message)
    }
}
