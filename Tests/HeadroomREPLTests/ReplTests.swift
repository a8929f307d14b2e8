import Foundation
import HeadroomCore
import Testing

@testable import HeadroomREPL

@Suite("REPL commands")
struct ReplCommandTests {
    @Test(arguments: [
        (":help", ReplCommand.help(nil)), (":help round", .help("round")), (":h", .help(nil)),
        (":vars", .vars), ("  :vars  \n", .vars), (":units", .units), (":load a b.plan", .load("a b.plan")),
        (":save out.plan", .save("out.plan")), (":connect http://prom:9090", .connect("http://prom:9090")),
        (":source", .source),
        (":reset", .reset), (":quit", .quit), (":q", .quit), (":exit", .quit),
    ])
    func parses(_ line: String, _ command: ReplCommand) {
        #expect(ReplCommand.parse(line) == .success(command))
    }

    @Test(arguments: [
        (":load", ":load needs a file"), (":save  ", ":save needs a file"), (":vars x", ":vars takes no argument"),
        (":lod x", "unknown command ':lod'"), (":", "':' needs a command"),
    ])
    func rejects(_ line: String, _ message: String) {
        guard case .failure(let e)? = ReplCommand.parse(line) else {
            Issue.record("\(line) parsed")
            return
        }
        #expect(e.message == message)
    }

    @Test func unknownCommandSuggests() {
        guard case .failure(let e)? = ReplCommand.parse(":lod x") else { return }
        #expect(e.notes.first == "did you mean ':load'?")
    }

    @Test func plainInputIsNotACommand() {
        #expect(ReplCommand.parse("1 + 1") == nil)
        #expect(ReplCommand.parse("x = \":a\"") == nil)
    }
}

@Suite("History location")
struct HistoryLocationTests {
    @Test func followsTheDocumentedOrder() {
        #expect(
            HistoryLocation.path(environment: ["HEADROOM_HISTORY": "/h", "XDG_STATE_HOME": "/s", "HOME": "/home/a"])
                == "/h")
        #expect(HistoryLocation.path(environment: ["HEADROOM_HISTORY": "off", "HOME": "/home/a"]) == nil)
        #expect(
            HistoryLocation.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/a"]) == "/s/headroom/history")
        #expect(
            HistoryLocation.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"])
                == "/home/a/.local/state/headroom/history")
        #expect(HistoryLocation.path(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/headroom/history")
        #expect(HistoryLocation.path(environment: [:]) == nil)
        #expect(HistoryLocation.maxEntries == 1000)
    }
}

@Suite("Completion")
struct CompleterTests {
    let completer = Completer(
        names: ["sqrt", "sum", "sort_by", "servers", "GiB", "GB", "month", "months"],
        functions: ["sqrt", "sum", "sort_by"],
        listDirectory: { dir in
            dir == "" ? ["anton.plan", "basics.plan", "examples/"] : dir == "examples/" ? ["a.plan"] : []
        })

    @Test func completesAUniqueBuiltinWithAParenthesis() {
        let r = completer.complete("x = sq")
        #expect(r.candidates == ["sqrt("])
        #expect(r.replacing == 2)
        #expect(r.insertion == "sqrt(")
    }

    @Test func offersTheCommonPrefixOfSeveral() {
        let r = completer.complete("s")
        #expect(r.candidates == ["servers", "sort_by(", "sqrt(", "sum("])
        #expect(r.insertion == "s")
        #expect(completer.complete("5 Gi").candidates == ["GiB"])
        #expect(completer.complete("2 mon").insertion == "month")
    }

    @Test func completesCommandsAndFiles() {
        #expect(completer.complete(":lo").candidates == [":load "])
        #expect(completer.complete(":load an").candidates == ["anton.plan"])
        #expect(completer.complete(":save examples/").candidates == ["examples/a.plan"])
        #expect(completer.complete(":help sq").candidates == ["sqrt"])
    }

    @Test func nothingAfterNumbersOrSpaces() {
        #expect(completer.complete("12").candidates.isEmpty)
        #expect(completer.complete("x + ").candidates.isEmpty)
    }

