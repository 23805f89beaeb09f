import Foundation
import TestSupport
import Testing

/// Static group membership on a broker that honours it (Tansu; the 2.0.2 mock cluster ignores
/// `group.instance.id`): a worker killed with SIGKILL and restarted under the same id takes its partitions
/// back without waiting out the session timeout. Needs what ``TansuInteropTests`` needs.
@Suite(
    .serialized, .timeLimit(.minutes(10)),
    .enabled(if: ProcessInfo.processInfo.environment["NEWSWORKER_SKIP_TANSU"] != "1", "NEWSWORKER_SKIP_TANSU=1")
)
struct StaticMembershipTests {
    /// Measured on Tansu 0.6.0: back in 26 s (a first join takes as long there) with static membership,
    /// 83 s without (the 45 s session timeout, then a rebalance).
    @Test func restartedWorkerTakesItsPartitionsBackBeforeTheSessionTimeout() async throws {
        let tansu = try await TansuFixture.start()
        defer { tansu.kill() }
        let topics = WorkerProcess.Topics(input: "static.raw", output: "static.enriched", dlq: "static.dlq")
        try await tansu.createTopics([topics.input, topics.output, topics.dlq], partitions: 4)
        let environment = ["NEWSWORKER_KAFKA_STATIC_MEMBERSHIP": "true"]

        let first = try tansu.worker(group: "g-static", topics: topics, id: "w1", environment: environment)
        defer { if first.child.process.isRunning { first.child.signal(SIGKILL) } }
        try await first.waitFor("/readyz", status: 200, timeout: .seconds(120))
        first.child.signal(SIGKILL)
        _ = try await first.child.waitForExit(timeout: .seconds(10))

        let restart = ContinuousClock.now
        let again = try tansu.worker(group: "g-static", topics: topics, id: "w1", environment: environment)
        defer { if again.child.process.isRunning { again.child.signal(SIGKILL) } }
        try await again.waitFor("/readyz", status: 200, timeout: .seconds(120))
        let took = ContinuousClock.now - restart
        #expect(took < .seconds(45), "partitions back after \(took): the session timeout (45 s) was waited out")
        again.child.signal(SIGTERM)
        #expect(try await again.child.waitForExit(timeout: .seconds(40)) == 0)
        try await tansu.stop()
    }
}
