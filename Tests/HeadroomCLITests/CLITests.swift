import Foundation
import Testing

@Suite("The headroom command")
struct CLITests {
    @Test func evaluatesExpressions() throws {
        let r = try Binary.run(["-e", "3 * 64 GiB", "-e", "6 * 1 TB / 3 -> TiB"])
        #expect(r.stdout == "192 GiB\n1.81899 TiB\n")
        #expect(r.stderr == "")
        #expect(r.status == 0)
    }

    @Test func aPlanCanComeFromANamedPipe() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        // The writer opens the pipe once headroom has, and writes only a moment later: headroom
        // must wait for the data rather than take the empty pipe for an empty plan.
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)  // waits for headroom to open it for reading
            usleep(200_000)
            let plan = Array("x = 2 TB\nx -> TiB\n".utf8)
            _ = write(fd, plan, plan.count)
            close(fd)
        }
        writer.start()
        let r = try Binary.run([fifo])
        #expect(r.stdout == "1.81899 TiB\n")
        #expect(r.status == 0)
    }

    @Test func repeatedExpressionsShareOneEnvironment() throws {
        let r = try Binary.run(["-e", "x = 2 TB", "-e", "x * 80%"])
        #expect(r.stdout == "1.6 TB\n")
    }

    @Test func readsTheProgramFromStdin() throws {
        let r = try Binary.run([], stdin: "2 TB -> TiB\nprint(\"done\")\n")
        #expect(r.stdout == "1.81899 TiB\ndone\n")
        #expect(r.status == 0)
        let dash = try Binary.run(["run", "-"], stdin: "1 + 1")
        #expect(dash.stdout == "2\n")
    }

    @Test(arguments: [
        ["--json", "run", "examples/hardware.plan", "-e", "2 TB -> TiB"],
        ["run", "--json", "examples/hardware.plan", "-e", "2 TB -> TiB"],
        ["run", "examples/hardware.plan", "-e", "2 TB -> TiB", "--json"],
        ["--json", "examples/hardware.plan", "-e", "2 TB -> TiB"],
        ["examples/hardware.plan", "--json", "-e", "2 TB -> TiB"],
    ])
    func optionsGoBeforeOrAfter(_ args: [String]) throws {
        let r = try Binary.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout
                == #"{"type":"quantity","value":1.8189894035458565,"unit":"TiB","dimension":"Bytes","display":"1.81899 TiB"}"#
                + "\n")
    }

    @Test func jsonSchemaCoversEveryType() throws {
        let r = try Binary.run([
            "--json", "-e",
            """
            70%; true; "hi"; 2026-03-01; [1, 2 GB]; {a: 1}; fn f(a, b = 2) = a; f; print("text")
            """,
        ])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"{"type":"number","value":0.7,"display":"70%"}"#,
                #"{"type":"bool","value":true,"display":"true"}"#,
                #"{"type":"string","value":"hi","display":"hi"}"#,
                #"{"type":"date","value":"2026-03-01T00:00:00Z","display":"2026-03-01"}"#,
                #"{"type":"list","items":[{"type":"number","value":1,"display":"1"},{"type":"quantity","value":2,"unit":"GB","dimension":"Bytes","display":"2 GB"}],"display":"[1, 2 GB]"}"#,
                #"{"type":"record","fields":{"a":{"type":"number","value":1,"display":"1"}},"display":"{a: 1}"}"#,
                #"{"type":"function","signature":"f(a, b = …)","display":"<function f(a, b = …)>"}"#,
                #"{"type":"print","text":"text"}"#,
            ])
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
    }

    @Test func jsonErrorsAreReportedOnBothStreams() throws {
        let r = try Binary.run(["--json", "-e", "5 GB + 3 days"])
        #expect(r.status == 1)
        #expect(
            r.stdout
                == #"{"type":"error","code":"E0301","stage":"dimension","message":"cannot add Bytes and Time","file":"<-e>","line":1,"column":1}"#
                + "\n")
        #expect(r.stderr.hasPrefix("error[E0301]: cannot add Bytes and Time"))
    }

    @Test func exitStatusIsOneForPlanErrors() throws {
        let r = try Binary.run(["-e", "1 +"])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("--> <-e>:1:"))
    }

    @Test(arguments: [
        ["--bogus"], ["-e"], ["--today", "yesterday", "-e", "1"], ["a.plan", "b.plan"],
        ["check", "--json", "examples/anton.md"], ["check", "--record", "r.json", "examples/anton.md"],
    ])
    func exitStatusIs64ForMisuse(_ args: [String]) throws {
        let r = try Binary.run(args)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stdout == "")
    }

    @Test func unreadableFileIsReported() throws {
        let r = try Binary.run(["no-such-file.plan"])
        #expect(r.status == 66)
        #expect(r.stderr == "error: cannot read no-such-file.plan: no such file\n")
    }

    @Test func todayCanBeFixed() throws {
        #expect(try Binary.run(["--today", "2026-03-01", "-e", "today()"]).stdout == "2026-03-01\n")
        #expect(try Binary.run(["-e", "today()"], env: ["HEADROOM_TODAY": "2027-01-02"]).stdout == "2027-01-02\n")
    }

    @Test func pathologicalInputEndsInAClearError() throws {
        let cases: [(String, String)] = [
            (
                String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
                "nested too deeply"
            ),
            ("x = \"" + String(repeating: "a", count: 10_000_000) + "\" + 1 GB", "cannot add"),
            ("1e400", "number is too large"),
            ("1 / 0", "division by zero"),
            ("fn f(n) = f(n + 1)\nf(1)", "recursion too deep"),
            ("\u{0}\u{1}\u{7f}", "this is not a text file"), ("\u{1}\u{7f}", "unexpected character"),
        ]
        for (program, expected) in cases {
            let r = try Binary.run([], stdin: program)
            #expect(r.status == 1)
            #expect(r.stderr.contains(expected), "\(r.stderr.prefix(300))")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Backtrace"))
            #expect(r.stderr.count < 5_000, "diagnostic too long")
        }
    }

    @Test func colourOnlyWhenAsked() throws {
        let r = try Binary.run(["-e", "1 +"])
        #expect(!r.stderr.contains("\u{1B}["))
    }

    @Test func helpAndVersion() throws {
        let h = try Binary.run(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("headroom -e '2 TB -> TiB'"))
        // The version and the commit (`make release` names it; a plain build says unknown).
        let v = try Binary.run(["--version"]).stdout
        #expect(v.hasPrefix("headroom 0.1.0 (commit ") && v.hasSuffix(")\n"), "\(v)")
    }
}

