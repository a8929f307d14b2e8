import Foundation
import Testing
import Yams

/// examples/kubernetes/capacity-report-cronjob.yaml parses and has what the CronJob API
/// requires (batch/v1: schedule, a job template whose pod has containers with a name and an
/// image, restartPolicy Never or OnFailure), and what the weekly report needs: the token as a
/// file from a read-only Secret, never an environment variable's value; every mount backed by
/// a volume.
@Suite("The CronJob example")
struct CronJobTests {
    @Test func theCronJobIsComplete() throws {
        let text = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("examples/kubernetes/capacity-report-cronjob.yaml"),
            encoding: .utf8)
        let doc = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(doc["apiVersion"] as? String == "batch/v1")
        #expect(doc["kind"] as? String == "CronJob")
        let meta = try #require(doc["metadata"] as? [String: Any])
        #expect((meta["name"] as? String).map { !$0.isEmpty && $0.count <= 52 } == true)
        let spec = try #require(doc["spec"] as? [String: Any])
        let schedule = try #require(spec["schedule"] as? String)
        #expect(schedule.split(separator: " ").count == 5, "\(schedule)")
        let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
        let pod = try #require((job["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String ?? ""))
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        let c = containers[0]
        #expect(c["name"] as? String == "headroom")
        #expect((c["image"] as? String)?.isEmpty == false)
        let script = (c["args"] as? [String])?.joined() ?? ""
        #expect(script.contains("headroom run weekly.plan --quiet --report /reports/latest.json"))
        #expect(script.contains("--alerts /reports/headroom-rules.yaml"))
        let env = c["env"] as? [[String: Any]] ?? []
        #expect(env.contains { $0["name"] as? String == "HEADROOM_PROMETHEUS_TOKEN_FILE" })
        #expect(
            !env.contains {
                ($0["name"] as? String ?? "").contains("TOKEN")
                    && $0["name"] as? String != "HEADROOM_PROMETHEUS_TOKEN_FILE"
            })
        let volumes = (pod["volumes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for mount in c["volumeMounts"] as? [[String: Any]] ?? [] {
            #expect(volumes.contains(mount["name"] as? String ?? ""), "\(mount)")
        }
        let token = (c["volumeMounts"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "token" }
        #expect(token?["readOnly"] as? Bool == true)
        let secret = (pod["volumes"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "token" }?["secret"]
        #expect((secret as? [String: Any])?["secretName"] as? String == "headroom-prometheus-token")
    }
}
