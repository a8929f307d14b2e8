import Foundation
import Testing

/// The prompt, driven through a real pseudo-terminal (line editing by libedit).
@Suite("The prompt in a terminal", .serialized)
struct ReplTerminalTests {
    let historyFile = FileManager.default.temporaryDirectory.appendingPathComponent(
        "headroom-history-\(UUID().uuidString)"
    ).path

    func start(_ args: [String] = [], history: String? = nil) throws -> PseudoTerminal {
        let term = try PseudoTerminal(
            args,
            environment: [
                "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1",
                "HEADROOM_HISTORY": history ?? historyFile, "HOME": NSTemporaryDirectory(),
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ])
        try term.expect("headroom> ")
        return term
    }

    /// Ctrl-C during the entry just typed, until `text` shows. On a busy machine a Ctrl-C can
    /// land before the evaluation starts and be spent on the line editor instead, so it is
    /// typed again if nothing happens; once the entry has stopped, another one only clears an
    /// empty line.
    func interrupt(_ t: PseudoTerminal, until text: String) throws {
        for _ in 1..<5 {
            usleep(300_000)
            t.type("\u{3}")
            if (try? t.expect(text, timeout: 2)) != nil { return }
        }
        t.type("\u{3}")
        try t.expect(text)
    }

    /// Ctrl-D at the next prompt; the exit status. A Ctrl-D that reaches the terminal while
    /// an entry is still finishing (the line editor has put the terminal back in cooked mode)
    /// is taken by the terminal as an end-of-file the editor never sees once it is in raw mode
    /// again: the likely cause of one failure here on a busy machine. So: wait for the prompt,
    /// and type it again if the process is still there after a few seconds.
    func quit(_ t: PseudoTerminal) throws -> Int32 {
        try t.expect("headroom> ")
        for _ in 1..<3 {
            t.type("\u{4}")
            if let status = try? t.waitForExit(timeout: 3) { return status }
        }
        t.type("\u{4}")
        return try t.waitForExit()
    }

    /// `:connect` checks the server: nothing listening is said plainly, the setting is kept,
    /// and `:source` tells which source answers, also after a replay ends.
    @Test func connectSaysWhenNothingAnswers() throws {
        let t = try start()
        t.type("replay('Tests/Fixtures/metrics-snapshot.json')\r")
        try t.expect("headroom> ")
        t.type(":source\r")
        try t.expect("replaying the snapshot Tests/Fixtures/metrics-snapshot.json")
        t.type(":connect http://127.0.0.1:1\r")
        try t.expect("does not answer: cannot connect to 127.0.0.1:1")
        t.type(":source\r")
        try t.expect("live: http://127.0.0.1:1")
        #expect(try quit(t) == 0)
    }

    @Test func showsResults() throws {
        let t = try start()
        t.type("6 * 1 TB / 3 -> TiB\r")
        try t.expect("= 1.81899 TiB")
        t.type("ans * 2\r")
        try t.expect("= 3.63798 TiB")
        #expect(try quit(t) == 0)
    }

    @Test func upArrowRecallsAnEntryFromAnEarlierSession() throws {
        let first = try start()
        first.type("7 * 6 GiB\r")
        try first.expect("= 42 GiB")
        #expect(try quit(first) == 0)
        // libedit's history file escapes spaces as \040.
        let history = (try? String(contentsOfFile: historyFile, encoding: .utf8)) ?? ""
        #expect(history.contains("7\\040*\\0406\\040GiB"), "history file: \(history)")

        let second = try start()
        second.type("\u{1b}[A")
        second.type("\r")
        try second.expect("= 42 GiB")
        #expect(try quit(second) == 0)
    }

    @Test func tabCompletesABuiltin() throws {
        let t = try start()
        t.type("sq\t")
        try t.expect("rt(")  // libedit redraws only what the completion added
        t.type("16)\r")
        try t.expect("= 4")
        _ = try quit(t)
    }

