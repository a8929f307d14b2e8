import Testing

@testable import HeadroomCore

/// Functions that make no closures keep their parameters on the interpreter's value stack
/// (`CompiledFunction.flat`). Whatever a call does, its slots must be given back, and the
/// language must mean what it meant with heap frames.
@Suite("Flat calls")
struct FlatCallTests {
    func session(_ host: PlanHost = MemoryHost()) -> Session { Session(host: host, stackBudget: 128 << 20) }

    func run(_ session: Session, _ text: String) throws -> [String] {
        try withLargeStack {
            Result { try session.run(SourceFile(name: "t.plan", text: text)).map { ValueFormatter.inline($0) } }
        }.get()
    }

    func failure(_ session: Session, _ text: String) -> Diagnostic? {
        do {
            _ = try run(session, text)
            return nil
        } catch let e as DiagnosticList { return e.diagnostics.first } catch { return nil }
    }

    @Test func whichFunctionsAreFlat() throws {
        func flat(_ text: String) throws -> Bool {
            let s = session()
            _ = try run(s, text)
            guard case .function(let f)? = s.state.globals["f"], case .closure(let c) = f.body else {
                Issue.record("f is not a closure")
                return false
            }
            return c.code.flat
        }
        #expect(try flat("fn f(n) = if n < 2 then n else f(n - 1) + f(n - 2)"))
        #expect(try flat("fn f(a, b = a * 2) = [a, b, {x: a}]"))
        #expect(try !flat("fn f(n) = map([1, 2], x => x * n)"), "a lambda closes over the call")
        #expect(try !flat("fn f(n) = { m = n * 2; m + 1 }"), "a block has a frame of its own")
        #expect(try !flat("fn f(n, g = x => x) = g(n)"), "a default makes a closure")
    }

    @Test func deepRecursionCrossesChunksAndGivesEverySlotBack() throws {
        let s = session()
        // 20,000 calls deep, 1 and then 5 slots each: several chunks of 4,096 slots, with
        // frames that do not fill a chunk exactly.
        #expect(try run(s, "fn down(n) = if n == 0 then 0 else down(n - 1) + 1\ndown(20000)") == ["20000"])
        #expect(s.interpreter.values.reserved == 0)
        let five =
            "fn d5(n, a, b, c, e) = if n == 0 then a + b + c + e else d5(n - 1, a, b, c, e + 1)\nd5(9000, 1, 2, 3, 4)"
        #expect(try run(s, five) == ["9010"])
        #expect(s.interpreter.values.reserved == 0)
        #expect(try run(s, "down(3) + d5(2, 1, 1, 1, 1)") == ["9"])
    }

    @Test func errorsGiveTheirSlotsBack() throws {
        let s = session()
        _ = try run(s, "fn f(a, b) = a + b\nfn g(n) = if n == 0 then [1][n + 5] else g(n - 1)")
        // An argument that fails after the first was bound.
        #expect(failure(s, "f(1, [1][5])")?.code == .indexOutOfRange)
        #expect(s.interpreter.values.reserved == 0)
        // A failure deep in a recursion.
        #expect(failure(s, "g(500)")?.code == .indexOutOfRange)
        #expect(s.interpreter.values.reserved == 0)
        // Runaway recursion.
        #expect(failure(s, "fn r(n) = r(n + 1)\nr(0)")?.code == .recursionTooDeep)
        #expect(s.interpreter.values.reserved == 0)
        // A function given to map that fails on the third item.
        #expect(failure(s, "map([1, 2, 0], x => 1 / x)")?.code == .divisionByZero)
        #expect(s.interpreter.values.reserved == 0)
        #expect(try run(s, "f(2, 3)") == ["5"])
    }

    @Test func anInterruptGivesTheSlotsBack() throws {
        let host = MemoryHost()
        let s = session(host)
        _ = try run(s, "fn spin(n) = if n == 0 then 0 else spin(n - 1) + 1")
        host.stopAt = host.asked + 3  // the third question, well inside the recursion
        #expect(failure(s, "spin(100000)")?.code == .interrupted)
        #expect(s.interpreter.values.reserved == 0)
        host.stopAt = .max
        #expect(try run(s, "spin(10)") == ["10"])
    }

    @Test func namesMeanWhatTheyMeant() throws {
        let s = session()
        // A parameter hides a global of the same name; a default sees the parameters before it.
        #expect(try run(s, "n = 100\nfn f(n) = n + 1\nf(1)") == ["2"])
        #expect(try run(s, "fn h(a, b = a * 2) = a + b\nh(3)\nh(3, b: 1)") == ["9", "4"])
        // Functions as values: passed in, and made by a function that is not flat.
        #expect(try run(s, "fn twice(g, x) = g(g(x))\ntwice(y => y * 2, 3)") == ["12"])
        #expect(try run(s, "fn adder(k) = x => x + k\nadder(2)(3)") == ["5"])
        // A flat function nested in one that is not sees the outer parameters.
        #expect(try run(s, "fn scale(xs, k) = map(xs, x => x * k)\nscale([1, 2], 10 GB)") == ["[10 GB, 20 GB]"])
        // A function redefined as one that is not flat is called as it now is.
        #expect(try run(s, "fn w(n) = n * 2\nfn uses(n) = w(n) + 1\nuses(1)") == ["3"])
        #expect(try run(s, "fn w(n) = { m = n * 10; m }\nuses(1)") == ["11"])
    }

    @Test func aTopLevelFunctionCalledDirectlyIsFreedWithItsSession() throws {
        weak var code: CompiledFunction?
        do {
            let s = session()
            #expect(try run(s, "fn f(n) = if n < 2 then n else f(n - 1) + f(n - 2)\nf(15)") == ["610"])
            if case .function(let fn)? = s.state.globals["f"], case .closure(let c) = fn.body { code = c.code }
            #expect(code != nil)
        }
        #expect(code == nil, "the direct call kept its own function alive")
    }
}
