import Foundation
import Testing

/// Notebooks through the built binary: the example notebooks hold, a changed number is a
/// readable diff and exit 1, `--update` puts it back byte for byte, bad input is a clear
/// error that writes nothing, and the HTML renders in a real browser with no network.
@Suite("Notebooks on the command line")
struct NotebookCLITests {
    /// A scratch copy of examples/ (notebooks, their charts, snapshot, data).
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-nb-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("examples"), to: dir)
        return dir
    }

    @Test(arguments: ["anton.md", "runbook-storage.md"])
    func exampleNotebooksHold(_ name: String) throws {
        let r = try Binary.run(["check", "examples/\(name)"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("every output holds\n"), "\(r.stdout)")
    }

    @Test func aChangedNumberFailsWithADiffAndUpdatePutsItBack() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("anton.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        let line = "| memory | 8.43873 GiB/month | 0.831018 |"
        #expect(original.contains(line))
        try original.replacingOccurrences(of: line, with: "| memory | 9.5 GiB/month | 0.831018 |")
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["check", "anton.md"], cwd: dir)
        #expect(r.status == 1)
        let number = original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == line }! + 1
        #expect(r.stdout.contains("the output of this block changed"), "\(r.stdout)")
        #expect(r.stdout.contains("-| memory | 9.5 GiB/month | 0.831018 |\n+\(line)\n"), "\(r.stdout)")
        #expect(r.stdout.contains("anton.md: 1 of 9 blocks changed"), "\(r.stdout)")
        // The hunk starts on the notebook's line of the output section.
        #expect(r.stdout.contains("@@ -\(number - 3),"), "\(r.stdout) \(number)")
        let u = try Binary.run(["check", "--update", "anton.md"], cwd: dir)
        #expect(u.status == 0, "\(u.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
    }

    @Test func aFailingBlockIsRecordedWithTheNotebooksLine() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            "# Broken\n\nSome prose.\n\n```plan\nx = 1 GB\ny = x + 2 days\n```\n\n```plan\nreplay('missing.json')\n```\n\n```plan\nz = (1 +\n```\n"
            .write(to: dir.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "broken.md", "--notebook", "out.md"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: some blocks failed; their errors are recorded in out.md"), "\(r.stderr)")
        let out = try String(contentsOf: dir.appendingPathComponent("out.md"), encoding: .utf8)
        #expect(out.contains("```error\nerror[E0301]"), "\(out)")
        #expect(out.contains("--> broken.md:7:"), "\(out)")
        #expect(out.contains("--> broken.md:11:"), "\(out)")
        #expect(out.contains("missing.json"), "\(out)")
        // A syntax error, too, is the block's output, at the notebook's line.
        #expect(out.contains("--> broken.md:15:"), "\(out)")
        // Run as a plan, it stops at the first error, pointing at the notebook's line.
        let plain = try Binary.run(["run", "broken.md"], cwd: dir)
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("--> broken.md:7:"), "\(plain.stderr)")
    }

    @Test func malformedNotebooksAndUnwritableChartsAreClearErrors() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# T\n\n```plan\nx = 1\n".write(
            to: dir.appendingPathComponent("open.md"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["check", "open.md"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "error: open.md:3: this 'plan' block is never closed (no ``` line after it)\n")
        // The charts' folder is a file: nothing of the notebook is written.
        try "not a folder".write(to: dir.appendingPathComponent("out.files"), atomically: true, encoding: .utf8)
        let w = try Binary.run(["run", "anton.plan", "--notebook", "out.md"], cwd: dir)
        #expect(w.status == 1)
        #expect(w.stderr.hasPrefix("error: cannot write out.md and its charts:"), "\(w.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.md").path))
        let missing = try Binary.run(["check", "nowhere.md"], cwd: dir)
        #expect(missing.status == 66)
    }

    @Test func aPlanBecomesANotebookThatHolds() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(["run", "anton.plan", "--notebook", "copy.md"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let copy = try String(contentsOf: dir.appendingPathComponent("copy.md"), encoding: .utf8)
        #expect(copy.hasPrefix("---\nheadroom: "))
        #expect(copy.contains("  - file: anton-snapshot.json\n    sha256: "))
        #expect(copy.contains("![storage\\_runway](copy.files/storage-runway.svg)"))
        #expect(try Binary.run(["check", "copy.md"], cwd: dir).status == 0)
        // The same run twice gives the same charts, byte for byte.
        let first = try Data(contentsOf: dir.appendingPathComponent("copy.files/storage-runway.svg"))
        _ = try Binary.run(["run", "anton.plan", "--notebook", "copy.md"], cwd: dir)
        #expect(try Data(contentsOf: dir.appendingPathComponent("copy.files/storage-runway.svg")) == first)
    }

    /// Debian's chromium renders the page; the DOM after layout has the headings, tables and
    /// charts, and nothing was fetched (no URL in the file but the SVG namespace; every host
    /// name resolves to nothing). The screenshot is kept in .build/test-artifacts.
    @Test func theHTMLRendersInABrowserWithoutTheNetwork() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.run(["run", "anton.plan", "--html", "anton.html"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = dir.appendingPathComponent("anton.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(40)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") }, "\(Set(urls))")
        #expect(!html.contains("<script"))
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let browser = try #require(chromium, "chromium is not installed (make test installs it)")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"]
        let dom = try Binary.run(flags + ["--dump-dom", page.absoluteString], executable: browser)
        #expect(dom.stdout.contains("<h1 id") || dom.stdout.contains("<h1>"), "\(String(dom.stdout.prefix(300)))")
        #expect(dom.stdout.contains("Anton homelab: the capacity plan"))
        #expect(dom.stdout.components(separatedBy: "<table>").count - 1 >= 6)
        #expect(dom.stdout.components(separatedBy: "<svg").count - 1 == 7)
        #expect(dom.stdout.contains("<td class=\"num\">"))
        let artifacts = Binary.packageRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("anton-notebook.png")
        _ = try Binary.run(
            flags + ["--screenshot=\(shot.path)", "--window-size=1100,2000", page.absoluteString], executable: browser)
        #expect(FileManager.default.fileExists(atPath: shot.path))
    }
}

@Suite("Notebooks pinned to a snapshot")
struct PinnedNotebookTests {
    /// A notebook recorded from a live server names its snapshot in `replay:`; re-runs and
    /// checks answer from it, with no server.
    @Test func aPinnedNotebookReplaysItsSnapshot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-pin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: Binary.packageRoot.appendingPathComponent("examples/anton-snapshot.json"),
            to: dir.appendingPathComponent("data/snap.json"))
        try
            "---\ntoday: 2026-11-29\nreplay: data/snap.json\n---\n\n# Pinned\n\n```plan\nround(last(query_range('ceph_cluster_total_used_bytes', last: 90 days, step: 1 h)) -> GiB, 1)\n```\n"
            .write(to: dir.appendingPathComponent("pinned.md"), atomically: true, encoding: .utf8)
        let u = try Binary.run(["check", "--update", "pinned.md"], cwd: dir)
        #expect(u.status == 0, "\(u.stdout)\(u.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("pinned.md"), encoding: .utf8)
        #expect(text.contains("replay: data/snap.json\ninputs:\n  - file: data/snap.json\n    sha256: "), "\(text)")
        #expect(text.contains("```output\n") && text.contains(" GiB\n```"), "\(text)")
        #expect(!text.contains("```error"), "\(text)")
        let c = try Binary.run(["check", "pinned.md"], cwd: dir)
        #expect(c.status == 0, "\(c.stdout)\(c.stderr)")
    }
}
