import Foundation
import HeadroomCore
import HeadroomMetrics
import HeadroomPlanning
import Testing

@Suite("Metrics failures")
struct FailureTests {
    /// Runs `text`; `final` gets the session's metrics source afterwards (a recording lives there).
    func run(_ text: String, _ ctx: MetricsContext, final: @escaping (MetricsContext) -> Void = { _ in }) -> String? {
        withLargeStack {
            let r = BuiltinRegistry.standard()
            MetricsBuiltins.register(into: r, context: ctx)
            let session = Session(host: MemoryHost(), builtins: r, stackBudget: 100 << 20)
            defer { final(MetricsBuiltins.context(in: session.state) ?? ctx) }
            do { try session.run(SourceFile(name: "t.plan", text: text)); return nil } catch let e as DiagnosticList {
                return e.diagnostics.first?.message
            } catch { return "\(error)" }
        }
    }

    func context(_ server: CannedServer, timeout: Double = 5) -> MetricsContext {
        MetricsContext(prometheusURL: URL(string: server.url)!, timeout: timeout)
    }

    @Test func aProxyErrorPageIsSummarised() {
        let page =
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
        let s = CannedServer(response: CannedServer.http("502 Bad Gateway", type: "text/html", body: page))
        #expect(run("query('up')", context(s)) == "Prometheus answered HTTP 502 (502 Bad Gateway) to the query up")
    }

    @Test func truncatedJSONIsReported() {
        let body = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"#
        let s = CannedServer(
            response: CannedServer.http("200 OK", type: "application/json", body: body, declaredLength: 500))
        #expect(
            run("query('up')", context(s))
                == "127.0.0.1:\(s.port) cut its answer short (transfer closed with 429 bytes remaining to read)")
    }

    @Test func malformedJSONIsReported() {
        let s = CannedServer(
            response: CannedServer.http("200 OK", type: "application/json", body: "{\"status\": success}"))
        #expect(run("query('up')", context(s)) == "Prometheus sent malformed JSON (19 bytes) for the query up")
    }

    @Test func aWrongShapeIsReported() {
        let s = CannedServer(
            response: CannedServer.http(
                "200 OK", type: "application/json",
                body: #"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,2]}]}}"#))
        #expect(run("query('up')", context(s)) == "Prometheus's vector answer to up is malformed")
    }

    @Test func aServerThatNeverAnswersTimesOut() {
        let s = CannedServer(response: nil)
        #expect(
            run("query('up')", context(s, timeout: 1)) == "no answer from 127.0.0.1:\(s.port) within 1 s (timed out)")
    }

    @Test func theTokenIsSentButNeverShownOrRecorded() throws {
        let secret = "s3cr3t-token-\(UUID().uuidString)"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try (secret + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let s = CannedServer(
            response: CannedServer.http(
                "401 Unauthorized", type: "application/json",
                body: #"{"status":"error","errorType":"unauthorized","error":"bad token"}"#))
        var ctx = context(s)
        try ctx.useTokenFile(file.path)
        ctx.startRecording(now: 1_800_000_000)
        let message = run("query('up')", ctx) ?? ""
        #expect(s.lastRequest.contains("Authorization: Bearer \(secret)"))
        #expect(!message.contains(secret))
        #expect(message == "Prometheus rejected the query up: bad token (unauthorized, HTTP 401)")
        // An answer that is recorded (the refused one rolled back with its entry) holds no secret.
        let ok = CannedServer(
            response: CannedServer.http(
                "200 OK", type: "application/json",
                body:
                    #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"a"},"value":[1,"1"]}]}}"#
            ))
        var recorder = context(ok)
        try recorder.useTokenFile(file.path)
        recorder.startRecording(now: 1_800_000_000)
        var recorded: Snapshot?
        #expect(run("query('up')", recorder, final: { recorded = $0.snapshot }) == nil)
        #expect(ok.lastRequest.contains("Authorization: Bearer \(secret)"))
        let snapshot = String(decoding: try #require(recorded).encoded(), as: UTF8.self)
        #expect(try #require(recorded).entries.count == 1)
        #expect(!snapshot.contains(secret) && !snapshot.contains("127.0.0.1"))
    }

    @Test func aTokenFileWithTwoLinesIsRefused() throws {
        // The second line would otherwise become a header of its own.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try "abc\r\nX-Injected: 1\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var ctx = MetricsContext()
        #expect(throws: TransportError.self) { try ctx.useTokenFile(file.path) }
        do { try ctx.useTokenFile(file.path) } catch {
            #expect(
                error.message
                    == "the token file \(file.path) holds more than one token (spaces, line breaks or control characters inside)"
            )
        }
    }

    @Test func basicAuthFromTheURLLeavesTheURL() {
        let s = CannedServer(
            response: CannedServer.http(
                "200 OK", type: "application/json",
                body: #"{"status":"success","data":{"resultType":"scalar","result":[1,"7"]}}"#))
        let ctx = MetricsContext(prometheusURL: URL(string: "http://ops:pa55@127.0.0.1:\(s.port)")!)
        #expect(run("query('scalar(up)')", ctx) == nil)
        #expect(s.lastRequest.contains("Authorization: Basic b3BzOnBhNTU="))
        #expect(!s.lastRequest.contains("pa55@"))
    }

    @Test func aMissingSnapshotFileIsReported() {
        let ctx = MetricsContext()
        #expect(run("replay('nope.json')", ctx) == "cannot read the snapshot \"nope.json\": no such file")
    }
}

/// TLS against `openssl s_server` with a self-signed certificate made for the test.
@Suite("TLS", .serialized)
struct TLSTests {
    @Test func certificatesAreVerifiedUnlessInsecure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("key.pem").path, cert = dir.appendingPathComponent("cert.pem").path
        try PrometheusServer.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "1", "-subj", "/CN=127.0.0.1",
            ])
        let port = PrometheusServer.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: PrometheusServer.which("openssl")!)
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"]
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        server.standardInput = Pipe()
        try server.run()
        defer {
            // s_server outlives SIGTERM here; make sure it is gone.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        usleep(500_000)
        func query(insecure: Bool) -> String? {
            var ctx = MetricsContext(prometheusURL: URL(string: "https://127.0.0.1:\(port)")!, timeout: 5)
            ctx.insecure = insecure
            return FailureTests().run("query('up')", ctx)
        }
        let verified = query(insecure: false) ?? ""
        #expect(verified.hasPrefix("TLS to 127.0.0.1:\(port) failed: "), "\(verified)")
        #expect(verified.hasSuffix("(--insecure skips certificate checks)"))
        // With checks off the handshake succeeds; s_server's status page is not Prometheus's API.
        let insecure = query(insecure: true) ?? ""
        #expect(insecure.hasPrefix("Prometheus answered HTTP 200"), "\(insecure)")
    }
}
