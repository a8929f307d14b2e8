import Testing

@testable import HeadroomCore

@Suite("Sessions: checking before running, imports, rollback")
struct SessionTests {
    @Test func nothingRunsWhenALaterLineIsWrong() {
        let r = run("print(\"side effect\")\nx = 1\ny = x GB + 3 days")
        #expect(r.printed.isEmpty)
        #expect(r.first?.message == "cannot add Bytes and Time")
    }

    @Test func functionBodiesAreCheckedWithTheArgumentsOfEachCall() {
        let r = run("print(\"no\")\nfn f(x) = x + 3 days\nf(5 GB)")
        #expect(r.printed.isEmpty)
        #expect(r.first?.message == "cannot add Bytes and Time")
        #expect(r.first?.labels.contains { $0.message == "in this call of f" } == true)
        #expect(run("fn f(x) = x + 3 days\nf(1 week)").ok)
    }

    @Test func aFailedRunLeavesTheSessionAsItWas() {
        withLargeStack {
            let host = MemoryHost()
            let s = Session(host: host)
            #expect((try? s.run(SourceFile(name: "a", text: "x = 5 GB"))) != nil)
            #expect((try? s.run(SourceFile(name: "b", text: "x = 7 GB\ny = 1\nfn g() = 1\nassert false"))) == nil)
            #expect(ValueFormatter.display(s.state.globals["x"]!) == "5 GB")
            #expect(s.state.globals["y"] == nil)
            #expect(s.state.globals["g"] == nil)
            #expect((try? s.run(SourceFile(name: "c", text: "x * 2"))) != nil)
            #expect(ValueFormatter.display(host.shown.last!) == "10 GB")
        }
    }

    @Test func importsRunOnceAndShowNothing() {
        let files = [
            "lib.plan": "unit node\nper_node = 64 GiB\nprint(\"lib loaded\")\n99",
            "other.plan": "import \"lib.plan\"\nz = 1",
        ]
        let r = run("import \"lib.plan\"\nimport \"other.plan\"\n3 node * per_node / (1 node)", files: files)
        #expect(r.ok, "\(r.rendered)")
        #expect(r.printed == ["lib loaded"])
        #expect(r.shown == ["192 GiB"])
    }

    @Test func importErrorsPointAtTheImport() {
        let r = run("x = 1\nimport \"missing.plan\"")
        #expect(r.first?.message == "cannot import \"missing.plan\": no such file")
        let bad = run("import \"bad.plan\"", files: ["bad.plan": "y = 1 GB + 1 s"])
        #expect(bad.first?.message == "cannot add Bytes and Time")
        #expect(bad.rendered.contains("--> bad.plan:1:5"))
    }

    @Test func assertionsExplainTheValues() {
        let r = run("used = 1.7 TB\nassert used < 80% * 2 TB, \"over the threshold\"")
        #expect(r.first?.stage == .assertion)
        #expect(r.first?.message == "assertion failed: over the threshold")
        #expect(r.first?.labels.first?.message == "1.7 TB < 1.6 TB is false")
    }

    @Test func nestedBlocksAreCheckedOnce() {
        // Checking a block's last expression twice once made this take 2^200 steps.
        let nested = String(repeating: "{ ", count: 200) + "1 GB" + String(repeating: " }", count: 200)
        #expect(value(nested) == "1 GB")
    }

    @Test func mixedListsAreNotMistakenForOneType() {
        #expect(value("xs = [1, 2 GB]\nxs[1] + 1 GB") == "3 GB")
        #expect(value("r = [{a: 1}, {a: 2 GB}]\nr[1].a + 1 GB") == "3 GB")
        #expect(run("xs = [1 GB, 2 GB]\nxs[0] + 1 s").first?.message == "cannot add Bytes and Time")
    }

    @Test func namesHideUnitsOnlyInExpressions() {
        #expect(value("unit node\nnodes = 3\nnodes * 2 node") == "6 nodes")
        #expect(value("d = 2\n5 d") == "5 d")
        #expect(value("d = 2\n10 / d") == "5")
        #expect(value("min(3, 1 + 1)") == "2")
        #expect(value("x = 90 min\nx -> h") == "1.5 h")
    }
}
