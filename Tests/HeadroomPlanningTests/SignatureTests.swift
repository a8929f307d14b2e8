import HeadroomMetrics
import HeadroomPlanning
import Testing

@testable import HeadroomCore

/// Builtin signatures: every form of every builtin is called, every builtin whose result is a
/// record or quantity is misused in a test, and the checker refuses the misuse before the
/// plan's first statement runs.
@Suite("Builtin signatures") struct SignatureTests {
    /// Runs `text` and returns what it printed and the first diagnostic.
    func check(_ text: String) -> (printed: [String], code: DiagnosticCode?, message: String?) {
        withLargeStack {
            let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
            host.files = ["u.csv": "time,used\n2026-01-01,100\n2026-01-02,104\n2026-01-03,109\n"]
            let session = Session(host: host, builtins: DocsTests.registry(), stackBudget: 100 << 20)
            do {
                try session.run(SourceFile(name: "test.plan", text: text))
                return (host.printed, nil, nil)
            } catch let e as DiagnosticList {
                return (host.printed, e.diagnostics.first?.code, e.diagnostics.first?.message)
            } catch {
                return (host.printed, nil, "\(error)")
            }
        }
    }

    static let s = "series([100, 104, 109, 113, 118] GB, start: 2026-01-01, step: 1 day)"
    static let node = "{cores: 12 cores, memory: 64 GiB, disks: 2, disk: 1 TB}"
    static let usage =
        "{cpu: series([1, 2, 3] cores, start: 2026-01-01, step: 1 day), memory: series([1, 2, 3] GiB, start: 2026-01-01, step: 1 day), storage: \(s)}"

    /// One call per documented form (overload), by builtin name; metrics builtins that need a
    /// server are called in docs/metrics.md's replayed examples instead.
    static let forms: [String: [String]] = [
        "abs": ["abs(-5 GB)"], "ceil": ["ceil(2.1 cores)"], "floor": ["floor(2.9 months)"],
        "round": ["round(1.234 TiB, 2)"], "ln": ["ln(2)"], "log10": ["log10(100)"], "exp": ["exp(1)"],
        "sqrt": ["sqrt(4 GB^2)"], "mod": ["mod(10 GB, 3 GB)"], "len": ["len([1, 2])"], "sum": ["sum(1 GB, 2 GB)"],
        "mean": ["mean([1, 2])"],
        "min": ["min(1 day, 2 days)"], "max": ["max([2026-01-01, 2026-02-01])"],
        "map": ["map([1, 2], x => x * 2)"], "filter": ["filter([1, 2], x => x > 1)"],
        "sort_by": ["sort_by([2, 1], x => x)"], "print": ["print(\"x\", 1 GB)"], "today": ["today()"],
        "series": [s], "load": ["load(\"u.csv\", unit: GB, column: \"used\")", "load(\"u.csv\", unit: GB)"],
        "window": ["window(\(s), 2026-01-02)"], "resample": ["resample(\(s), 2 days, \"max\")"],
        "rate": ["rate(\(s))"], "percentile": ["percentile(\(s), 50%)"], "first": ["first(\(s))"],
        "last": ["last([1, 2])"], "points": ["points(\(s))"], "fit": ["fit(\(s))"],
        "predict_linear": ["predict_linear(\(s), 30 days)"], "plot": ["plot(\(s), 3 days, capacity: 1 TB)"],
        "report": ["report(cluster(3, \(node), 3), \(usage))"],
        "concat": ["concat([1], [2])"], "is_missing": ["is_missing(1)"], "or_else": ["or_else(1, 2)"],
        "peaks": ["peaks(\(s), 2 days, 95%)"], "take": ["take([1, 2], 1)"],
        "drop": ["drop([1, 2], 1)"],
        "range": ["range(0, 3)"], "reduce": ["reduce([1, 2], 0, (a, x) => a + x)"], "count": ["count([1, 2])"],
        "group_by": ["group_by([1, 2], x => x > 1)", "group_by([1, 2], x => x > 1, xs => len(xs))"],
        "keys": ["keys({a: 1})"], "values": ["values({a: 1})"], "zip": ["zip([1], [2])"],
        "reverse": ["reverse([1])"], "unique": ["unique([1])"], "contains": ["contains(\"ab\", \"b\")"],
        "starts_with": ["starts_with(\"ab\", \"a\")"], "ends_with": ["ends_with(\"ab\", \"b\")"],
        "split": ["split(\"a,b\", \",\")"], "join": ["join([1, 2], \",\")"], "lower": ["lower(\"A\")"],
        "upper": ["upper(\"a\")"], "replace": ["replace(\"ab\", \"b\", \"c\")"],
        "compare_reports": [
            "compare_reports(report(cluster(3, \(node), 3), \(usage)), report(cluster(4, \(node), 3), \(usage)))"
        ],
        "project": ["project(\(s), 3 days, \"linear\")"],
        "backtest": ["backtest(\(s), \"linear\", holdout: 2 days)", "backtest(\(s), holdout: 2 days)"],
        "runway": ["runway(116 GiB, 2 TB, 50 GB/month, 80%)", "runway(\(s), 1 TB, 80%)"],
        "exhausts": ["exhausts(116 GiB, 2 TB, 5%/month, from: 2026-11-29)", "exhausts(\(s), 1 TB)"],
        "grow": ["grow(10 GB, 1 GB/month, 1 year)", "grow(10, 20%/quarter, 1 year, step: 3 months)"],
        "cluster": ["cluster(3, \(node), 3)"], "policy": ["policy(storage: 80%)"],
        "option": ["option(\"A\", cost: $1000, storage: 50%)"],
        "compare": [
            "compare([option(\"A\", cost: $1000, storage: 50%)], growth: 5%/month)",
            "compare([option(\"A\", cost: $1000, storage: 50%)], cluster: cluster(3, \(node)), usage: {storage: 1 TB}, growth: {storage: 50 GB/month})",
        ],
        "milestone": ["milestone(2026-Q1, \"Storage\", \"Disks\", $1200)"],
        "budget": ["budget([milestone(2026-Q1, \"Storage\", \"Disks\", $1200)])"], "year": ["year(2027-Q2)"],
    ]
    static let needServer: Set<String> = [
        "connect", "query", "query_range", "replay", "assess", "kube_nodes", "kube_pods", "ceph_df", "alerts",
        "command", "kube_get", "kube_pvcs", "kube_events",
    ]