    /// Fields after a dot come from the checker's types (nothing runs: `ceph_df()` would ask
    /// `ceph`); a call's labels from its signature, less those given.
    @Test func completesFieldsAndArgumentLabelsFromTheSession() {
        let (r, _) = ReplSessionTests().repl()
        r.submit("ceph = {usable: 2 TB, used: 1 TB, pools: 3}")
        r.submit("c = cluster(3, {cores: 12 cores})")
        let c = r.completer(listDirectory: { _ in [] })
        #expect(c.complete("ceph.us").candidates == ["usable", "used"])
        #expect(c.complete("x = ceph.p").candidates == ["pools"])
        #expect(c.complete("c.n_minus_1.us").candidates == ["usable"])
        #expect(c.complete("[ceph][0].u").candidates == ["usable", "used"])
        #expect(c.complete("round(1.234, ").candidates == ["x: ", "digits: "])
        #expect(c.complete("round(1.234, di").candidates.first == "digits: ")
        #expect(c.complete("runway(usage: 1 TB, cap").candidates.first == "capacity: ")
        #expect(!c.complete("runway(usage: 1 TB, ").candidates.contains("usage: "))
        #expect(c.complete("round(sqrt(2), ").candidates.contains("digits: "))
        #expect(c.complete("x + ").candidates.isEmpty)
    }
}

@Suite("REPL entries")
struct ReplSessionTests {
    final class Output { var out = ""; var err = "" }

    func repl() -> (ReplSession, Output) {
        let o = Output()
        let r = ReplSession(
            today: CivilDate.daysFromCivil(2026, 11, 29) * 86_400, color: false,
            out: { o.out += $0 }, err: { o.err += $0 })
        return (r, o)
    }

    @Test func showsResultsAndKeepsAns() {
        let (r, o) = repl()
        r.submit("2 TB -> TiB\n")
        r.submit("ans * 2")
        #expect(o.out == "= 1.81899 TiB\n= 3.63798 TiB\n")
    }

    @Test func notesAreShownOncePerEntry() {
        // A builtin's note (here: what auto chose) goes to stderr, once per entry even when the
        // builtin runs twice, and again in the next entry.
        let (r, o) = repl()
        r.submit("s = series([1, 3, 2, 5, 4, 6, 8, 7, 9] GB, start: 2026-01-01, step: 1 day)")
        r.submit("len(project(s, 2 days, method: \"auto\")) + len(project(s, 2 days, method: \"auto\"))")
        let note = "note: project: auto chose theta: too few values to compare methods; theta\n"
        #expect(o.err == note)
        r.submit("len(project(s, 2 days, method: \"auto\"))")
        #expect(o.err == note + note)
    }

    @Test func tablesAreIndentedUnderTheResultMark() {
        let (r, o) = repl()
        r.submit("[{a: 1}, {a: 22}]")
        #expect(o.out == "=  a\n  --\n   1\n  22\n")
    }

    @Test func aFailedEntryChangesNothing() {
        let (r, o) = repl()
        r.submit("x = 5 GB")
        #expect(r.submit("x = 7 GB\ny = 1\nz = x + 1 s") == .failed)
        #expect(o.err.contains("cannot add Bytes and Time"))
        r.submit("x")
        #expect(o.out == "= 5 GB\n")
        #expect(!r.session.state.globals.keys.contains("y"))
        #expect(r.transcript.lines == ["x = 5 GB", "x"])
    }

    @Test func saveWritesARunnablePlan() throws {
        let (r, o) = repl()
        r.submit("unit node")
        r.submit("per_node = 64 GiB")
        r.submit("bad = 1 +")
        r.submit("fn total(n) =\n  n * per_node / 1 node")
        let path = "/tmp/headroom-save-test-\(getpid()).plan"
        #expect(r.submit(":save \(path)") == .ok)
        #expect(o.out.contains("saved 3 entries"))
        let (again, o2) = repl()
        again.submit(":load \(path)")
        again.submit("total(3 node)")
        #expect(o2.err == "")
        #expect(o2.out.hasSuffix("= 192 GiB\n"))
        unlink(path)
    }

