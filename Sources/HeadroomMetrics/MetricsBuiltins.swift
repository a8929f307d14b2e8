import Foundation
import HeadroomCore

/// connect, query, query_range, replay.
public enum MetricsBuiltins {
    // What a query returns (a number, a series, a table of labelled values) is the server's
    // answer: the checker knows its dimension when `unit:` gives it (`ResultType.measured`), and
    // its shape is checked when it arrives.

    typealias P = Parameter

    /// Registers the metrics builtins. `initial` is the source a session starts with (from
    /// flags and environment); the session's state holds the current one.
    public static func register(into r: BuiltinRegistry, context initial: MetricsContext) {
        Assess.register(into: r, context: initial)
        KubernetesCeph.register(into: r, context: initial)
        Command.register(into: r, context: initial)
        KubeObjects.register(into: r, context: initial)
        r.register(
            Builtin(
                "connect",
                [P("url", .string), P("token_file", .string, optional: true), P("timeout", .duration, optional: true)],
                .nothing,
                summary: """
                    Uses the Prometheus-compatible server at `url` (Prometheus, Thanos, Mimir, VictoriaMetrics) \
                    for the queries that follow. `token_file:` sends its contents as a bearer token; \
                    `http://user:password@host` sends basic auth; `timeout:` (default 30 s) bounds each request.
                    """,
                example: "#! connect(\"http://127.0.0.1:9090\", timeout: 10 s)"
            ) { c throws(Diagnostic) in
                let text = try c.string(0)
                guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
                    url.host != nil
                else {
                    throw c.fail("not an http(s) URL: \(text)", 0)
                }
                var context = current(c, initial)
                context.connect(url)
                if c.has(1) {
                    let path = SystemPaths.resolve(try c.string(1), relativeTo: c.fileName)
                    do { try context.useTokenFile(path) } catch let e as TransportError {
                        throw c.fail(e.message, 1)
                    } catch { throw c.fail("\(error)", 1) }
                }
                if c.has(2) {
                    let t = try c.duration(2)
                    guard t > 0, t <= 86_400 else { throw c.fail("the timeout must be positive and at most a day", 2) }
                    context.timeout = t
                }
                store(context, c)
                return .nothing
            })

        r.register(
            Builtin(
                "query",
                [P("promql", .string), P("at", .date, default: "now"), P("unit", .quantity(nil), optional: true)],
                .measured("unit"),
                summary: """
                    A PromQL instant query, at `at` (default now). One series gives a quantity; several, a \
                    table of their labels and `value`; a scalar, a number. Units follow the metric's name \
                    (`_bytes`, `_seconds`, `_ratio`, `_percent`); `unit:` says what the numbers are in.
                    """,
                example: "#! query('node_memory_MemAvailable_bytes{instance=\"k8s-1:9100\"}')"
            ) { c throws(Diagnostic) in
                let promql = try c.string(0)
                var client = client(c, initial)
                defer { store(client.context, c) }
                let at = c.has(1) ? try c.date(1) : client.context.now(c.interpreter.host)
                let explicit: UnitProduct? = c.has(2) ? try c.quantity(2).unit : nil
                let result: PrometheusClient.Result
                do { result = try client.query(promql, at: at) } catch let e as PrometheusClient.Failure {
                    throw c.fail(e.code, e.message, 0)
                } catch { throw c.fail("\(error)", 0) }
                switch result {
                case .scalar(let v, _): return .quantity(Quantity(explicit?.toBase(v) ?? v, explicit ?? .none))
                case .string(let s): return .string(s)
                case .vector(let samples):
                    // No series matched: an empty table, as Prometheus answers, so an alert-style
                    // expression that is not firing can be tested (`len(query('...')) == 0`).
                    guard !samples.isEmpty else { return .list([]) }
                    let values = samples.map { s in
                        quantity(
                            s.value, name: s.labels.first { $0.0 == "__name__" }?.1 ?? MetricNames.selectorName(promql),
                            explicit: explicit, c)
                    }
                    let unit = displayUnit(values.map(\.base), values[0].unit, c)
                    if samples.count == 1 { return .quantity(Quantity(base: values[0].base, unit: unit)) }
                    return .list(
                        zip(samples, values).map { s, q in
                            .record(
                                Record(
                                    s.labels.filter { $0.0 != "__name__" }.map {
                                        (name: $0.0, value: Value.string($0.1))
                                    }
                                        + [(name: "value", value: .quantity(Quantity(base: q.base, unit: unit)))]))
                        })
                case .matrix:
                    throw c.fail("\(promql) is a range selector; use query_range(...) for a series", 0)
                }
            })

        r.register(
            Builtin(
                "query_range",
                [
                    P("promql", .string), P("last", .duration, optional: true), P("step", .duration, optional: true),
                    P("from", .date, optional: true), P("to", .date, default: "now"),
                    P("unit", .quantity(nil), optional: true),
                ], .measured("unit"),
                summary: """
                    A PromQL range query: `last: 30 days` up to now (or `to:`), or `from:`/`to:` dates, every \
                    `step` (default: about 1000 points, at least 1 minute). One series gives a series; several, \
                    a table of their labels and `series`. Ranges past Prometheus's 11,000 points per series \
                    are fetched in parts and joined. NaN and infinite samples are left out.
                    """,
                example: "#! fit(query_range('ceph_cluster_total_used_bytes', last: 30 days, step: 1 h)).slope"
            ) { c throws(Diagnostic) in
                let promql = try c.string(0)
                var client = client(c, initial)
                defer { store(client.context, c) }
                let end = c.has(4) ? try c.date(4) : client.context.now(c.interpreter.host)
                let start: Int64
                if c.has(3) {
                    start = try c.date(3)
                } else if c.has(1) {
                    let last = try c.duration(1)
                    guard last > 0, last < 1e13 else { throw c.fail("last: must be a positive duration", 1) }
                    start = end - Int64(last)
                } else {
                    throw c.fail("give last: (a duration) or from: (a date)", nil)
                }
                guard start < end else { throw c.fail("the range must start before it ends", c.has(3) ? 3 : 1) }
                var step = max(60, ((end - start) / 1000 + 59) / 60 * 60)
                if c.has(2) {
                    let s = try c.duration(2)
                    guard s >= 1, s < 1e13 else { throw c.fail("the step must be at least a second", 2) }
                    step = Int64(s)
                }
                let explicit: UnitProduct? = c.has(5) ? try c.quantity(5).unit : nil
                let ranges: [PrometheusClient.Range]
                do { ranges = try client.queryRange(promql, start: start, end: end, step: step) } catch let
                    e as PrometheusClient.Failure
                {
                    throw c.fail(e.code, e.message, 0)
                } catch { throw c.fail("\(error)", 0) }
                guard !ranges.isEmpty else { return .list([]) }
                let series: [Series] = ranges.map { r in
                    let name = r.labels.first { $0.0 == "__name__" }?.1 ?? MetricNames.selectorName(promql)
                    let q = quantity(1, name: name, explicit: explicit, c)
                    var times = r.times, values = r.values  // shared, not copied, when all is well
                    if !values.allSatisfy(\.isFinite) {
                        let keep = r.values.indices.filter { r.values[$0].isFinite }
                        times = keep.map { r.times[$0] }
                        values = keep.map { r.values[$0] }
                    }
                    if q.base != 1 { for i in values.indices { values[i] *= q.base } }
                    return Series(times: times, values: values, unit: displayUnit(values, q.unit, c), name: name)
                }
                if series.count == 1 {
                    // Where it came from, for alert rules that watch the same query.
                    var one = series[0]
                    one.origin = Series.Origin(
                        query: promql, range: end - start, step: step,
                        scale: quantity(1, name: one.name, explicit: explicit, c).base)
                    return .series(one)
                }
                return .list(
                    zip(ranges, series).map { r, s in
                        .record(
                            Record(
                                r.labels.filter { $0.0 != "__name__" }.map { (name: $0.0, value: Value.string($0.1)) }
                                    + [(name: "series", value: .series(s))]))
                    })
            })

        r.register(
            Builtin(
                "replay", [P("path", .string)], .nothing,
                summary: """
                    Answers every metrics request in this plan from a snapshot file written by \
                    `headroom --record FILE.json`, with no network, so the plan gives the same result \
                    anywhere. Relative queries (`last: 30 days`) end at the time the snapshot was recorded. \
                    Under `--record` it does nothing, so recording refreshes the snapshot from the live server.
                    """,
                example: "#! replay('anton-snapshot.json')"
            ) { c throws(Diagnostic) in
                let path = try c.string(0)
                // `headroom --record` refreshes a pinned snapshot: the plan then asks the live server.
                var context = current(c, initial)
                if context.mode == .recording { return .nothing }
                let file: (name: String, bytes: [UInt8])
                do { file = try c.interpreter.host.load(path, from: c.fileName) } catch let e as HostError {
                    throw c.fail("cannot read the snapshot \"\(path)\": \(e.message)", 0)
                } catch { throw c.fail("cannot read the snapshot \"\(path)\"", 0) }
                do { context.startReplaying(try Snapshot.decode(Data(file.bytes)), name: path) } catch let e
                    as TransportError
                {
                    throw c.fail(.badFile, "\(path): \(e.message)", 0)
                } catch { throw c.fail(.badFile, "\(path): \(error)", 0) }
                store(context, c)
                return .nothing
            })
    }