    @Test func everyDocumentedFormIsCalled() {
        let registry = DocsTests.registry()
        for b in registry.all where !Self.needServer.contains(b.name) {
            let calls = Self.forms[b.name] ?? []
            #expect(calls.count == b.overloads.count, "\(b.name): \(b.overloads.count) forms, \(calls.count) calls")
            for (i, call) in calls.enumerated() {
                let r = check("x = \(call)")
                #expect(r.message == nil, "\(call): \(r.message ?? "")")
                // The call picked the form it was written for.
                let picked = overloadPicked(b, call, registry)
                #expect(picked == i, "\(call) matched form \(picked.map(String.init) ?? "none"), not \(i)")
            }
        }
    }

    func overloadPicked(_ b: Builtin, _ call: String, _ registry: BuiltinRegistry) -> Int? {
        guard let program = try? Parser.parse(SourceFile(name: "t", text: call), file: 0),
            case .expr(let body)? = program.statements.first?.kind, case .call(_, let args) = body.kind
        else { return nil }
        var checker = Checker(state: SessionState(), builtins: registry, importedProgram: { _, _ in nil })
        let given = args.map {
            ArgumentBinder.Arg(label: $0.label, span: $0.value.span, type: checker.infer($0.value))
        }
        if case .success(let binding) = ArgumentBinder.bind(b, given, call: body.span) { return binding.overload }
        return nil
    }

