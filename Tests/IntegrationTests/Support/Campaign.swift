import Foundation
import Kafka
import Logging
import Synchronization
import NewsWorker
import TestSupport
import Testing

/// How big the campaign runs: bounded for CI by default, the issue's full size with `NEWSWORKER_CAMPAIGN=long`.
enum CampaignScale {
    static let isLong = ProcessInfo.processInfo.environment["NEWSWORKER_CAMPAIGN"] == "long"

    static func pick<T>(ci: T, long: T) -> T { isLong ? long : ci }
}

/// One scenario of the campaign: a `dev-broker` process with its own topics, real worker processes, faults,
/// and `newsworker audit --json` as the oracle at the end.
final class CampaignRun {
    let name: String
    let topics: WorkerProcess.Topics
    let group: String
    let broker: DevBroker
    let client: TopicClient
    /// Worker settings every process of the scenario shares (the audit reads the same configuration).
    let environment: [String: String]
    let progress: GroupProgress
    private(set) var recoveries: [(fault: String, seconds: Double?)] = []
    private(set) var produced = 0
    private let started = ContinuousClock.now

    /// Settings for scenarios where members come, go, die or stall: a 6 s session timeout (instead of 45 s)
    /// so that a dead member's partitions move within the CI budget, and a 10 s `max.poll.interval.ms`
    /// (instead of 300 s) that a stalled member overruns. The 2.0.2 mock reads no rebalance timeout: after a
    /// membership change it waits the session timeout minus 1 s (5 s here) for the members to rejoin, then
    /// elects a leader among the members it has, joined or not (`rdkafka_mock_cgrp.c`).
    static let shortSession = [
        "NEWSWORKER_RDKAFKA_SESSION_TIMEOUT_MS": "6000",
        "NEWSWORKER_RDKAFKA_MAX_POLL_INTERVAL_MS": "10000",
    ]

    init(_ name: String, brokers: Int = 1, partitions: Int, environment: [String: String] = [:]) async throws {
        self.name = name
        topics = WorkerProcess.Topics(input: "\(name).raw", output: "\(name).enriched", dlq: "\(name).dlq")
        group = "g-\(name)"
        broker = try await DevBroker(brokers: brokers, partitions: partitions, topics: [topics.input, topics.output, topics.dlq])
        client = TopicClient(brokers: broker.bootstrap)
        self.environment = environment
        progress = GroupProgress(brokers: broker.bootstrap, group: group, input: topics.input, partitions: partitions)
    }

    /// Starts a worker of the scenario's group.
    func worker(_ id: String) throws -> WorkerProcess {
        try WorkerProcess(brokers: broker.bootstrap, group: group, topics: topics, id: id, environment: environment)
    }

    /// Produces inputs (every acknowledgement awaited).
    func produce(_ messages: [KafkaProducerMessage]) async throws {
        try await client.produce(messages)
        produced += messages.count
    }

    /// Copies of the seed articles, each a new near-duplicate under its own key.
    func articles(_ range: Range<Int>) throws -> [KafkaProducerMessage] {
        WorkerIntegrationTests.copies(range, of: try WorkerIntegrationTests.seedMessages(topic: topics.input), prefix: name, update: "Dépêche numéro")
    }