@Suite("Metrics flags")
struct MetricsFlagTests {
    @Test func replayAnswersWithoutANetwork() throws {
        let r = try Binary.run([
            "--replay", "Tests/Fixtures/metrics-snapshot.json", "-e",
            "query('headroom_test_used_bytes{instance=\"a\"}')", "-e", "today() > 2026-01-01",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "113.621 GiB\ntrue\n")
        let missing = try Binary.run(["--replay", "Tests/Fixtures/metrics-snapshot.json", "-e", "query('up')"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr.hasPrefix(
                "error[E0704]: the snapshot Tests/Fixtures/metrics-snapshot.json has no answer for the query up"))
    }

    @Test(arguments: [
        (["--record", "a.json", "--replay", "b.json", "-e", "1"], "--record and --replay cannot be used together"),
        (["--prometheus", "ftp://x", "-e", "1"], "not an http(s) URL: ftp://x"),
        (["--replay", "no-such.json", "-e", "1"], "cannot read no-such.json: no such file"),
        (["--timeout", "0", "-e", "1"], "--timeout must be a positive number of seconds"),
    ])
    func misuseIsExit64(_ args: [String], _ message: String) throws {
        let r = try Binary.run(args)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func anUnreachableServerIsAPlanError() throws {
        let r = try Binary.run(["--prometheus", "http://127.0.0.1:9", "--timeout", "2", "-e", "query('up')"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error[E0701]: cannot connect to 127.0.0.1:9: connection refused"))
    }

    @Test func recordingWritesASnapshotEvenWithoutQueries() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try Binary.run(["--record", path, "--today", "2026-11-29", "-e", "1 + 1"])
        #expect(r.status == 0)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(text.contains("\"headroom_snapshot\" : 1") && text.contains("\"recorded_at\" : 1795910400"))
    }

    /// What a plan recorded lives in its session's state; the file written is that, and a
    /// replay of it answers the same.
    /// What an operator tripped on at the command line.
    @Test func argumentsThatLookLikeOptionsAndOddInput() throws {
        #expect(try Binary.run(["-e", "-(5 GB)"]).stdout == "-5 GB\n")
        let t = try Binary.run(["--timeout", "-5", "-e", "1"])
        #expect(t.status == 64)
        #expect(t.stderr.contains("--timeout must be a positive number of seconds"))
        // A byte order mark is not part of the plan.
        #expect(try Binary.run([], stdin: "\u{FEFF}1 + 1\n").stdout == "2\n")
        // A long flat sum is not "nested too deeply" (50,000 terms are allowed).
        let flat = Array(repeating: "1", count: 20_000).joined(separator: " + ")
        let sum = try Binary.run([], stdin: flat)
        #expect(sum.stdout == "20000\n", "\(sum.stderr.prefix(200))")
        let tooLong = try Binary.run([], stdin: Array(repeating: "1", count: 50_001).joined(separator: " + "))
        #expect(tooLong.stderr.contains("expression is nested too deeply"))
        // Hints for common mistakes.
        #expect(try Binary.run(["-e", "x = 1\nif x = 1 then 2 else 3"]).stderr.contains("to compare, write '=='"))
        #expect(try Binary.run(["-e", "10 % 3"]).stderr.contains("write mod(a, b)"))
        #expect(
            try Binary.run(["-e", "query(\"up{job='node'}\")"]).stderr.contains("write the query in single quotes"))
    }

    @Test func digitsAndColumnsShapeTheOutput() throws {
        let d = try Binary.run(["--digits", "3", "-e", "2 TB -> TiB"])
        #expect(d.stdout == "1.82 TiB\n")
        let bad = try Binary.run(["--digits", "0", "-e", "1"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--digits must be a whole number from 1 to 15"))
        let table =
            "[{name: \"a\", runway: 3.5 months, cost: $10, share: 10%}, {name: \"b\", runway: 12 months, cost: $20, share: 20%}]"
        let narrow = try Binary.run(["-e", table], env: ["COLUMNS": "24"])
        #expect(narrow.stdout.components(separatedBy: "\n\n").count == 2, "\(narrow.stdout)")
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 24 })
        let wide = try Binary.run(["-e", table])
        #expect(!wide.stdout.contains("\n\n"))
    }

    @Test func recordingWritesWhatThePlanAsked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = Binary.packageRoot.appendingPathComponent("Tests/Fixtures/ceph/df-reef-nvme.json").path
        let tool = dir.appendingPathComponent("ceph").path
        // Written through a close-on-exec descriptor (see KubernetesCephTests.tool).
        let fd = open(tool, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        #expect(fd >= 0)
        let script = Array("#!/bin/sh\ncat '\(fixture)'\n".utf8)
        #expect(write(fd, script, script.count) == script.count)
        close(fd)
        let snap = dir.appendingPathComponent("s.json").path
        let live = try Binary.run(["--record", snap, "-e", "ceph_df().used"], env: ["CEPH": tool])
        #expect(live.status == 0, "\(live.stderr)")
        let text = (try? String(contentsOfFile: snap, encoding: .utf8)) ?? ""
        #expect(text.contains("\"source\" : \"ceph\""), "\(text.prefix(300))")
        let again = try Binary.run(["--replay", snap, "-e", "ceph_df().used"], env: ["CEPH": "/nonexistent"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == live.stdout)
    }
}

@Suite("Reading files")
struct FileLimitTests {
    @Test func anEndlessFileIsRefusedNotReadForever() throws {
        let r = try Binary.run(["-e", "load('/dev/zero')"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error[E0510]: cannot read \"/dev/zero\": it is larger than 256 MiB"))
    }
}
