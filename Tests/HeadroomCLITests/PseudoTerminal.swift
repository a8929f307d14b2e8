import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the `headroom` binary on a real pseudo-terminal, as a person at a keyboard would:
/// keys go in, the screen's bytes come out. The child gets its own session, so the terminal
/// is its controlling terminal and Ctrl-C raises SIGINT in it.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var output: [UInt8] = []
    /// Where `expect` last matched: later expectations look after it.
    private var mark = 0

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(_ args: [String], environment: [String: String]) throws {
        var name = [CChar](repeating: 0, count: 256)
        master = hr_pty_open(&name, Int32(name.count), 30, 100)
        guard master >= 0 else { throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))") }
        let slave = String(cString: name)
        let argv = ([Binary.path] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let child = hr_pty_spawn(Binary.path, argv, envp, slave, master)
        guard child > 0 else { throw Failure(description: "cannot start \(Binary.path)") }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types text (control keys as "\u{3}" for Ctrl-C, "\u{1b}[A" for Up, "\t" for Tab).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        usleep(50_000)
    }

    /// Reads until `text` appears after the previous match; fails after `timeout` seconds.
    @discardableResult
    func expect(_ text: String, timeout: Double = 20) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let r = find(needle) {
                let seen = String(decoding: output[mark..<r], as: UTF8.self)
                mark = r
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw Failure(description: "did not see \(text.debugDescription); screen so far:\n" + screen)
            }
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, Int32(min(remaining, 0.5) * 1000)) > 0 {
                var buf = [UInt8](repeating: 0, count: 4096)
                let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if n > 0 {
                    output += buf[0..<n]
                } else if n == 0 || errno != EINTR {
                    throw Failure(description: "terminal closed before \(text.debugDescription):\n" + screen)
                }
            }
        }
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard output.count - mark >= needle.count else { return nil }
        var i = mark
        while i + needle.count <= output.count {
            if output[i] == needle[0], Array(output[i..<(i + needle.count)]) == needle { return i + needle.count }
            i += 1
        }
        return nil
    }

    var screen: String { String(decoding: output, as: UTF8.self) }

    /// Waits for the process to end and returns its exit status (-1 if killed by a signal).
    func waitForExit(timeout: Double = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            // Keep draining the terminal so the child never blocks on a full buffer.
            var buf = [UInt8](repeating: 0, count: 4096)
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 50) > 0 {
                let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if n > 0 { output += buf[0..<n] }
            }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return status & 0x7f == 0 ? (status >> 8) & 0xff : -1 }
        }
        throw Failure(description: "the prompt did not exit:\n" + screen)
    }
}
