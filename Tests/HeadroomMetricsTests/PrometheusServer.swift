import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking  // the fixture may; the product loads libcurl itself
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus (Debian's `prometheus` package) for the tests: started once on a free
/// loopback port, its history backfilled with `promtool tsdb create-blocks-from openmetrics`,
/// stopped when the test process exits.
final class PrometheusServer: @unchecked Sendable {
    let url: String
    let port: Int
    /// Time of the last backfilled sample (seconds): queries are made at this time.
    let end: Int64
    private let process: Process
    private let dir: URL

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Hourly samples of `headroom_test_used_bytes` (for predict_linear), 5-minute samples of
    /// `headroom_test_fine_bytes` (for more than 11,000 points), and a NaN/Inf series.
    static let shared: Result<PrometheusServer, Failure> = {
        do { return .success(try PrometheusServer()) } catch let f as Failure { return .failure(f) } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    static func get() throws -> PrometheusServer {
        switch shared {
        case .success(let s): return s
        case .failure(let f): throw f
        }
    }

    private init() throws {
        for tool in ["prometheus", "promtool"] where PrometheusServer.which(tool) == nil {
            throw Failure(description: "\(tool) is not installed: `make test` installs Debian's prometheus package")
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-prom-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        // Data ends 4 hours before now (backfill stays out of the head block's last 3 hours).
        let now = Int64(Date().timeIntervalSince1970)
        end = (now - 4 * 3600) / 3600 * 3600
        let metrics = dir.appendingPathComponent("history.om")
        try PrometheusServer.openMetrics(end: end).write(to: metrics, atomically: true, encoding: .utf8)
        try PrometheusServer.run(
            "promtool",
            [
                "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=2400h",
                metrics.path, dir.appendingPathComponent("data").path,
            ])
        let config = dir.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1m\nscrape_configs: []\n".write(to: config, atomically: true, encoding: .utf8)
        port = PrometheusServer.freePort()
        url = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: PrometheusServer.which("prometheus")!)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(dir.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=10y",
        ]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        PrometheusServer.pid = process.processIdentifier
        atexit { if PrometheusServer.pid > 0 { kill(PrometheusServer.pid, SIGTERM) } }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let data = try? Data(contentsOf: URL(string: "\(url)/-/ready")!),
                String(decoding: data, as: UTF8.self).contains("Ready")
            {
                return
            }
            usleep(200_000)
        }
        process.terminate()
        throw Failure(description: "Prometheus did not become ready on port \(port) within 60 s")
    }

    nonisolated(unsafe) static var pid: Int32 = 0

    /// The backfill: deterministic values, `# EOF` at the end, timestamps in seconds.
    static func openMetrics(end: Int64) -> String {
        var out = "# HELP headroom_test_used_bytes Used bytes, hourly.\n# TYPE headroom_test_used_bytes gauge\n"
        for (instance, base, slope) in [("a", 100e9, 0.55e9), ("b", 40e9, 0.1e9)] {
            for h in stride(from: 40 * 24, through: 0, by: -1) {
                let t = end - Int64(h) * 3600
                let x = Double(40 * 24 - h)
                let v = base + slope * x / 24 + 2e9 * sin(x * 2 * .pi / 24) + Double((h * 7919) % 1000) * 1e6
                out += "headroom_test_used_bytes{instance=\"\(instance)\"} \(v) \(t)\n"
            }
        }
        out += "# HELP headroom_test_fine_bytes Used bytes, every 5 minutes.\n# TYPE headroom_test_fine_bytes gauge\n"
        for k in stride(from: 12 * 24 * 12, through: 0, by: -1) {
            out += "headroom_test_fine_bytes \(1e9 + Double(12 * 24 * 12 - k) * 1e5) \(end - Int64(k) * 300)\n"
        }
        out += "# HELP headroom_test_odd Odd values.\n# TYPE headroom_test_odd gauge\n"
        for (k, v) in ["1", "NaN", "+Inf", "-Inf", "5"].enumerated() {
            out += "headroom_test_odd \(v) \(end - Int64(4 - k) * 3600)\n"
        }
        out += exporters(end: end)
        return out + "# EOF\n"
    }

    /// A little of what node_exporter, kube-state-metrics and ceph-mgr export, for assess():
    /// two nodes of 4 CPUs (idle counters every minute for the last 30 minutes, busy 25% and
    /// 50%), memory, allocatable and requested resources, and Ceph totals.
    static func exporters(end: Int64) -> String {
        var out =
            "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n"
        for (instance, idle) in [("n1:9100", 0.75), ("n2:9100", 0.5)] {
            for cpu in 0..<4 {
                for m in stride(from: 30, through: 0, by: -1) {
                    let t = end - Int64(m) * 60
                    out +=
                        "node_cpu_seconds_total{cpu=\"\(cpu)\",instance=\"\(instance)\",mode=\"idle\"} \(1000 + Double(30 - m) * 60 * idle) \(t)\n"
                }
            }
        }
        func gauge(_ name: String, _ series: [(String, Double)]) {
            out += "# HELP \(name) Test.\n# TYPE \(name) gauge\n"
            for (labels, v) in series {
                for m in stride(from: 30, through: 0, by: -5) {
                    out += "\(name){\(labels)} \(v) \(end - Int64(m) * 60)\n"
                }
            }
        }
        let gib = 1073741824.0
        gauge("node_memory_MemTotal_bytes", [("instance=\"n1:9100\"", 64 * gib), ("instance=\"n2:9100\"", 64 * gib)])
        gauge(
            "node_memory_MemAvailable_bytes", [("instance=\"n1:9100\"", 24 * gib), ("instance=\"n2:9100\"", 40 * gib)])
        gauge(
            "kube_node_status_allocatable",
            [
                ("node=\"n1\",resource=\"cpu\"", 3.9), ("node=\"n2\",resource=\"cpu\"", 3.9),
                ("node=\"n1\",resource=\"memory\"", 62 * gib), ("node=\"n2\",resource=\"memory\"", 62 * gib),
            ])
        gauge(
            "kube_pod_container_resource_requests",
            [
                ("node=\"n1\",pod=\"a\",resource=\"cpu\"", 1.5),
                ("node=\"n1\",pod=\"a\",resource=\"memory\"", 8 * gib),
            ])
        gauge("ceph_cluster_total_bytes", [("", 6e12)])
        gauge("ceph_cluster_total_used_bytes", [("", 3 * 116 * gib)])
        // Network counters every minute: n1's eth0 receives 12.5 MB/s (100 Mbit/s) and sends
        // 2.5 MB/s on a 1 Gbit/s link; loopback and a veth carry more, and must not count.
        out +=
            "# HELP node_network_receive_bytes_total Bytes received.\n# TYPE node_network_receive_bytes_total counter\n"
        out +=
            "# HELP node_network_transmit_bytes_total Bytes sent.\n# TYPE node_network_transmit_bytes_total counter\n"
        var receive = "", transmit = ""
        for (device, rx, tx) in [("eth0", 12.5e6, 2.5e6), ("lo", 1e9, 1e9), ("veth1a2b3c", 50e6, 50e6)] {
            for m in stride(from: 30, through: 0, by: -1) {
                let t = end - Int64(m) * 60, k = Double(30 - m) * 60
                receive +=
                    "node_network_receive_bytes_total{device=\"\(device)\",instance=\"n1:9100\"} \(1e9 + rx * k) \(t)\n"
                transmit +=
                    "node_network_transmit_bytes_total{device=\"\(device)\",instance=\"n1:9100\"} \(1e9 + tx * k) \(t)\n"
            }
        }
        out = out.replacingOccurrences(
            of: "# HELP node_network_transmit_bytes_total",
            with: receive + "# HELP node_network_transmit_bytes_total")
        out += transmit
        gauge("node_network_speed_bytes", [("device=\"eth0\",instance=\"n1:9100\"", 125e6)])
        return out
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return nil
    }

    static func run(_ tool: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: which(tool)!)
        p.arguments = args
        let log = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = log
        p.standardError = log
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw Failure(description: "\(tool) \(args.joined(separator: " ")) failed") }
    }

    /// A port the kernel says is free on 127.0.0.1.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Prometheus's own answer to an instant query at `end`, as JSON.
    func instant(_ promql: String) throws -> [String: Any] {
        var c = URLComponents(string: "\(url)/api/v1/query")!
        c.queryItems = [URLQueryItem(name: "query", value: promql), URLQueryItem(name: "time", value: String(end))]
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let data = try Data(contentsOf: c.url!)
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}