    @Test func ctrlRSearchesHistory() throws {
        let t = try start()
        t.type("40 GiB + 2 GiB\r")
        try t.expect("= 42 GiB")
        t.type("1\r")
        try t.expect("= 1")
        t.type("\u{12}")  // Ctrl-R
        try t.expect("(search history) '':")  // a prompt that says what is going on
        t.type("40 G")
        try t.expect("(search history) '40 G': 40 GiB + 2 GiB")
        t.type("\r")
        try t.expect("= 42 GiB")
        // No match is said; Ctrl-G puts the line back.
        t.type("\u{12}zzz")
        try t.expect("(no match) 'zzz':")
        t.type("\u{7}")
        t.type("2 + 2\r")
        try t.expect("= 4")
        _ = try quit(t)
    }

    @Test func aFunctionCanBeDefinedOverSeveralLines() throws {
        let t = try start()
        t.type("fn double(x) =\r")
        try t.expect("     ...> ")
        t.type("  x * 2\r")
        try t.expect("headroom> ")
        t.type("double(21 GB)\r")
        try t.expect("= 42 GB")
        _ = try quit(t)
    }

    @Test func ctrlCStopsALongEvaluationAndThePromptStillAnswers() throws {
        let t = try start()
        t.type("fn spin(n) = if n == 0 then 0 else spin(n - 1) + spin(n - 1)\r")
        try t.expect("headroom> ")
        t.type("spin(60)\r")
        try interrupt(t, until: "interrupted")
        try t.expect("headroom> ")
        t.type("1 + 1\r")
        try t.expect("= 2")
        t.type("half a line\u{3}")
        try t.expect("headroom> ")
        t.type("2 + 2\r")
        try t.expect("= 4")
        #expect(try quit(t) == 0)
    }

    @Test func ctrlCStopsWaitingForANamedPipeAndALaterWriterIsRead() throws {
        // Opening a pipe with no writer used to block the prompt for good.
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let t = try start()
        t.type("import \"\(fifo)\"\r")
        try interrupt(t, until: "interrupted while waiting for a writer to the pipe")
        try t.expect("headroom> ")
        t.type(":load \(fifo)\r")
        usleep(300_000)
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)  // fails at once if nobody reads
        #expect(writer >= 0)
        let plan = Array("x = 40 + 2\nx\n".utf8)
        #expect(write(writer, plan, plan.count) == plan.count)
        close(writer)
        try t.expect("= 42")
        #expect(try quit(t) == 0)
    }

    @Test func anErrorLeavesEarlierDefinitionsIntact() throws {
        let t = try start()
        t.type("used = 116 GiB\r")
        try t.expect("headroom> ")
        t.type("used = 5 GB + 3 days\r")
        try t.expect("cannot add Bytes and Time")
        try t.expect("headroom> ")
        t.type("used\r")
        try t.expect("= 116 GiB")
        #expect(try quit(t) == 0)
    }

    @Test func interactiveFlagRunsTheFileFirst() throws {
        let t = try start(["-i", "examples/hardware.plan"])
        t.type("raw_storage(3)\r")
        try t.expect("= 6 TB")
        _ = try quit(t)
    }

    @Test func historyCanBeTurnedOff() throws {
        let t = try start(history: "off")
        t.type("1\r")
        try t.expect("= 1")
        _ = try quit(t)
        #expect(!FileManager.default.fileExists(atPath: historyFile))
    }
}

@Suite("The prompt without a terminal")
struct ReplPipeTests {
    @Test func stdinThatIsNotATerminalRunsAsAScript() throws {
        let r = try Binary.run([], stdin: "2 TB -> TiB\n")
        #expect(r.stdout == "1.81899 TiB\n")
    }

    @Test func interactiveNeedsATerminal() throws {
        let r = try Binary.run(["-i", "examples/hardware.plan"], stdin: "")
        #expect(r.status == 64)
        #expect(r.stderr.contains("needs a terminal"))
    }
}
