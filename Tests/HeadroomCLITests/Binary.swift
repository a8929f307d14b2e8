import Foundation

/// Runs the built `headroom` executable as a user would: arguments, stdin, environment;
/// returns stdout, stderr and the exit status.
enum Binary {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let path: String = {
        if let p = ProcessInfo.processInfo.environment["HEADROOM_BIN"] { return p }
        // The test bundle sits next to the executable in the build folder.
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [
            bundleDir.appendingPathComponent("headroom"),
            Bundle.main.bundleURL.appendingPathComponent("headroom"),
            packageRoot.appendingPathComponent(".build/debug/headroom"),
        ]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return packageRoot.appendingPathComponent(".build/debug/headroom").path
    }()

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func run(
        _ args: [String], stdin: String? = nil, cwd: URL? = nil,
        env: [String: String] = [:], executable: String = path
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = cwd ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "HEADROOM_TODAY")
        environment.removeValue(forKey: "COLUMNS")
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        // Files rather than pipes: no risk of a full pipe blocking the child.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        let inURL = dir.appendingPathComponent("in")
        for u in [outURL, errURL] { _ = FileManager.default.createFile(atPath: u.path, contents: nil) }
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: p.terminationStatus)
    }
}