    /// A client over the session's current source (or `initial`, before any connect/replay).
    static func client(_ c: BuiltinCall, _ initial: MetricsContext) -> PrometheusClient {
        let host = c.interpreter.host
        return PrometheusClient(context: current(c, initial), cancelled: { host.isCancelled() })
    }

    /// The session's metrics source: what `connect`/`replay` last set, else the flags' one.
    static func current(_ c: BuiltinCall, _ initial: MetricsContext) -> MetricsContext {
        c.interpreter.state.extensions[MetricsContext.stateKey] as? MetricsContext ?? initial
    }

    static func store(_ context: MetricsContext, _ c: BuiltinCall) {
        c.interpreter.state.extensions[MetricsContext.stateKey] = context
    }

    /// The metrics source a session's state holds, if a plan changed or used it.
    public static func context(in state: SessionState) -> MetricsContext? {
        state.extensions[MetricsContext.stateKey] as? MetricsContext
    }

    /// A raw sample value as a quantity: in the unit `unit:` gave, or the one the metric's
    /// name implies, or a plain number.
    static func quantity(_ raw: Double, name: String?, explicit: UnitProduct?, _ c: BuiltinCall) -> Quantity {
        if let explicit { return Quantity(base: explicit.toBase(raw), unit: explicit) }
        if let name, let u = MetricNames.unit(forName: name, c.interpreter.state.units) {
            return Quantity(base: raw * MetricNames.scale(forName: name), unit: u)
        }
        return .number(raw)
    }

