#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the C library for the front ends (CLI, REPL): files, stdin/stdout,
/// environment, terminals. No Foundation, which keeps `headroom -e '1+1'` starting in a few
/// milliseconds.
public enum SystemIO {
    public struct Failure: Error {
        public let message: String
    }

    /// Reads a whole file. A named pipe is opened without waiting for a writer (a plain open
    /// would block until one comes, beyond the reach of Ctrl-C), then read as data arrives
    /// until its writer closes it, asking `cancelled` every tenth of a second meanwhile.
    public static func readFile(_ path: String, cancelled: () -> Bool = { false }) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(message: errorText(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(message: errorText(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: throw Failure(message: "it is a directory")
        case S_IFIFO: return try readPipe(fd, cancelled: cancelled)
        default:
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            // The size is known: one buffer of it, not a doubling one (a million-row CSV
            // would otherwise pass through buffers of up to twice its size).
            return try readAll(fd, expected: Int(clamping: st.st_size))
        }
    }

    /// The most a plan, an import or a data file may hold.
    public static let maxFileSize = 256 << 20

    public static func readStdin() throws(Failure) -> [UInt8] { try readAll(0) }

    private static func readAll(_ fd: Int32, expected: Int = 0) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(max(expected, 0), maxFileSize) + 1)
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
            if out.count > maxFileSize { throw Failure(message: "it is larger than 256 MiB") }
        }
        return out
    }

    /// A non-blocking named pipe: a read of 0 bytes means the end only once a writer has
    /// come and gone (poll says so with POLLHUP); before that, no writer has opened it yet.
    private static func readPipe(_ fd: Int32, cancelled: () -> Bool) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        var hungUp = false
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                out.append(contentsOf: buf[0..<n])
                if out.count > maxFileSize { throw Failure(message: "it is larger than 256 MiB") }
                continue
            }
            if n == 0, hungUp { return out }
            if n < 0, errno != EAGAIN, errno != EINTR { throw Failure(message: errorText(errno)) }
            if cancelled() { throw Failure(message: "interrupted while waiting for a writer to the pipe") }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 100) > 0, p.revents & Int16(POLLHUP) != 0 { hungUp = true }
        }
    }

    public static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The width of the terminal on `fd`, or nil when it is not a terminal.
    public static func terminalColumns(_ fd: Int32) -> Int? {
        guard isTerminal(fd) else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    public static func env(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    public enum Stream { case out, err }

    /// Buffered standard output; standard error is written at once.
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    public static func write(_ s: String, to stream: Stream) {
        switch stream {
        case .out:
            buffer.append(contentsOf: s.utf8)
            if buffer.count >= 1 << 16 { flush() }
        case .err:
            flush()
            writeAll(2, Array(s.utf8))
        }
    }

    public static func flush() {
        if !buffer.isEmpty { writeAll(1, buffer); buffer.removeAll(keepingCapacity: true) }
    }

    @discardableResult
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            off += n
        }
        return true
    }

    public static func now() -> Int64 { Int64(time(nil)) }

    /// Writes a whole file, replacing it atomically: a temporary file beside it, fsync, then
    /// rename, so a reader never sees half a file and a failure leaves the old one.
    public static func writeFile(_ path: String, _ text: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(message: errorText(errno)) }
        guard writeAll(fd, Array(text.utf8)), fsync(fd) == 0 else {
            let e = errno
            close(fd)
            unlink(temporary)
            throw Failure(message: errorText(e))
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw Failure(message: errorText(e))
        }
    }

    /// The working directory.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    /// `path` as an absolute path (joined to the working directory when relative).
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory() + "/" + path
    }

    /// `target` (absolute) as seen from directory `base` (absolute): `../data/a.plan`.
    public static func relative(_ target: String, from base: String) -> String {
        func parts(_ p: String) -> [String] {
            var out: [String] = []
            for c in p.split(separator: "/") where c != "." {
                if c == "..", !out.isEmpty { out.removeLast() } else { out.append(String(c)) }
            }
            return out
        }
        let t = parts(target), b = parts(base)
        var common = 0
        while common < t.count, common < b.count, t[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        let rest = ups + t[common...]
        return rest.isEmpty ? "." : rest.joined(separator: "/")
    }

    /// Creates a directory and its parents (like `mkdir -p`).
    public static func makeDirectories(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }

    /// Names in a directory, without `.` and `..`; directories end in `/`.
    public static func listDirectory(_ path: String) -> [String] {
        guard let d = opendir(path.isEmpty ? "." : path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            let full = (path.isEmpty ? "" : path.hasSuffix("/") ? path : path + "/") + name
            let isDir = stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            names.append(isDir ? name + "/" : name)
        }
        return names.sorted()
    }

    /// Joins `path` to the directory of `from` unless `path` is absolute.
    public static func resolve(_ path: String, relativeTo from: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = from.lastIndex(of: "/") else { return path }
        return String(from[...slash]) + path
    }
}
