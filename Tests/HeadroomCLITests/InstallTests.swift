import Foundation
import Testing

/// `make install` into a scratch prefix (with the debug binary: `make test` checks the release
/// archive itself with tools/check-dist.sh): every file in its place, the installed binary
/// runs, the completions parse in their shells, the manual page renders without warnings, and
/// `make uninstall` leaves the prefix as it was.
@Suite("Installing", .serialized)
struct InstallTests {
    @Test func installAndUninstallInAScratchPrefix() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent(
            "headroom-prefix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: prefix.appendingPathComponent("share/doc"), withIntermediateDirectories: true)
        try "mine\n".write(to: prefix.appendingPathComponent("share/doc/other"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: prefix) }
        func listing() -> [String] {
            (FileManager.default.enumerator(atPath: prefix.path)?.allObjects as? [String] ?? []).sorted()
        }
        let before = listing()
        let make = "/usr/bin/make"
        let install = try Binary.run(
            ["--no-print-directory", "install", "PREFIX=\(prefix.path)", "BINARY=\(Binary.path)", "BIN_DIR=/none"],
            executable: make)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        for f in [
            "bin/headroom", "share/man/man1/headroom.1", "share/bash-completion/completions/headroom",
            "share/zsh/site-functions/_headroom", "share/fish/vendor_completions.d/headroom.fish",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(f).path), "\(f)")
        }
        let installed = prefix.appendingPathComponent("bin/headroom").path
        let version = try Binary.run(["--version"], executable: installed)
        #expect(version.stdout.hasPrefix("headroom 0.1.0 (commit "), "\(version.stdout)")
        let run = try Binary.run(["-e", "3 * 64 GiB"], executable: installed)
        #expect(run.stdout == "192 GiB\n")
        let bash = try Binary.run(
            ["-n", prefix.appendingPathComponent("share/bash-completion/completions/headroom").path],
            executable: "/bin/bash")
        #expect(bash.status == 0, "\(bash.stderr)")
        let page = prefix.appendingPathComponent("share/man/man1/headroom.1").path
        let man = try Binary.run(
            ["--warnings", "-l", page], env: ["MANWIDTH": "80", "MANPAGER": "cat"], executable: "/usr/bin/man")
        #expect(man.status == 0 && man.stderr.isEmpty, "\(man.stderr)")
        for section in [
            "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "HEADROOM_PROMETHEUS_TOKEN_FILE", "NO_COLOR", "COLUMNS",
            "--notebook", "--update",
        ] {
            #expect(man.stdout.contains(section), "no \(section) in the manual page")
        }
        let uninstall = try Binary.run(
            ["--no-print-directory", "uninstall", "PREFIX=\(prefix.path)", "BIN_DIR=/none"], executable: make)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(listing() == before, "\(listing())")
    }
}