    @Test func saveWritesANotebookWithOutputsAndCharts() throws {
        let (r, o) = repl()
        r.submit("x = 3 * 64 GiB")
        r.submit("x")
        r.submit("bad = 1 +")
        r.submit("s = series([1, 2, 4, 7] GB, start: 2026-01-01, step: 1 day)")
        r.submit("plot(s, 3 days, capacity: 20 GB)")
        let dir = "/tmp/headroom-save-md-\(getpid())"
        mkdir(dir, 0o755)
        let path = dir + "/session.md"
        #expect(r.submit(":save \(path)") == .ok)
        #expect(o.out.contains("saved 4 entries to \(path) with 1 chart in session.files"), "\(o.out)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text.contains("```plan\nx\n```\n\n<!-- output -->\n```output\n192 GiB\n```\n<!-- end output -->"), "\(text)"
        )
        #expect(
            text.contains("![plot(s, 3 days, capacity: 20 GB)](session.files/plot-s-3-days-capacity-20-gb.svg)"),
            "\(text)")
        #expect(!text.contains("bad"))
        #expect(FileManager.default.fileExists(atPath: dir + "/session.files/plot-s-3-days-capacity-20-gb.svg"))
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test func helpCoversBuiltinsUnitsCommandsAndDefinitions() {
        let (r, o) = repl()
        r.submit(":help round")
        #expect(o.out.hasPrefix("round(x: quantity | [any] | record, digits: number = 0) -> type of x\n  Rounds"))
        #expect(o.out.contains("= 1.82 TiB"))
        o.out = ""
        r.submit(":help GiB")
        #expect(o.out == "GiB: 1024^3 bytes, a unit of Bytes: 1 GiB = 1073741824 B\n")
        // The issue's cases: no doubled prefix, a size for every unit, a function and a unit of one name.
        o.out = ""
        r.submit(":help month")
        #expect(o.out == "month: a twelfth of a year (30.436875 days), a unit of Time: 1 month = 2629746 s\n")
        o.out = ""
        r.submit(":help day")
        #expect(o.out == "day: day, a unit of Time: 1 day = 86400 s\n")
        o.out = ""
        r.submit(":help year")
        #expect(o.out.hasPrefix("year(date: date) -> number\n"))
        #expect(o.out.hasSuffix("year: a mean Gregorian year (365.2425 days), a unit of Time: 1 year = 31556952 s\n"))
        o.out = ""
        r.submit("fn f(a, b = 2) = a")
        r.submit(":help f")
        #expect(o.out == "f(a, b = …)  (defined in this session)\n")
        o.out = ""
        r.submit(":help")
        #expect(o.out.contains(":save FILE"))
        #expect(r.submit(":help rund") == .failed)
        #expect(o.err.contains("did you mean 'round'?"))
    }

    @Test func unitsAndVarsList() {
        let (r, o) = repl()
        r.submit("b = 2")
        r.submit("a = [1, 2]")
        r.submit(":vars")
        #expect(o.out == "a = [1, 2]\nb = 2\n")
        o.out = ""
        r.submit(":units")
        #expect(o.out.contains("Bytes: B, byte (bytes), kB, KB, MB"))
        #expect(o.out.contains("Time: s, second (seconds)"))
    }

    @Test func resetForgetsEverything() {
        let (r, o) = repl()
        r.submit("x = 1")
        r.submit(":reset")
        #expect(r.submit("x") == .failed)
        #expect(o.err.contains("unknown name 'x'"))
    }

    @Test func quitEndsTheSession() {
        let (r, _) = repl()
        #expect(r.submit(":quit") == .quit)
    }

    /// A saved session runs on its own and shows the same values, wherever it is saved:
    /// `ans` is defined where a later entry uses it, and imports are relative to the saved file.
    @Test func saveWritesAPlanThatRunsAnywhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = dir.appendingPathComponent("lib/storage.plan").path
        try "used = 1 TB\n".write(toFile: lib, atomically: true, encoding: .utf8)
        let (r, o) = repl()
        #expect(r.submit(":load \(lib)") == .ok)
        r.submit("used / (50 GB/month)")
        r.submit("ans -> years")
        let saved = dir.appendingPathComponent("out/s.plan").path
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        #expect(r.submit(":save \(saved)") == .ok, "\(o.err)")
        let text = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(text.contains("import \"../lib/storage.plan\""), "\(text)")
        #expect(text.contains("ans = used / (50 GB/month)\nans\nans -> years"), "\(text)")
        // Run it as a plan, from another directory: the same values.
        let (again, o2) = repl()
        #expect(again.submit(":load \(saved)") == .ok, "\(o2.err)")
        #expect(o2.out == "= 20 months\n= 1.66667 years\n", "\(o2.out)")
    }

    @Test func setChangesTheDigitsShown() {
        let (r, o) = repl()
        #expect(r.submit(":set digits 3") == .ok)
        r.submit("2 TB -> TiB")
        #expect(o.out.hasSuffix("= 1.82 TiB\n"))
        #expect(r.submit(":set digits 30") == .failed)
        #expect(o.err.contains(":set digits needs a whole number from 1 to 15"))
        #expect(r.submit(":set") == .ok)
        #expect(o.out.contains("digits = 3"))
    }
}

#if canImport(Glibc)
    import Glibc
#endif
