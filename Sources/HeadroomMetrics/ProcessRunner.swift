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
        let p = try start(path) { () throws(TransportError) in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = args
            do {
                p.standardOutput = try FileHandle(forWritingTo: outURL)
                p.standardError = try FileHandle(forWritingTo: errURL)
                p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            } catch {
                throw TransportError(message: "cannot capture the output of \(path)")
            }
            return p
        }
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning {
            if cancelled() { p.terminate(); throw TransportError(message: "interrupted") }
            if Date() > deadline {
                p.terminate()
                throw TransportError(
                    message: "\(name) \(args.joined(separator: " ")) took longer than \(Int(timeout)) s")
            }
            usleep(10_000)
        }
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Output(
            stdout: out, stderr: err.trimmingCharacters(in: .whitespacesAndNewlines), status: p.terminationStatus)
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

    /// Starts a process made by `make`. A file that is runnable but refuses to start is tried
    /// again briefly: exec fails with ETXTBSY while any process still holds the file open for
    /// writing (a tool being installed or updated, or a descriptor inherited across a fork).
    static func start(_ path: String, _ make: () throws(TransportError) -> Process) throws(TransportError) -> Process {
        var delay: UInt32 = 20_000
        for attempt in 1...6 {
            let p = try make()
            do { try p.run(); return p } catch {
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
