import Testing

@testable import HeadroomCore

@Suite("Language: syntax and evaluation")
struct LanguageTests {
    @Test(arguments: [
        // Numbers, precedence, associativity.
        ("1_000_000", "1000000"), ("1.2e9", "1200000000"), (".5", "0.5"), ("2 + 3 * 4", "14"),
        ("(2 + 3) * 4", "20"), ("2 ^ 3 ^ 2", "512"), ("-2 ^ 2", "-4"), ("2 ** 10", "1024"),
        ("10 - 4 - 3", "3"), ("100 / 10 / 5", "2"), ("-(3)", "-3"), ("+4", "4"),
        // Booleans and comparisons.
        ("1 < 2", "true"), ("1 TB == 1000 GB", "true"), ("1 TiB != 1 TB", "true"),
        ("not true or true", "true"), ("true and not false", "true"), ("1 GB >= 1000 MB", "true"),
        // Strings.
        ("\"a\" + \"b\"", "ab"), ("x = 2 TB\n\"usable: {x -> TiB}\"", "usable: 1.81899 TiB"),
        ("\"braces \\{x\\} and \\\"quotes\\\"\"", "braces {x} and \"quotes\""),
        ("\"n = {1 + {a: 2}.a}\"", "n = 3"),
        // Dates.
        ("2026-03-01 + 2 weeks", "2026-03-15"), ("2026-01-31 + 1 month", "2026-02-28"),
        ("2024-02-29 + 1 year", "2025-02-28"), ("2026-12-31 - 2026-01-01", "364 days"),
        ("2027-Q2", "2027-04-01"), ("2026-Q1 + 1 quarter", "2026-04-01"), ("today()", "2026-11-29"),
        ("2026-03-01T12:30 - 2026-03-01", "0.520833 days"), ("2026-01-01 + 1.5 days", "2026-01-02"),
        ("2026-05-01 > 2026-Q2", "true"),
        // Variables, functions, closures, blocks.
        ("x = 5\nx = x + 1\nx", "6"), ("fn f(a, b = 2) = a * b\nf(3)", "6"),
        ("fn f(a, b = 2) = a * b\nf(3, b: 5)", "15"),
        ("fn f(a, b = 2) = a * b\nf(b: 4, a: 2)", "8"), ("fn f(a, b = a * 2) = a + b\nf(1)", "3"),
        ("sq = x => x * x\nsq(3 GB)", "9 GB^2"), ("add = (a, b) => a + b\nadd(1, 2)", "3"),
        ("fn adder(n) = x => x + n\nadd5 = adder(5)\nadd5(1)", "6"),
        ("{ y = 2; y * 3 }", "6"), ("y = 1\n{ y = 2; y }\ny", "1"),
        // Functions made in a block: the block's bindings go when nothing can reach them,
        // and stay while a closure that uses them is returned.
        ("x = { fn g(n) = if n > 0 then g(n - 1) + 1 else 0; g(3) }\nx", "3"),
        ("k = { n = 2; x => x * n }\nk(5)", "10"), ("c = { fn g(n) = if n > 0 then g(n - 1) else 7; g }\nc(3)", "7"),
        ("r = { m = 3; {f: x => x + m, xs: [y => y - m]} }\nr.f(1) + r.xs[0](10)", "11"),
        ("fn twice(f) = x => f(f(x))\n{ h = y => y + 1; twice(h) }(0)", "2"),
        // A function keeps the scopes it was defined in, also when called after they end.
        ("z = { h = y => y; r = {f: h}; r }\nz.f(2)", "2"), ("a = { f = { k = 1; x => x + k }; f(1) }\na", "2"),
        ("fn mk(a, b = x => x + a) = b\nmk(1)(2)", "3"), ("k = { h = y => y + 1; g = x => h(x) * 2; g }\nk(1)", "4"),
        ("f = { n = 5; fn h(x) = x + n; h }\nf(1)", "6"),
        ("fn outer(a) = { fn inner(b) = a + b; inner }\nouter(1)(2)", "3"),
        ("fn fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2)\nfib(20)", "6765"),
        ("if 1 TB > 1 GB then \"big\" else \"small\"", "big"),
        ("x = if false\n  then 1\n  else 2\nx", "2"),
        // Lists, records, pipes.
        ("[1, 2, 3][1]", "2"), ("[1, 2, 3][-1]", "3"), ("xs = [1, 2,\n 3]\nlen(xs)", "3"), ("[]", "[]"),
        ("{name: \"a\", cost: $1500}.cost", "$1,500"), ("{a: 1, b: [1, 2]}.b[0]", "1"),
        ("r = {\"with space\": 1}\nr[\"with space\"]", "1"),
        ("[{n: 1}, {n: 2}].n", "[1, 2]"), ("[1, 2] * 2 GB", "[2 GB, 4 GB]"), ("[1, 2] + [10, 20]", "[11, 22]"),
        ("[1, 2, 3] |> map(x => x * 10) |> sum", "60"), ("4 |> sqrt", "2"),
        ("xs = [3, 1, 2]\nxs\n  |> sort_by(x => x)", "[1, 2, 3]"),
        ("[1, 2] == [1, 2]", "true"), ("{a: 1} == {a: 2}", "false"),
        // Line continuation after binary operators and inside brackets.
        ("1 +\n 2", "3"), ("(1\n + 2)", "3"), ("[\n 1,\n 2\n][1]", "2"),
        ("{\n  a: 1,\n  b: 2\n}.b", "2"),
        // Comments and separators.
        ("1; 2 # three", "2"),
    ])
    func evaluates(_ source: String, _ expected: String) {
        #expect(value(source) == expected)
    }

