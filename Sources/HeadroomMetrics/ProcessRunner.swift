import CSpawn
import Foundation

/// Runs a tool (`kubectl`, `ceph`) as a process with an argument array, never through a
/// shell, with a timeout; its standard error goes into the error message.
enum ProcessRunner {
    struct Output { var stdout: Data; var stderr: String; var status: Int32 }

    /// The binary: `$KUBECTL` / `$CEPH` (the variable named), else `name` on PATH.
    static func locate(_ name: String, variable: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env[variable], !explicit.isEmpty { return explicit }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ path: String, _ args: [String], name: String, timeout: Double, cancelled: () -> Bool)
        throws(TransportError) -> Output
    {
        if let problem = unrunnable(path) { throw TransportError(message: "cannot run \(path): \(problem)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-run-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw TransportError(message: "cannot make a temporary directory")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let pid = try start(path) { () throws(TransportError) -> pid_t in
            try spawn(path, args, stdout: outURL.path, stderr: errURL.path)
        }
        // The tool runs in a process group of its own, so stopping it (Ctrl-C, the timeout)
        // ends what it started too: a wrapper script's children do not linger.
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if cancelled() {
                stop(group: pid)
                throw TransportError(message: "interrupted")
            }
            if Date() > deadline {
                stop(group: pid)
                throw TransportError(
                    message: "\(name) \(args.joined(separator: " ")) took longer than \(Int(timeout)) s")
            }
            usleep(10_000)
        }
        // Anything the tool left running in its group goes with it.
        kill(-pid, SIGKILL)
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(stdout: out, stderr: err.trimmingCharacters(in: .whitespacesAndNewlines), status: code)
    }

    /// Ends a tool's process group: TERM, a moment to exit, then KILL; reaps the tool.
    static func stop(group pid: pid_t) {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<50 where waitpid(pid, &status, WNOHANG) == 0 { usleep(10_000) }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// Starts `path args` in a new process group with stdin from /dev/null and stdout and
    /// stderr into the given files; no descriptor of ours leaks into it.
    static func spawn(_ path: String, _ args: [String], stdout: String, stderr: String) throws(TransportError) -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        hr_spawn_closefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else {
            throw TransportError(message: "cannot run \(path): \(String(cString: strerror(rc)))", code: .toolFailed)
        }
        return pid
    }
}

extension ProcessRunner {
    /// Why `path` cannot be run, in the user's terms, or nil when it looks runnable.
    static func unrunnable(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if access(path, X_OK) != 0 { return "it is not executable" }
        return nil
    }

    /// Starts a process with `spawn`. A file that is runnable but refuses to start is tried
    /// again briefly: exec fails with ETXTBSY while any process still holds the file open for
    /// writing (a tool being installed or updated, or a descriptor inherited across a fork).
    static func start(_ path: String, _ spawn: () throws(TransportError) -> pid_t) throws(TransportError) -> pid_t {
        var delay: UInt32 = 20_000
        for attempt in 1...6 {
            do { return try spawn() } catch {
                if attempt == 6 { break }
                usleep(delay)
                delay *= 2
            }
        }
        throw TransportError(
            message:
                "cannot run \(path): the system refused to start it (is it being written, or not a program for this machine?)"
        )
    }
}

extension MetricsContext {
    /// Runs `tool args` (or answers from the snapshot) and returns its standard output.
    mutating func command(_ tool: String, variable: String, _ args: [String], cancelled: () -> Bool)
        throws(TransportError)
        -> Data
    {
        let key = args.joined(separator: " ")
        if mode == .replaying, let s = snapshot {
            guard let e = s.lookup(tool, key, [:]) else {
                throw TransportError(message: "the snapshot \(snapshotName) has no answer for \(tool) \(key)")
            }
            return Data(e.body.utf8)
        }
        if offline { throw TransportError(message: "offline: no tool runs from this process", code: .toolFailed) }
        guard let path = ProcessRunner.locate(tool, variable: variable) else {
            throw TransportError(message: "\(tool) is not installed (set \(variable) or put it on PATH)")
        }
        let out = try ProcessRunner.run(path, args, name: tool, timeout: timeout, cancelled: cancelled)
        guard out.status == 0 else {
            let detail = out.stderr.isEmpty ? "exit status \(out.status)" : out.stderr
            throw TransportError(message: "\(tool) \(key) failed: \(detail.prefix(500))")
        }
        if mode == .recording {
            recordEntry(
                Snapshot.Entry(
                    source: tool, path: key, params: [:], status: 0, contentType: "application/json",
                    body: String(decoding: out.stdout, as: UTF8.self)))
        }
        return out.stdout
    }
}
