import Crypto
import Foundation
import Kafka
import TestSupport
import Testing

/// No message wedges a partition, shutdown is bounded, `/healthz` sees a stuck publisher: `newsworker run`
/// processes against `newsworker dev-broker` processes, with real signals.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WorkerRobustnessTests {
    /// A worker that gets `grace` seconds to stop and is unhealthy after `stall` seconds without progress.
    static func worker(_ broker: DevBroker, _ topics: WorkerProcess.Topics, group: String, grace: Int = 6, stall: Int = 3, environment: [String: String] = [:]) throws -> WorkerProcess {
        var env = ["NEWSWORKER_WORKER_SHUTDOWN_GRACE_SECONDS": "\(grace)", "NEWSWORKER_WORKER_STALL_SECONDS": "\(stall)"]
        env.merge(environment) { $1 }
        return try WorkerProcess(brokers: broker.bootstrap, group: group, topics: topics, environment: env)
    }

    /// Produces messages larger than the default `message.max.bytes` (the test client's limit is 16 MB).
    static func produceLarge(_ messages: [KafkaProducerMessage], to broker: DevBroker) async throws {
        var kafka = TopicClient(brokers: broker.bootstrap).kafka
        kafka.properties["message.max.bytes"] = String(16 << 20)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: TopicClient(brokers: broker.bootstrap).logger)
        let reports = try await producer.produce(messages)
        await producer.shutdown()
        let failures = reports.compactMap(\.error)
        guard failures.isEmpty else { throw TestFailure("produce failed: \(failures.prefix(3))") }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// A 2 MB one-line input passes the parser (8 MB) but its record exceeds the producer's
    /// `message.max.bytes` (1,000,000): it goes to the dead letters, truncated (the original is too large
    /// too) with its size and SHA-256, and the messages behind it on its partition come out. A record that
    /// is too large while its input is not goes to the dead letters with the original bytes. Random binary
    /// is dead-lettered as `binary`.
    @Test func oversizedRecordsAreDeadLetteredAndThePartitionMovesOn() async throws {
        let topics = WorkerIntegrationTests.topics("oversized")
        let broker = try await DevBroker(partitions: 1, topics: [topics.input, topics.output, topics.dlq])
        let seeds = try WorkerIntegrationTests.seedMessages(topic: topics.input)
        let huge = Array(repeating: UInt8(ascii: "a"), count: 2_000_000)
        let seed = try Seeds.file("000").bytes
        var article = seed
        while article.count < 150_000 { article += Array("\n\n".utf8) + seed }
        // The 151 kB article's record is 199 kB (body, lead, boilerplate, entities...): with records of
        // 171 kB at most, its dead letter fits but its record does not.
        let limit = article.count + 20_000
        let worker = try Self.worker(broker, topics, group: "g-oversized", environment: ["NEWSWORKER_RDKAFKA_MESSAGE_MAX_BYTES": "\(limit)"])
        try await worker.waitFor("/readyz", status: 200)
        var generator = SystemRandomNumberGenerator()
        let binary = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var messages = [
            KafkaProducerMessage(topic: topics.input, key: Array("huge".utf8), value: huge),
            KafkaProducerMessage(topic: topics.input, key: Array("long".utf8), value: article),
            KafkaProducerMessage(topic: topics.input, key: Array("noise".utf8), value: binary),
        ]
        messages += WorkerIntegrationTests.copies(0..<5, of: seeds, prefix: "after", update: "Suite")
        try await Self.produceLarge(messages, to: broker)

        let outputs = try await Self.client(broker).read(topics.output, count: 5, timeout: .seconds(60), settle: .seconds(1))
        #expect(Set(outputs.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }) == Set((0..<5).map { "after-\($0)" }))
        let letters = try await Self.client(broker).read(topics.dlq, count: 3, timeout: .seconds(30), settle: .seconds(1))
        let byKey = Dictionary(letters.map { (String(decoding: $0.key ?? [], as: UTF8.self), $0) }) { first, _ in first }
        #expect(letters.count == 3)

        let truncated = try #require(byKey["huge"])
        #expect(truncated.header("error.reason") == "record_too_large")
        #expect(truncated.header("error.stage") == "produce")
        #expect(truncated.header("source.offset") == "0")
        #expect(truncated.header("source.value_truncated") == "true")
        #expect(truncated.header("source.value_size") == "2000000")
        #expect(truncated.header("source.value_sha256") == Self.hex(huge))
        let prefix = truncated.value == Array(huge.prefix(truncated.value.count))
        #expect(prefix && truncated.value.count == 64 * 1024)

        let whole = try #require(byKey["long"])
        #expect(whole.header("error.reason") == "record_too_large")
        #expect(whole.header("source.value_truncated") == nil)
        let original = whole.value == article
        #expect(original, "the dead letter carries the original bytes (\(whole.value.count) of \(article.count))")

        #expect(byKey["noise"]?.header("error.reason") == "binary")
        #expect(await worker.metric("newsworker_messages_dead_lettered_total", where: "reason=\"record_too_large\"") == 2)
        #expect(await worker.get("/healthz").status == 200)
        await worker.child.stop()
        await broker.stop()
    }

    /// The broker refuses every produce request (INVALID_RECORD, which librdkafka does not retry): the
    /// fingerprints for the shared log never land, so the publisher waits for verdicts with outputs
    /// pending: `/healthz` turns 503 after `worker.stall_seconds` (the broker still answers: `/readyz`
    /// stays 200). SIGTERM then stops the worker with status 0 within `worker.shutdown_grace_seconds`.
    @Test func stuckPublisherIsUnhealthyAndSigtermStillExitsZero() async throws {
        let (topics, broker, worker) = try await Self.refusingBroker("stuck", environment: [:])
        try await worker.waitFor("/healthz", status: 503, timeout: .seconds(30))
        #expect(await worker.get("/healthz").body.contains("none delivered"))
        #expect(await worker.get("/readyz").status == 200)
        try await Self.expectBoundedShutdown(worker, grace: 6)
        _ = topics
        await broker.stop()
    }

    /// Local dedup (no shared log): the outputs themselves are refused, then their dead letters, then the
    /// truncated dead letters, retried with backoff. SIGTERM in that loop: status 0 within the grace, and
    /// a few log lines, not a busy loop.
    @Test func sigtermWhileRecordsAreRefusedExitsZeroWithinTheGrace() async throws {
        let (_, broker, worker) = try await Self.refusingBroker("refused", environment: ["NEWSWORKER_DEDUP_SHARED_LOG_TOPIC": ""])
        try await worker.waitFor("/healthz", status: 503, timeout: .seconds(30))
        // The output, then its dead letter, refused three times each; then the truncated form, again and again.
        let deadline = ContinuousClock.now + .seconds(30)
        while await worker.metric("newsworker_kafka_errors_total", where: "INVALID_RECORD") < 7, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(await worker.metric("newsworker_kafka_errors_total", where: "INVALID_RECORD") >= 7)
        #expect(await worker.metric("newsworker_messages_dead_lettered_total", where: "reason=\"produce_rejected\"") >= 1)
        try await Self.expectBoundedShutdown(worker, grace: 6)
        await broker.stop()
    }

    /// A ready worker on a broker set to refuse the next 1,000 produce requests, with 10 inputs to consume.
    ///
    /// The inputs are on the topic and the refusal is set before the worker starts: a worker started first
    /// may deliver all ten before the refusal takes effect, and then has nothing pending.
    static func refusingBroker(_ prefix: String, environment: [String: String]) async throws -> (WorkerProcess.Topics, DevBroker, WorkerProcess) {
        let topics = WorkerIntegrationTests.topics(prefix)
        let broker = try await DevBroker(partitions: 2, topics: [topics.input, topics.output, topics.dlq])
        let seeds = try WorkerIntegrationTests.seedMessages(topic: topics.input)
        try await Self.client(broker).produce(WorkerIntegrationTests.copies(0..<10, of: seeds, prefix: prefix))
        try await broker.failProduceRequests(1000, code: 87)
        let worker = try Self.worker(broker, topics, group: "g-\(prefix)", environment: environment)
        try await worker.waitFor("/readyz", status: 200)
        return (topics, broker, worker)
    }

    /// SIGTERM: the worker exits 0 within `grace` (plus a second of process teardown), without a flood of log lines.
    static func expectBoundedShutdown(_ worker: WorkerProcess, grace: Int) async throws {
        let start = ContinuousClock.now
        worker.child.signal(SIGTERM)
        let status = try await worker.child.waitForExit(timeout: .seconds(grace + 10))
        let took = ContinuousClock.now - start
        #expect(status == 0, "exit status \(status)\n\(worker.child.stderr.suffix(3000))")
        #expect(took < .seconds(grace + 2), "took \(took)")
        let lines = worker.child.stderr.split(separator: "\n")
        #expect(lines.count < 300, "\(lines.count) log lines")
        #expect(lines.filter { $0.contains("delivery failed") }.count < 20)
    }

    static func client(_ broker: DevBroker) -> TopicClient { TopicClient(brokers: broker.bootstrap) }
}