    /// A misuse of each record or quantity result (a wrong field, or a wrong dimension), after a
    /// print: the print must not run.
    static let misuses: [(String, DiagnosticCode)] = [
        ("cluster(nodes: 3, node: \(node)).usable + 3 days", .operatorDimension),
        ("cluster(nodes: 3, node: \(node)).usabel", .unknownField),
        ("cluster(3, \(node)).n_minus_1.cores + 1 GB", .operatorDimension),
        ("fit(\(s)).slope + 1 GB", .operatorDimension), ("fit(\(s)).slop", .unknownField),
        ("runway(\(s), 1 TB).low + 1 GB", .operatorDimension), ("runway(\(s), 1 TB).hi", .unknownField),
        ("runway(116 GiB, 2 TB, 50 GB/month) + 1 GB", .operatorDimension),
        ("runway(1 TB, 2 TB, 5 cores/month)", .argumentDimension),
        ("exhausts(116 GiB, 2 TB, 50 GB/month) + 2026-01-01", .operatorType),
        ("predict_linear(\(s), 30 days) + 1 day", .operatorDimension),
        ("plot(\(s), 3 days, capacity: 2 cores)", .argumentDimension),
        ("report(cluster(3, \(node), 3), \(usage)).bindin", .unknownField),
        ("kube_pvcs()[0].requestd", .unknownField), ("or_else(1 GB, 2 GB) + 1 day", .operatorDimension),
        ("kube_events()[0].reson", .unknownField),
        ("concat([1 GB], [2 GB])[0] + 1 day", .operatorDimension), ("peaks(\(s), 1 GB)", .argumentDimension),
        ("take([1 GB], 1)[0] + 1 day", .operatorDimension),
        ("drop([1 GB], 0)[0] + 1 day", .operatorDimension), ("count([1]) + 1 day", .operatorDimension),
        ("group_by([1], x => x)[0].itms", .unknownField), ("zip([1], [2])[0].frst", .unknownField),
        ("reverse([1 GB])[0] + 1 day", .operatorDimension), ("unique([1 GB])[0] + 1 day", .operatorDimension),
        (
            "compare_reports(report(cluster(3, \(node), 3), \(usage)), report(cluster(4, \(node), 3), \(usage))).nw",
            .unknownField
        ),
        ("alerts({storage: \(s)}, cluster(3, \(node), 3))[0].alrt", .unknownField),
        ("plot(\(s), 3 GB)", .argumentDimension),
        ("predict_linear(\(s), 30 GB)", .argumentDimension), ("rate(\(s)) + 1 GB", .operatorDimension),
        ("percentile(\(s), 50%) + 1 day", .operatorDimension), ("first(\(s)) + 1 day", .operatorDimension),
        ("last([1 GB]) + 1 day", .operatorDimension), ("sum([1 GB, 2 GB]) + 1 day", .operatorDimension),
        ("mean(1 GB, 2 GB) + 1 day", .operatorDimension), ("max(1 GB, 2 GB) + 1 day", .operatorDimension),
        ("grow(10 GB, 1 GB/month, 1 year) + 1 day", .operatorDimension),
        ("grow(10 GB, 1 cores/month, 1 year)", .argumentDimension),
        ("grow(10 GB, 1 GB/month, 1 year, step: 1 month)[0].valu", .unknownField),
        ("policy().storag", .unknownField), ("policy().storage + 1 GB", .operatorDimension),
        ("option(\"A\", cost: $1).cost + 1 GB", .operatorDimension), ("option(\"A\", cost: $1).costs", .unknownField),
        ("milestone(2026-Q1, \"a\", \"b\", $1).cost + 1 day", .operatorDimension),
        ("budget([milestone(2026-Q1, \"a\", \"b\", $1)]).totl", .unknownField),
        // budget's currency comes from records inside a list, which the checker does not follow:
        // its `total` is checked when the plan runs (a field name still is checked before).
        ("year(2026-01-01) + 1 GB", .operatorDimension), ("len([1]) + 1 GB", .operatorDimension),
        ("abs(-1 GB) + 1 day", .operatorDimension), ("round(1 GB) + 1 day", .operatorDimension),
        ("sqrt(4 GB^2) + 1 day", .operatorDimension), ("mod(10 GB, 3) + 1 day", .argumentDimension),
        ("mod(10 GB, 3 GB) + 1 day", .operatorDimension), ("ln(2) + 1 day", .operatorDimension),
        ("today() + 1 GB", .operatorDimension), ("backtest(\(s), \"linear\").mea", .unknownField),
        ("backtest(\(s), \"linear\").mae + 1 day", .operatorDimension),
        ("points(\(s))[0].valeu", .unknownField), ("project(\(s), 3 days) + 1 day", .operatorDimension),
        ("load(\"u.csv\", unit: GB).used + 1 day", .operatorDimension),
        ("load(\"u.csv\", unit: GB, column: \"used\") + 1 day", .operatorDimension),
        ("compare([option(\"A\", cost: $1)])[0].scor", .unknownField),
        ("ceph_df().usd", .unknownField), ("ceph_df().total + 1 day", .operatorDimension),
        ("kube_nodes()[0].cpu_usd", .unknownField), ("kube_pods()[0].memory + 1 day", .operatorDimension),
        ("query('up', unit: GB) + 3 days", .operatorDimension),
        ("query('up', unit: GB) -> hours", .conversionDimension),
        ("query_range('up', last: 1 day, unit: B) * 2 < 3 cores", .operatorDimension),
        ("series([1, 2] GB, start: 2026-01-01, step: 1 GB)", .argumentDimension),
        ("window(\(s), 3 days)", .argumentType), ("floor(1 GB) + 1 day", .operatorDimension),
        ("ceil(1 GB) + 1 day", .operatorDimension), ("log10(2) + 1 day", .operatorDimension),
        ("exp(1 GB)", .argumentDimension), ("min([1 GB]) + 1 day", .operatorDimension),
        ("filter([1 GB], x => true)[0] + 1 day", .operatorDimension),
        ("sort_by([1 GB], x => x)[0] + 1 day", .operatorDimension),
        ("resample(\(s), 1 day) + 1 day", .operatorDimension), ("resample(\(s), 1 GB)", .argumentDimension),
    ]

