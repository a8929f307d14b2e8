/// A plan that shows each diagnostic, for `docs/errors.md` (a test runs every one and checks
/// that it gives its code). Where a plan cannot show it here (it needs a server, a tool, a
/// keypress or a file), `situation` says when it happens instead.
extension DiagnosticCode {
    public var example: String? {
        switch self {
        case .unexpectedToken: return "x = (1 + 2"
        case .invalidText: return "x = 5 @ 3"
        case .unterminatedString: return "name = \"disk"
        case .badEscape: return "\"a\\q\""
        case .badInterpolation: return "\"used: {}\""
        case .chainedComparison: return "1 < 2 < 3"
        case .blockWithoutValue: return "x = { y = 1 }"
        case .missingDefault: return "fn f(a = 1, b) = a + b"
        case .badNumber: return "d = 2026-02-30"
        case .unknownName: return "nodes = 3\nnode_count + 1"
        case .unknownUnit: return "5 GB/mnth"
        case .unknownFunction: return "sqr(4)"
        case .unknownField: return "{used: 1 TB}.usd"
        case .unknownParameter: return "round(1.234, digit: 2)"
        case .unitAlreadyDefined: return "unit GB"
        case .notAFunction: return "x = 5\nx(1)"
        case .operatorDimension: return "5 GB + 3 days"
        case .conversionDimension: return "5 GB -> hours"
        case .argumentDimension: return "runway(1 TB, 2 TB, 5 cores/month)"
        case .exponentDimension: return "2 ^ (3 GB)"
        case .branchDimension: return "if true then 1 GB else 2 days"
        case .mixedDimensions: return "max([1 GB, 2 days])"
        case .operatorType: return "\"a\" * 2"
        case .argumentType: return "len(5)"
        case .missingArgument: return "round()"
        case .tooManyArguments: return "sqrt(1, 2)"
        case .argumentTwice: return "round(1, digits: 1, digits: 2)"
        case .conditionType: return "if 1 GB then 1 else 2"
        case .indexType: return "[1, 2][1 GB]"
        case .noFields: return "(5 GB).used"
        case .unitPlacement: return "\"a\" GB"
        case .divisionByZero: return "x = 0\n1 GB / x"
        case .indexOutOfRange: return "[1, 2][5]"
        case .outOfRange: return "x = 1e300\nx * x"
        case .builtinFailed: return "ln(0)"
        case .assertionFailed: return "assert 1 GB > 2 GB, \"too small\""
        case .recursionTooDeep: return "fn f(n) = f(n + 1)\nf(1)"
        case .lengthMismatch: return "[1, 2] + [1, 2, 3]"
        case .notEnoughData: return "fit(series([1] GB, start: 2026-01-01, step: 1 day))"
        case .badFile: return "load(\"missing.csv\")"
        case .noValue: return "r = runway(1 TB, 2 TB, 0 GB/month)\nr * 2 - r"
        case .importFailed: return "import \"missing.plan\""
        case .importPlacement: return "x = {\n  import \"a.plan\"\n  1\n}"
        case .nestedTooDeeply, .interrupted, .importCycle, .metricsUnreachable, .prometheusError, .noData,
            .snapshotMismatch, .toolFailed:
            return nil
        }
    }

    /// When a diagnostic without an example plan happens.
    public var situation: String? {
        switch self {
        case .nestedTooDeeply: return "An expression nested more than 1,000 levels deep (`((((...))))`)."
        case .interrupted: return "Ctrl-C at the prompt while an entry runs; nothing from the entry is kept."
        case .importCycle: return "A file that imports itself, directly or through others, or imports 64 deep."
        case .metricsUnreachable:
            return
                "`query(...)` with no `--prometheus`, `HEADROOM_PROMETHEUS_URL` or `connect(...)`, or a server that does not answer."
        case .prometheusError:
            return "Prometheus refuses the PromQL (`bad_data`), or answers with something that is not its API's JSON."
        case .noData:
            return
                "`assess()` when the server has none of the exporters' metrics. (A query that matches no series is not an error: it gives an empty table.)"
        case .snapshotMismatch: return "`replay(...)` of a snapshot recorded without this query (or range)."
        case .toolFailed:
            return "`kubectl` or `ceph` exits with an error, times out, or prints something that is not its JSON."
        default: return nil
        }
    }
}

/// Writes `docs/errors.md`: every code, what it means, and an example with the error it gives.
public enum ErrorDocs {
    public static func markdown(_ registry: BuiltinRegistry) -> String {
        var out = "# Errors\n\n"
        out +=
            "<!-- Generated from DiagnosticCode by `HEADROOM_RECORD=1 swift test --filter Docs`. Do not edit. -->\n\n"
        out += """
            Every error Headroom reports has a stable code, shown as `error[E0301]` and given as `code` in
            `--json` output. The first digit after `E` says which stage found it: 1 the parser, 2 names,
            3 dimensions, 4 types (all before anything runs), 5 running, 6 imports, 7 metric sources.
            Each example below is run by the tests.


            """
        for code in DiagnosticCode.allCases {
            out += "## \(code.rawValue): \(code.title)\n\n"
            if let example = code.example {
                out += "```\n\(example)\n```\n\ngives\n\n```\n\(rendered(example, registry))```\n\n"
            } else if let s = code.situation {
                out += "\(s)\n\n"
            }
        }
        return out
    }

    /// The diagnostics an example gives, as the terminal shows them (no colour).
    public static func rendered(_ example: String, _ registry: BuiltinRegistry) -> String {
        let (session, diagnostics) = run(example, registry)
        return DiagnosticRenderer(sources: session.sources).render(Array(diagnostics.prefix(1)))
    }

    public static func run(_ example: String, _ registry: BuiltinRegistry) -> (Session, [Diagnostic]) {
        withLargeStack {
            let host = MemoryHost(now: CivilDate.daysFromCivil(2026, 11, 29) * 86_400)
            let session = Session(host: host, builtins: registry, stackBudget: 64 << 20)
            do { try session.run(SourceFile(name: "example.plan", text: example)) } catch let error as DiagnosticList {
                return (session, error.diagnostics)
            } catch {
                return (session, [])
            }
            return (session, [])
        }
    }
}
