import Testing

@testable import HeadroomCore

/// Functions over plain numbers run a second compiled form with unboxed numbers
/// (`NumericBody`). It must mean exactly what the general form means: the same values, and
/// the same errors pointing at the same places.
@Suite("Numeric bodies")
struct NumericBodyTests {
    func session(numeric: Bool) -> Session {
        let s = Session(host: MemoryHost(), stackBudget: 128 << 20)
        s.interpreter.numericBodies = numeric
        return s
    }

    /// Each statement's value or error, one line each.
    func outcomes(_ s: Session, _ statements: [String]) -> [String] {
        withLargeStack {
            statements.map { text in
                do {
                    return try s.run(SourceFile(name: "t.plan", text: text)).map { ValueFormatter.inline($0) }
                        .joined(separator: "; ")
                } catch let e as DiagnosticList {
                    return e.diagnostics.map { "\($0.code.rawValue) \($0.message) at \($0.span)" }.joined(
                        separator: "; ")
                } catch {
                    return "\(error)"
                }
            }
        }
    }

    func numericBody(_ s: Session, _ name: String) -> NumericBody? {
        guard case .function(let f)? = s.state.globals[name], case .closure(let c) = f.body else { return nil }
        return c.code.numeric
    }

    @Test func whichBodiesAreNumeric() throws {
        let s = session(numeric: true)
        _ = outcomes(
            s,
            [
                "fn fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2)",
                "fn small(x) = x < 10 and not (x < 0)",
                "fn clamp(x, lo, hi) = if x < lo then lo else if x > hi then hi else x",
                "fn gb(x) = x * 1 GB", "fn lst(x) = [x]", "fn dflt(x, y = 2) = x + y", "fn uses(x) = x + pi",
                "fn apply(f, x) = f(x)", "fn blk(x) = { y = x; y }", "fn bi(x) = abs(x)",
            ])
        #expect(numericBody(s, "fib")?.truth == false)
        #expect(numericBody(s, "small")?.truth == true)
        #expect(numericBody(s, "clamp") != nil)
        for name in ["gb", "lst", "dflt", "uses", "apply", "blk"] {
            #expect(numericBody(s, name) == nil, "\(name) is not numeric")
        }
        // A call of a builtin compiles, but never resolves to a numeric body: it stays general.
        #expect(numericBody(s, "fib")?.ready(s.interpreter) == true)
        #expect(numericBody(s, "bi")?.ready(s.interpreter) == false)
    }

    @Test func aCallThatIsNotNumericKeepsTheGeneralForm() {
        // `g` calls `h`, which returns a quantity: `g` is compiled numerically but is not
        // ready (its callee is not numeric), so it runs in the general form.
        let statements = [
            "fn h(x) = x * 1 GB", "fn g(x) = h(x) + 1", "g(2)", "fn h(x) = x * 3", "g(2)",
            "fn k(x) = if x > 0 then k(x - 1) + 1 else 0", "k(5)", "k(2 GB)", "k(0.5)",
        ]
        let general = outcomes(session(numeric: false), statements)
        let numeric = outcomes(session(numeric: true), statements)
        #expect(numeric == general)
        #expect(numeric[2].contains("cannot add"), "\(numeric[2])")
        #expect(numeric[4] == "7")
        #expect(numeric[6] == "5")
    }

