import CCurl
import Foundation

/// A response body read as it arrives (`HTTPTransport.open`): `next()` gives the bytes that
/// came since the last call, `finish()` how the transfer ended. A large answer is parsed
/// while it downloads and never held whole; at most what one read of the socket brings is
/// buffered.
public final class HTTPStream {
    private var handle: OpaquePointer?
    /// Kept alive while libcurl may call back into it.
    private let cancel: HTTPTransport.Cancel
    private let url: URL
    private let transport: HTTPTransport
    /// How many bytes of the body have arrived, and the first of them (for messages about
    /// an answer that is not JSON).
    public private(set) var count = 0
    public private(set) var head: [UInt8] = []
    private static let headSize = 4096

    init(_ handle: OpaquePointer, cancel: HTTPTransport.Cancel, url: URL, transport: HTTPTransport) {
        self.handle = handle
        self.cancel = cancel
        self.url = url
        self.transport = transport
    }

    deinit { if let handle { var r = hr_http_finish(handle); hr_http_free(&r) } }

    /// The next bytes of the body, valid until the next call; nil when it has ended
    /// (completely or not: `finish` says).
    public func next() -> UnsafeRawBufferPointer? {
        guard let handle else { return nil }
        var data: UnsafePointer<UInt8>?
        var len = 0
        guard hr_http_next(handle, &data, &len) == 1, let data else { return nil }
        let bytes = UnsafeRawBufferPointer(start: data, count: len)
        if head.count < HTTPStream.headSize { head += bytes.prefix(HTTPStream.headSize - head.count) }
        count += len
        return bytes
    }

    /// Reads what is left of the body, counting it (for a message about an answer that was
    /// not what it should be).
    public func drain() { while next() != nil {} }

    /// Ends the transfer: the status and content type, or why the body did not arrive whole.
    public func finish() -> Result<(status: Int, contentType: String), TransportError> {
        guard let handle else { return .failure(TransportError(message: "the request has already ended")) }
        self.handle = nil
        var r = hr_http_finish(handle)
        defer { hr_http_free(&r) }
        if let failure = transport.failure(r, url) { return .failure(failure) }
        return .success((r.status, r.content_type.map { String(cString: $0) } ?? ""))
    }
}