    /// Bytes read best in the largest binary unit that keeps the biggest value at least 1.
    static func displayUnit(_ bases: [Double], _ unit: UnitProduct, _ c: BuiltinCall) -> UnitProduct {
        // Bytes, or bytes per time (`unit: B/s`): the bytes get a binary prefix.
        guard let first = unit.factors.first, first.atom.symbol == "B", first.power == 1,
            unit.factors.dropFirst().allSatisfy({ $0.atom.dimension == Dimension(base: "Time") && $0.power == -1 })
        else {
            return unit
        }
        let per = Array(unit.factors.dropFirst())
        let scale = per.reduce(1.0) { $0 / Double.pow10n($1.atom.factor, $1.power) }
        let biggest = bases.map(abs).filter(\.isFinite).max() ?? 0
        var chosen = "B"
        for (name, size) in [
            ("KiB", 1024.0), ("MiB", 1048576.0), ("GiB", 1073741824.0), ("TiB", 1099511627776.0),
            ("PiB", 1125899906842624.0),
        ] where biggest * scale >= size { chosen = name }
        return UnitProduct([(c.atom(chosen), 1)] + per)
    }
}

/// Path helpers for files named in plans.
enum SystemPaths {
    static func resolve(_ path: String, relativeTo from: String) -> String {
        if path.hasPrefix("/") || from.hasPrefix("<") { return path }
        guard let slash = from.lastIndex(of: "/") else { return path }
        return String(from[...slash]) + path
    }
}

extension Double {
    /// `x` to the integer power `n` (unit factors raised to their powers).
    static func pow10n(_ x: Double, _ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(n) { r *= x }
        return n < 0 ? 1 / r : r
    }
}
