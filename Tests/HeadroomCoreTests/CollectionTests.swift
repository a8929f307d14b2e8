import HeadroomCore
import Testing

/// Lists and strings as the runbook uses them: top N, per-namespace totals, names.
@Suite("Lists and strings")
struct CollectionTests {
    static let pods =
        "pods = [{name: \"spark-a\", ns: \"data\", cpu: 2 cores}, {name: \"llm-b\", ns: \"ai\", cpu: 5 cores}, {name: \"spark-c\", ns: \"data\", cpu: 1 core}]\n"

    @Test(arguments: [
        ("[10, 20, 30, 40][1:3]", "[20, 30]"), ("[10, 20, 30, 40][:-1]", "[10, 20, 30]"),
        ("[10, 20, 30, 40][2:]", "[30, 40]"), ("[10, 20, 30, 40][-2:]", "[30, 40]"),
        ("[1, 2][5:9]", "[]"), ("[1, 2, 3][2:1]", "[]"), ("\"capacity\"[0:3]", "cap"),
        ("concat([\"a\"], [\"b\", \"c\"], [])", "[\"a\", \"b\", \"c\"]"), ("[\"a\"] + [\"b\"]", "[\"ab\"]"),
        ("take([1, 2, 3], 2)", "[1, 2]"), ("take([1], 5)", "[1]"), ("drop([1, 2, 3], 2)", "[3]"),
        ("range(0, 3)", "[0, 1, 2]"), ("range(3, 0, -1)", "[3, 2, 1]"), ("range(1 TB, 3 TB, 1 TB)", "[1 TB, 2 TB]"),
        ("reduce([1, 2, 3], 10, (a, x) => a + x)", "16"), ("count([1, 5, 9], x => x > 2)", "2"),
        ("count([1, 5])", "2"), ("keys({a: 1, b: 2})", "[\"a\", \"b\"]"), ("values({a: 1, b: 2})", "[1, 2]"),
        ("reverse([1, 2, 3])", "[3, 2, 1]"), ("unique([1, 2, 1, 1 + 1])", "[1, 2]"),
        ("contains(\"spark-etl\", \"etl\")", "true"), ("starts_with(\"spark-etl\", \"etl\")", "false"),
        ("ends_with(\"spark-etl\", \"etl\")", "true"), ("split(\"a//b\", \"/\")", "[\"a\", \"\", \"b\"]"),
        ("join([1 GB, \"x\"], \" \")", "1 GB x"), ("upper(\"ceph\") + lower(\"OSD\")", "CEPHosd"),
        ("replace(\"k8s-1.lan\", \".lan\", \"\")", "k8s-1"), ("is_missing(1 GB)", "false"),
        ("or_else(1 GB, 0 GB)", "1 GB"),
    ])
    func gives(_ expr: String, _ expected: String) {
        #expect(value(expr) == expected, "\(expr)")
    }

    @Test func topNAndPerNamespaceTotals() {
        #expect(
            value(Self.pods + "map(take(sort_by(pods, p => p.cpu, descending: true), 2), p => p.name)")
                == "[\"llm-b\", \"spark-a\"]")
        #expect(
            value(
                Self.pods
                    + "t = group_by(pods, p => p.ns, ps => sum(map(ps, p => p.cpu)))\n[t[0].key, t[0].value, t[1].key]")
                == "[\"data\", 3 cores, \"ai\"]")
        #expect(value(Self.pods + "len(group_by(pods, p => p.ns)[0].items)") == "2")
        #expect(value(Self.pods + "map(zip(pods, range(1, 4)), z => z.second)") == "[1, 2, 3]")
        // Stable either way: equal keys keep their order.
        #expect(
            value(
                "map(sort_by([{k: 1, n: \"a\"}, {k: 2, n: \"b\"}, {k: 1, n: \"c\"}], r => r.k, descending: true), r => r.n)"
            ) == "[\"b\", \"a\", \"c\"]")
    }

    @Test func mistakesAreCaughtBeforeRunning() {
        let r = run("print(\"ran\")\nx = [1, 2][1 GB:]")
        #expect(r.printed.isEmpty)
        #expect(r.first?.message == "a slice's ends must be whole numbers")
        #expect(run("x = {a: 1}[0:1]").first?.message == "only a list, a string or a series can be sliced")
        #expect(run("x = take([1], 1 GB)").first?.code == .argumentDimension)
        #expect(run("x = range(1 TB, 3 days)").first?.message == "range needs a quantity (Bytes) for 'to'")
        #expect(run("x = range(0, 10, 0)").first?.message == "the step must not be zero")
        #expect(run("x = group_by([1], x => x)[0].valu").first?.code == .unknownField)
        #expect(run("x = split(\"a\", \"\")").first?.message == "the separator must not be empty")
        #expect(run("x = concat([1], 2)").first?.code == .argumentType)
    }
}