    @Test func builtinsHaveExamplesThatRun() {
        for b in BuiltinRegistry.core().all {
            let r = run(b.example)
            #expect(r.ok, "example of \(b.name) failed: \(r.rendered)")
            #expect(!b.summary.isEmpty)
        }
    }

    @Test(arguments: [
        ("len([1, 2, 3])", "3"), ("len(\"abc\")", "3"), ("sum([$800, $1200])", "$2,000"), ("sum([])", "0"),
        ("sum(1 GB, 2 GB)", "3 GB"), ("mean([40%, 60%])", "50%"), ("min(3 days, 1 week, 36 h)", "36 h"),
        ("max([1 TB, 900 GB])", "1 TB"), ("max(2026-01-01, 2027-Q1)", "2027-01-01"),
        ("round(1.81899 TiB, 2)", "1.82 TiB"), ("round(2.5)", "3"), ("round(-2.5)", "-3"),
        ("floor(29.5 months)", "29 months"),
        ("ceil(2.1 cores)", "3 cores"), ("abs(-5 GB)", "5 GB"), ("sqrt(2)", "1.41421"), ("ln(exp(2))", "2"),
        ("log10(1000)", "3"), ("filter([1, 2, 3, 4], x => x > 2)", "[3, 4]"),
        ("map([1, 2], x => x GB)", "[1 GB, 2 GB]"),
        ("sort_by([\"b\", \"a\"], s => s)", "[\"a\", \"b\"]"), ("round([1.26, 2.71], 1)", "[1.3, 2.7]"),
    ])
    func builtins(_ source: String, _ expected: String) {
        #expect(value(source) == expected)
    }

    @Test func printWritesTextAndShowsNothing() {
        let r = run("print(\"usable:\", 2 TB * 80%, [1, \"a\"])")
        #expect(r.printed == ["usable: 1.6 TB [1, \"a\"]"])
        #expect(r.shown.isEmpty)
    }

    @Test func listOfRecordsIsATable() {
        let r = run("[{name: \"a\", cost: $5}, {name: \"bbb\", cost: $1500, extra: true}]")
        #expect(
            r.last == """
                name    cost  extra
                ----  ------  -----
                a         $5
                bbb   $1,500  true
                """)
    }

    @Test func longRecordsPrintOneFieldPerLine() {
        let r = run("{alpha: \"\(String(repeating: "x", count: 90))\", b: 1}")
        #expect(r.last.hasPrefix("{\n  alpha: \"xxx"))
        #expect(r.last.hasSuffix("\n  b:     1\n}"))
    }
}

@Suite("Input completeness (REPL continuation)")
struct CompletenessTests {
    @Test(arguments: [
        ("1 +", true), ("x = (1 + 2", true), ("[1,", true), ("{", true), ("fn f(x) =", true),
        ("\"abc", true), ("if x > 1 then 2", true), ("xs |>", true), ("f(1,\n 2", true),
        ("1 + 2", false), ("fn f(x) = x", false), ("x = 5 GB", false), ("1 2", false), (")", false),
        ("\"a\nb\"", false), ("1 @", false), ("", false), ("# comment", false),
    ])
    func decides(_ text: String, _ incomplete: Bool) {
        #expect(Completeness.needsMoreInput(text) == incomplete)
    }
}

@Suite("Raw strings")
struct RawStringTests {
    @Test(arguments: [
        ("'up{job=\"node\"}'", "up{job=\"node\"}"), ("'it\\'s'", "it's"), ("'a\\.b'", "a\\.b"), ("'{x}'", "{x}"),
        ("len('ab')", "2"), ("'a' + \"{1 + 1}\"", "a2"),
    ])
    func passThroughVerbatim(_ source: String, _ expected: String) {
        #expect(value(source) == expected)
    }

    @Test func unterminated() {
        #expect(run("x = 'abc").first?.message == "unterminated string")
    }
}