/// A record emitted again after a crash is the same record: `newsworker run` killed with SIGKILL mid-stream
/// and restarted under the same id, on `newsworker dev-broker`.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct EffectivelyOnceTests {
    /// Every input comes out; every record emitted twice has the same key, headers and value but for
    /// `provenance.processed_at` and `provenance.worker`: a compacted topic or an upsert by id holds each
    /// article once.
    @Test func recordsReEmittedAfterKill9AreTheSameRecords() async throws {
        let total = 1500
        let (topics, broker, client) = try await WorkerIntegrationTests.loadedBroker("once", short: "once", total: total, update: "Édition")
        // The 2.0.2 mock ignores group.instance.id: a short session timeout lets the restart rejoin soon.
        let environment = [
            "NEWSWORKER_KAFKA_STATIC_MEMBERSHIP": "true",
            "NEWSWORKER_RDKAFKA_SESSION_TIMEOUT_MS": "6000", "NEWSWORKER_RDKAFKA_HEARTBEAT_INTERVAL_MS": "1000",
        ]
        let first = try WorkerProcess(brokers: broker.bootstrap, group: "g-once", topics: topics, id: "w1", environment: environment)
        try await first.waitFor("/readyz", status: 200)
        while await first.metric("newsworker_messages_produced_total") < 300 { try await Task.sleep(for: .milliseconds(20)) }
        first.child.signal(SIGKILL)
        _ = try await first.child.waitForExit(timeout: .seconds(10))

        let second = try WorkerProcess(brokers: broker.bootstrap, group: "g-once", topics: topics, id: "w1", environment: environment)
        let outputs = try await client.read(topics.output, count: total, timeout: .seconds(240), settle: .seconds(3))
        let byKey = Dictionary(grouping: outputs) { String(decoding: $0.key ?? [], as: UTF8.self) }
        #expect(Set(byKey.keys) == Set((0..<total).map { "once-\($0)" }), "every input has an output")
        let repeated = byKey.values.filter { $0.count > 1 }
        #expect(!repeated.isEmpty, "the kill left uncommitted outputs to emit again")
        for records in repeated {
            let first = records[0]
            for again in records.dropFirst() {
                #expect(again.headers == first.headers)
                #expect(Self.withoutRunFields(again.json) == Self.withoutRunFields(first.json), "\(String(decoding: first.key ?? [], as: UTF8.self))")
            }
        }
        await second.child.stop()
        await broker.stop()
    }

    /// The record as JSON text with the fields that may differ between emissions removed.
    static func withoutRunFields(_ record: [String: Any]) -> String {
        var record = record
        if var provenance = record["provenance"] as? [String: Any] {
            provenance["processed_at"] = nil
            provenance["worker"] = nil
            record["provenance"] = provenance
        }
        let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
