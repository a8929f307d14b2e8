import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP server that answers every request with the same bytes, or never answers:
/// for the failures a real Prometheus does not produce on demand (a proxy's HTML error page,
/// a connection cut mid-body, a server that hangs).
final class CannedServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private(set) var requests: [String] = []
    private let lock = NSLock()
    private let response: String?

    /// `response` nil: accept and never answer.
    init(response: String?) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        self.response = response
        listen(fd, 16)
        let listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let c = accept(listener, nil, nil)
                if c < 0 { return }
                var buf = [UInt8](repeating: 0, count: 8192)
                let n = read(c, &buf, buf.count)
                if n > 0 {
                    lock.lock(); requests.append(String(decoding: buf[0..<n], as: UTF8.self)); lock.unlock()
                }
                guard let response else { continue }  // hang: keep the connection open, say nothing
                _ = response.utf8CString.withUnsafeBufferPointer { write(c, $0.baseAddress, $0.count - 1) }
                close(c)
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var lastRequest: String {
        lock.lock(); defer { lock.unlock() }
        return requests.last ?? ""
    }

    deinit { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }

    static func http(_ status: String, type: String, body: String, declaredLength: Int? = nil) -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(declaredLength ?? body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }
}
