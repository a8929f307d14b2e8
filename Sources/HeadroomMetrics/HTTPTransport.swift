import CCurl
import Foundation
import HeadroomCore

/// One HTTP response, as the metrics sources need it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: Data
}

/// Why a request got no response, in the user's terms.
public struct TransportError: Error, Sendable {
    public var message: String
    /// Which kind of failure: no server to reach (the default), or a snapshot without the answer.
    public var code: DiagnosticCode = .metricsUnreachable
}

/// A blocking GET with libcurl (loaded on first use). Plans evaluate one step at a time, so
/// the builtin waits for its answer; Ctrl-C aborts the transfer through libcurl's progress
/// callback.
public struct HTTPTransport: Sendable {
    public var timeout: Double
    /// Skip TLS certificate verification (`--insecure`).
    public var insecure: Bool

    public init(timeout: Double, insecure: Bool = false) {
        self.timeout = timeout
        self.insecure = insecure
    }

    public func get(_ url: URL, headers: [String: String], cancelled: @escaping () -> Bool) -> Result<
        HTTPResponse, TransportError
    > {
        var result = HTTPTransport.withCHeaders(headers) { lines, count in
            withExtendedLifetime(Cancel(cancelled)) { cancel in
                hr_http_get(
                    url.absoluteString, lines, count, timeout, insecure ? 1 : 0, Cancel.callback,
                    Unmanaged.passUnretained(cancel).toOpaque())
            }
        }
        defer { hr_http_free(&result) }
        if let failure = failure(result, url) { return .failure(failure) }
        // The body changes hands without a copy: a 30 MB answer is not held twice.
        var body = Data()
        if let bytes = result.body {
            body = Data(bytesNoCopy: bytes, count: result.body_len, deallocator: .free)
            result.body = nil
        }
        let type = result.content_type.map { String(cString: $0) } ?? ""
        return .success(HTTPResponse(status: result.status, contentType: type, body: body))
    }

    /// A GET whose body is read as it arrives (`HTTPStream`), for answers too large to hold
    /// whole before reading them.
    public func open(_ url: URL, headers: [String: String], cancelled: @escaping () -> Bool) -> Result<
        HTTPStream, TransportError
    > {
        let cancel = Cancel(cancelled)
        var failed = hr_http_result()
        let handle = HTTPTransport.withCHeaders(headers) { lines, count in
            hr_http_open(
                url.absoluteString, lines, count, timeout, insecure ? 1 : 0, Cancel.callback,
                Unmanaged.passUnretained(cancel).toOpaque(), &failed)
        }
        guard let handle else {
            return .failure(self.failure(failed, url) ?? TransportError(message: "cannot start the request"))
        }
        return .success(HTTPStream(handle, cancel: cancel, url: url, transport: self))
    }

    /// The transfer's failure in the user's words, or nil when it completed.
    func failure(_ result: hr_http_result, _ url: URL) -> TransportError? {
        guard result.curl_code != 0 else { return nil }
        let message = withUnsafeBytes(of: result.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return TransportError(
            message: HTTPTransport.describe(Int(result.curl_code), message, url: url, timeout: timeout))
    }

    /// "Name: value" lines as C strings for the length of `body` (libcurl copies them).
    private static func withCHeaders<T>(
        _ headers: [String: String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> T
    ) -> T {
        let lines = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        var cLines = lines.map { strdup($0) }
        defer { cLines.forEach { free($0) } }
        return cLines.withUnsafeMutableBufferPointer { buf in
            // An empty header list has no base address; libcurl then gets none.
            guard let base = buf.baseAddress else { return body(nil, 0) }
            return base.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) {
                body(UnsafePointer($0), Int32(buf.count))
            }
        }
    }

    /// What libcurl's progress callback asks: has the user interrupted?
    final class Cancel {
        let check: () -> Bool
        init(_ check: @escaping () -> Bool) { self.check = check }
        static let callback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { raw in
            guard let raw else { return 0 }
            return Unmanaged<Cancel>.fromOpaque(raw).takeUnretainedValue().check() ? 1 : 0
        }
    }

    /// The URL without credentials or query, for messages.
    public static func redact(_ url: URL) -> String {
        guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the server" }
        c.user = nil
        c.password = nil
        c.query = nil
        return c.string ?? "the server"
    }

    static func describe(_ code: Int, _ detail: String, url: URL, timeout: Double) -> String {
        let host = url.host ?? "the server"
        let place = "\(host)\(url.port.map { ":\($0)" } ?? "")"
        switch code {
        case -1: return detail
        case HR_CURLE_COULDNT_CONNECT:
            return "cannot connect to \(place): connection refused (is the server running?)"
        case HR_CURLE_COULDNT_RESOLVE_HOST:
            return "cannot find the host \(host) (DNS lookup failed)"
        case HR_CURLE_OPERATION_TIMEDOUT:
            return "no answer from \(place) within \(NumberFormatForMessages.seconds(timeout)) (timed out)"
        case HR_CURLE_ABORTED_BY_CALLBACK:
            return "interrupted"
        case HR_CURLE_PEER_FAILED_VERIFICATION, HR_CURLE_SSL_CACERT_BADFILE,
            HR_CURLE_SSL_CONNECT_ERROR:
            return "TLS to \(place) failed: \(detail) (--insecure skips certificate checks)"
        case HR_CURLE_PARTIAL_FILE:
            return "\(place) cut its answer short (\(detail))"
        case HR_CURLE_GOT_NOTHING, HR_CURLE_RECV_ERROR:
            return "\(place) closed the connection without an answer (\(detail))"
        default:
            return "cannot reach \(place): \(detail)"
        }
    }
}

enum NumberFormatForMessages {
    static func seconds(_ s: Double) -> String { s == s.rounded() ? "\(Int(s)) s" : "\(s) s" }
}