    @Test(arguments: misuses) func misuseFailsBeforeAnythingRuns(_ misuse: String, _ code: DiagnosticCode) {
        let r = check("print(\"ran\")\n\(misuse)")
        #expect(r.printed.isEmpty, "\(misuse) ran the print first")
        #expect(r.code == code, "\(misuse): \(r.message ?? "no error")")
    }

    /// The repros from the issue that asked for signatures as data.
    @Test func namedAndPositionalFormsFromTheDocs() {
        #expect(check("x = runway(usage: 116 GiB, capacity: 2 TB, rate: 50 GB/month)").message == nil)
        #expect(check("x = runway(\(Self.s), 1 TB, 80%)").message == nil)
        let misspelt = check("runway(used: 1 TB, capacity: 2 TB, rate: 50 GB/month)")
        #expect(misspelt.code == .unknownParameter)
        #expect(misspelt.message == "runway(usage, capacity, rate, threshold?) has no parameter 'used'")
        // A series with a rate is neither form: the form it is closest to says why.
        #expect(check("runway(\(Self.s), 1 TB, 50 GB/month)").code == .argumentType)
    }

    /// A metrics answer's shape is the server's: what may hold for one shape is left to run time.
    @Test func metricsShapesAreNotGuessed() {
        for ok in [
            "-query('up', unit: GB)", "query('up', unit: GB).values", "query('up')[0].instance", "query('up') + 3 days",
        ] {
            let r = check("print(\"ran\")\n\(ok)")
            #expect(r.printed == ["ran"], "\(ok): \(r.message ?? "")")
            #expect(r.code == .metricsUnreachable, "\(ok): \(r.message ?? "")")
        }
    }

    @Test func everyBuiltinWithARecordOrQuantityResultIsMisusedInATest() {
        let misused = Set(Self.misuses.map { m in String(m.0.prefix { $0 != "(" }) })
        for b in DocsTests.registry().all {
            let typed = b.overloads.contains {
                switch $0.result {
                case .record, .quantity, .list(.record), .argument, .item, .squareRoot, .columns, .series, .date: true
                default: false
                }
            }
            if typed { #expect(misused.contains(b.name), "no misuse test for \(b.name)") }
        }
    }
}