    /// Waits until the group has committed at least `count` inputs.
    func waitForCommitted(atLeast count: Int64, timeout: Duration = .seconds(180)) async throws {
        let deadline = ContinuousClock.now + timeout
        var last: Result<GroupProgress.Snapshot, any Error> = .failure(TestFailure("not asked"))
        while ContinuousClock.now < deadline {
            do {
                last = .success(try await progress.snapshot())
                if try last.get().committedTotal >= count { return }
            } catch {
                last = .failure(error)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("\(name): fewer than \(count) inputs committed within \(timeout); last answer: \(last)")
    }

    /// Where the recovery clock starts: when the fault ends (broker back, worker restarted), or when it
    /// began (a stalled member, whose partitions should move to the others while it is stalled).
    enum RecoveryClock { case faultStart, faultEnd }

    /// Runs `inject` (the fault, from start to end) and measures the recovery: until every input partition
    /// that had inputs left before the fault has committed further (or reached the end). Recorded for the report.
    func measureRecovery(of fault: String, from clock: RecoveryClock = .faultEnd, timeout: Duration = .seconds(120), _ inject: () async throws -> Void) async throws {
        let baseline = try await progress.snapshot(retryingFor: .seconds(30))
        let start = ContinuousClock.now
        let progress = self.progress
        async let moved = progress.waitForEveryPartitionToMove(from: baseline, timeout: timeout)
        try await inject()
        let end = ContinuousClock.now
        let seconds = try await moved.map { max(0, Double(($0 - (clock == .faultStart ? start : end)).milliseconds) / 1000) }
        recoveries.append((fault, seconds))
        print("[campaign] \(name): \(fault): recovered in \(seconds.map { String(format: "%.1f s", $0) } ?? "NOT within \(timeout)")")
    }

    /// Runs `newsworker audit --json` with the workers' configuration, waiting up to `wait` for pending inputs.
    func audit(wait: Duration = .seconds(240)) async throws -> (status: Int32, report: AuditReport) {
        let audit = try ChildProcess(
            ["audit", "--json", "--wait", String(wait.components.seconds), "--brokers", broker.bootstrap, "--group", group,
             "--input-topic", topics.input, "--output-topic", topics.output, "--dlq-topic", topics.dlq],
            environment: environment, name: "audit-\(name)"
        )
        let status = try await audit.waitForExit(timeout: wait + .seconds(120))
        guard status == 0 || status == 1, let report = try? AuditReport(json: Data(audit.stdout.utf8)) else {
            throw TestFailure("audit exited \(status): \(audit.stderr.suffix(3000))")
        }
        return (status, report)
    }

    /// The oracle: audits, prints the scenario's numbers, and expects nothing missing, invented or changed,
    /// every verdict the log's, nothing pending, nothing dropped by the broker.
    @discardableResult
    func auditAndReport(expectedInputs: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AuditReport {
        let (status, report) = try await audit()
        let summary = CampaignSummary(scenario: name, report: report, recoveries: recoveries, seconds: Double((ContinuousClock.now - started).milliseconds) / 1000)
        summary.print()
        if !report.isClean { print(report.table) }
        #expect(status == 0, "audit exit status", sourceLocation: sourceLocation)
        #expect(report.totals.inputs == expectedInputs ?? produced, "inputs audited", sourceLocation: sourceLocation)
        #expect(report.totals.missing == 0, "missing: \(report.examples.missing)", sourceLocation: sourceLocation)
        #expect(report.totals.pending == 0, "pending", sourceLocation: sourceLocation)
        #expect(report.invented == 0, "invented: \(report.examples.invented)", sourceLocation: sourceLocation)
        #expect(report.changed == 0, "changed: \(report.examples.changed)", sourceLocation: sourceLocation)
        #expect(report.verdictsChecked && report.verdictMismatches == 0, "verdicts: \(report.examples.verdictMismatches)", sourceLocation: sourceLocation)
        // The mock keeps ~5 MB per partition and silently drops older data: nothing may have been dropped.
        #expect(report.partitions.allSatisfy { $0.lowWatermark == 0 } && report.beyondRetention == 0, "input dropped by the broker", sourceLocation: sourceLocation)
        #expect(recoveries.allSatisfy { $0.seconds != nil }, "every fault recovered from", sourceLocation: sourceLocation)
        return report
    }

    func stop(_ workers: [WorkerProcess]) async {
        for worker in workers { await worker.child.stop() }
        await broker.stop()
    }
}

/// One line of the campaign's results, printed in the test output (and appended as a Markdown table row
/// to `$NEWSWORKER_CAMPAIGN_SUMMARY` when set).
struct CampaignSummary {
    let scenario: String
    let report: AuditReport
    let recoveries: [(fault: String, seconds: Double?)]
    let seconds: Double

    var markdownRow: String {
        let totals = report.totals
        let recovery = recoveries.isEmpty ? "-" : recoveries.map { "\($0.fault) \($0.seconds.map { String(format: "%.1f s", $0) } ?? "none")" }.joined(separator: "; ")
        let cells: [String] = [
            scenario, String(totals.inputs), String(report.outputRecords), "\(totals.emittedMoreThanOnce) (+\(totals.extraEmissions))",
            String(report.deadLetterRecords), String(totals.missing), String(report.invented), String(report.changed),
            String(report.verdictMismatches), recovery, String(format: "%.0f s", seconds),
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    func print() {
        Swift.print("[campaign] | scenario | inputs | output records | re-emitted inputs (extra records) | DLQ | missing | invented | changed | verdict mismatches | recovery after each fault | wall time |")
        Swift.print("[campaign] \(markdownRow)")
        guard let path = ProcessInfo.processInfo.environment["NEWSWORKER_CAMPAIGN_SUMMARY"] else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data((markdownRow + "\n").utf8))
            try? handle.close()
        }
    }
}

/// The worker group's committed offsets and the input's ends, asked without joining the group.
final class GroupProgress: Sendable {
    struct Snapshot: Sendable {
        var committed: [KafkaTopicPartition: Int64]
        var ends: [KafkaTopicPartition: Int64]
        var committedTotal: Int64 { committed.values.reduce(0, +) }
    }

    private let configuration: KafkaConsumerConfiguration
    private let partitions: [KafkaTopicPartition]
    private let logger: Logger = {
        var logger = Logger(label: "campaign")
        logger.logLevel = .warning
        return logger
    }()

    init(brokers: String, group: String, input: String, partitions: Int) {
        var configuration = KafkaConsumerConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: brokers.split(separator: ",").map(String.init), clientID: "campaign"), groupID: group
        )
        configuration.commitStrategy = .manual
        self.configuration = configuration
        self.partitions = (0..<partitions).map { KafkaTopicPartition(topic: input, partition: KafkaPartition(rawValue: Int32($0))) }
    }

    /// Asked with a new consumer each time, as `newsworker audit` asks: nothing of one answer (a
    /// coordinator, a cached offset) carries over to the next.
    /// The committed offsets and ends, or an error after 10 s: closing a consumer of the group was seen to
    /// hang while the group's coordinator was down (then the consumer is left behind, closing on its own).
    func snapshot() async throws -> Snapshot {
        let result: Result<Snapshot, any Error> = await withCheckedContinuation { continuation in
            let answer = FirstAnswer(continuation)
            Task {
                do { answer.give(.success(try await self.ask())) } catch { answer.give(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: .seconds(10))
                answer.give(.failure(TestFailure("no committed offsets within 10 s")))
            }
        }
        return try result.get()
    }

    private func ask() async throws -> Snapshot {
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        do {
            let committed = try await consumer.committed(partitions, timeout: .seconds(2))
            let ends = try await consumer.watermarks(of: partitions, timeout: .seconds(2))
            await consumer.close()
            return Snapshot(
                committed: Dictionary(committed.map { ($0.topicPartition, max(0, $0.offset.rawValue)) }) { $1 },
                ends: ends.mapValues(\.high.rawValue)
            )
        } catch {
            await consumer.close()
            throw error
        }
    }

    func snapshot(retryingFor timeout: Duration) async throws -> Snapshot {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                return try await snapshot()
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Polls until every partition that had inputs left at `baseline` has committed further; returns when,
    /// or `nil` after `timeout`. Resolution: the workers commit every second.
    func waitForEveryPartitionToMove(from baseline: Snapshot, timeout: Duration) async throws -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + timeout
        var waiting = Set(baseline.committed.filter { $0.value < (baseline.ends[$0.key] ?? 0) }.keys)
        var last: Result<Snapshot, any Error>?
        while ContinuousClock.now < deadline {
            do {
                let now = try await snapshot()
                last = .success(now)
                waiting = waiting.filter { (now.committed[$0] ?? 0) <= (baseline.committed[$0] ?? 0) }
                if waiting.isEmpty { return .now }
            } catch {
                last = .failure(error)
            }
            try await Task.sleep(for: .milliseconds(300))
        }
        print("[campaign] partitions that did not move: \(waiting.map(\.description).sorted()), from \(baseline.committed), last answer: \(String(describing: last))")
        return nil
    }

}

/// Resumes a continuation with the first result given; later ones are dropped.
final class FirstAnswer<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>
    init(_ continuation: CheckedContinuation<Value, Never>) { self.continuation = Mutex(continuation) }
    func give(_ value: Value) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