    @Test func redefiningACalleeIsSeen() {
        let s = session(numeric: true)
        let out = outcomes(
            s,
            [
                "fn g(x) = x + 1", "fn f(x) = g(x) * 2", "f(1)", "fn g(x) = x + 10", "f(1)", "fn g(x, y) = x", "f(1)",
            ])
        #expect(out[2] == "4")
        #expect(out[4] == "22")
        #expect(out[6].hasPrefix("E0"), "\(out[6])")
        #expect(
            out
                == outcomes(
                    session(numeric: false),
                    [
                        "fn g(x) = x + 1", "fn f(x) = g(x) * 2", "f(1)", "fn g(x) = x + 10", "f(1)", "fn g(x, y) = x",
                        "f(1)",
                    ]))
    }

    @Test func aRolledBackEntryLeavesNoCallAimedAtItsFunctions() {
        // `c` is ready in the first generation; a failing entry redefines `h` and runs `b` (so
        // `b`'s call is aimed at the new `h`), then rolls back. `c` runs `b` again in the
        // first generation: its call must find the first `h`, not the discarded one.
        let s = session(numeric: true)
        let out = outcomes(
            s,
            [
                "fn h(x) = x + 1\nfn b(x) = h(x) * 2\nfn c(x) = b(x) + 1", "c(1)",
                "fn h(x) = x + 100\nassert b(1) == 0", "c(1)", "b(1)",
            ])
        #expect(out[1] == "5")
        #expect(out[2].hasPrefix("E0505"), "\(out[2])")
        #expect(out[3] == "5")
        #expect(out[4] == "4")
    }

    /// Random programs over plain numbers: both forms give the same lines.
    @Test(arguments: 0..<8)
    func randomProgramsMeanTheSameInBothForms(_ seed: Int) {
        var g = ProgramGenerator(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        for _ in 0..<40 {
            let program = g.program()
            let general = outcomes(session(numeric: false), program)
            let s = session(numeric: true)
            let numeric = outcomes(s, program)
            #expect(numeric == general, "\(program.joined(separator: "\n"))")
            #expect(numericBody(s, "f")?.ready(s.interpreter) == true, "f runs in numeric form")
            if numeric != general { return }
        }
    }

    @Test func numericCallsStillStopWhenTooDeepOrInterrupted() {
        let s = session(numeric: true)
        let out = outcomes(
            s, ["fn r(n) = r(n + 1) + 1", "r(0)", "fn ok(n) = if n == 0 then 0 else ok(n - 1) + 1", "ok(20000)"])
        #expect(out[1].hasPrefix("E0507 recursion too deep"), "\(out[1])")
        #expect(out[3] == "20000")
        let host = MemoryHost()
        host.stopAt = 3
        let t = Session(host: host, stackBudget: 128 << 20)
        let stopped = outcomes(t, ["fn spin(n) = if n > 1e9 then 0 else spin(n + 1) * 1", "spin(0)"])
        #expect(stopped[1].hasPrefix("E0506 interrupted"), "\(stopped[1])")
        #expect(host.asked >= 3)
    }
}

/// Small random plans over plain numbers: functions built from the operations numeric bodies
/// compile (and numbers chosen to reach their errors: zero, huge, negative roots), called
/// with numbers and with a quantity.
struct ProgramGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    private mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }

    private mutating func number(_ depth: Int, _ params: [String], _ callable: [(String, Int)]) -> String {
        if depth <= 0 || next() % 4 == 0 {
            return pick(params + ["0", "1", "2", "0.5", "3", "1e300", "1e-300", "(-8)", "10"])
        }
        switch next() % 6 {
        case 0, 1:
            let op = pick(["+", "-", "*", "/", "^"])
            return "(\(number(depth - 1, params, callable)) \(op) \(number(depth - 1, params, callable)))"
        case 2: return "-\(number(depth - 1, params, callable))"
        case 3:
            return
                "(if \(truth(depth - 1, params, callable)) then \(number(depth - 1, params, callable)) else \(number(depth - 1, params, callable)))"
        default:
            guard let (f, arity) = callable.isEmpty ? nil : pick(callable) else { return pick(params) }
            let args = (0..<arity).map { _ in number(depth - 1, params, callable) }
            return "\(f)(\(args.joined(separator: ", ")))"
        }
    }

    private mutating func truth(_ depth: Int, _ params: [String], _ callable: [(String, Int)]) -> String {
        if depth <= 0 { return pick(["true", "false", "(\(pick(params)) < 1)"]) }
        switch next() % 4 {
        case 0:
            let op = pick(["<", "<=", ">", ">=", "==", "!="])
            return "(\(number(depth - 1, params, callable)) \(op) \(number(depth - 1, params, callable)))"
        case 1:
            let op = pick(["and", "or"])
            return "(\(truth(depth - 1, params, callable)) \(op) \(truth(depth - 1, params, callable)))"
        case 2: return "(not \(truth(depth - 1, params, callable)))"
        default: return pick(["true", "false"])
        }
    }

    mutating func program() -> [String] {
        let g = "fn g(x) = \(number(3, ["x"], []))"
        let p = "fn p(x, y) = \(truth(3, ["x", "y"], [("g", 1)]))"
        let f = "fn f(a, b) = \(number(4, ["a", "b"], [("g", 1), ("f2", 2)]))"
        let f2 = "fn f2(a, b) = if p(a, b) then g(a) else \(number(2, ["a", "b"], [("g", 1)]))"
        var out = [g, p, f2, f]
        for _ in 0..<4 {
            let args = [pick(["0", "1", "-2", "0.5", "7", "1e200", "3 GB"]), pick(["0", "1", "-1", "2", "1e-200"])]
            out.append(pick(["f", "f2", "p"]) + "(\(args[0]), \(args[1]))")
        }
        out.append("g(\(pick(["0", "4", "-1", "1e308"])))")
        return out
    }
}
