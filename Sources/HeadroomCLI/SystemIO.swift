#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the C library: the CLI reads files and stdin without Foundation,
/// which keeps `headroom -e '1+1'` starting in a few milliseconds.
enum SystemIO {
    struct Failure: Error { let message: String }

    static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: errorText(errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(message: "it is a directory") }
        return readAll(fd)
    }

    static func readStdin() -> [UInt8] { readAll(0) }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func env(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    enum Stream { case out, err }

    /// Buffered standard output; standard error is written at once.
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ s: String, to stream: Stream) {
        switch stream {
        case .out:
            buffer.append(contentsOf: s.utf8)
            if buffer.count >= 1 << 16 { flush() }
        case .err:
            flush()
            writeAll(2, Array(s.utf8))
        }
    }

    static func flush() {
        if !buffer.isEmpty { writeAll(1, buffer); buffer.removeAll(keepingCapacity: true) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            off += n
        }
    }

    static func now() -> Int64 { Int64(time(nil)) }

    /// Joins `path` to the directory of `from` unless `path` is absolute.
    static func resolve(_ path: String, relativeTo from: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = from.lastIndex(of: "/") else { return path }
        return String(from[...slash]) + path
    }
}
