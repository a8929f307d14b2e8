import Foundation
import Testing

/// `command(...)`: any tool as a source, by argument array, recorded and replayed.
@Suite("Command sources")
struct CommandSourceTests {
    @Test func aToolsOutputIsParsedRecordedAndReplayed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A stand-in for trino: prints a CSV of table sizes.
        let tool = dir.appendingPathComponent("fake-trino")
        try "#!/bin/sh\nprintf 'table,bytes\\norders,1000000\\nevents,2500000\\n'\n".write(
            to: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        try """
        t = command(["fake-trino", "--execute", "SELECT table, bytes FROM sizes"], format: "csv")
        sum(map(t, r => r.bytes)) * 1 B -> MB
        """.write(to: dir.appendingPathComponent("sizes.plan"), atomically: true, encoding: .utf8)
        let live = try Binary.run(
            ["run", "sizes.plan", "--record", "rec.json"], cwd: dir, env: ["PATH": "\(dir.path):/usr/bin:/bin"])
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout == "3.5 MB\n")
        // Replayed with the tool gone: the same answer.
        try FileManager.default.removeItem(at: tool)
        let replay = try Binary.run(["run", "sizes.plan", "--replay", "rec.json"], cwd: dir)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout == "3.5 MB\n")
        let gone = try Binary.run(["run", "sizes.plan"], cwd: dir)
        #expect(gone.status == 1)
        #expect(
            gone.stderr.contains("fake-trino is not installed (set FAKE_TRINO or put it on PATH)"), "\(gone.stderr)")
    }

    @Test func jsonKeepsNumbersBooleansAndNulls() throws {
        let r = try Binary.run([
            "-e", "command(['echo', '{\"n\": [1, 0, 2.5, true, false, \"x\", null]}'], format: 'json').n",
        ])
        #expect(r.stdout == "[1, 0, 2.5, true, false, \"x\", n/a]\n", "\(r.stdout)\(r.stderr)")
    }

    @Test func badOutputAndShellHabitsAreClearErrors() throws {
        let r = try Binary.run(["-e", "command(\"ls -l\")"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("give the command as a list of words, not one string"), "\(r.stderr)")
        #expect(r.stderr.contains("= command([\"ls\", \"-l\"], ...): it never runs through a shell"), "\(r.stderr)")
        let n = try Binary.run(["-e", "command([\"echo\", \"many\"], format: \"number\")"])
        #expect(n.stderr.contains("echo many printed \"many\", not a number"), "\(n.stderr)")
        let j = try Binary.run(["-e", "command(['echo', 'nope'], format: 'json')"])
        #expect(j.stderr.contains("echo nope did not print JSON"), "\(j.stderr)")
        let f = try Binary.run(["-e", "command([\"sh\", \"-c\", \"echo broken >&2; exit 2\"])"])
        #expect(f.stderr.contains("failed: broken"), "\(f.stderr)")
        let t = try Binary.run(["-e", "command([\"sleep\", \"10\"], timeout: 1 s)"])
        #expect(t.stderr.contains("sleep 10 took longer than 1 s"), "\(t.stderr)")
        let huge = try Binary.run(["-e", "command([\"head\", \"-c\", \"70000000\", \"/dev/zero\"])"])
        #expect(huge.status == 1)
        #expect(
            huge.stderr.contains("head -c 70000000 /dev/zero printed 66 MiB; at most 64 MiB is read"), "\(huge.stderr)")
    }
}
