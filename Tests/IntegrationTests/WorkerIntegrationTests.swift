import Foundation
import Kafka
import NewsDedup
import TestSupport
import Testing

/// The worker as operators run it: `newsworker run` processes against `newsworker dev-broker` processes.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WorkerIntegrationTests {
    static func topics(_ prefix: String) -> WorkerProcess.Topics {
        WorkerProcess.Topics(input: "\(prefix).raw", output: "\(prefix).enriched", dlq: "\(prefix).dlq")
    }

    static func seedMessages(topic: String) throws -> [KafkaProducerMessage] {
        Seeds.all.map { KafkaProducerMessage(topic: topic, key: Array($0.id.utf8), value: $0.bytes) }
    }

    /// A dev-broker with the `prefix` topics, a client for it, and one worker (group `g-<prefix>`) ready.
    static func readyWorker(_ prefix: String, partitions: Int) async throws -> (WorkerProcess.Topics, DevBroker, TopicClient, WorkerProcess) {
        let topics = Self.topics(prefix)
        let broker = try await DevBroker(partitions: partitions, topics: [topics.input, topics.output, topics.dlq])
        let worker = try WorkerProcess(brokers: broker.bootstrap, group: "g-\(prefix)", topics: topics)
        try await worker.waitFor("/readyz", status: 200)
        return (topics, broker, TopicClient(brokers: broker.bootstrap), worker)
    }

    /// A dev-broker with the `prefix` topics and `total` copies of the seeds on the input (keys
    /// `<short>-<index>`, each a new near-duplicate: see ``copies(_:of:prefix:update:)``), and a client.
    static func loadedBroker(_ prefix: String, short: String, total: Int, update: String) async throws -> (WorkerProcess.Topics, DevBroker, TopicClient) {
        let topics = Self.topics(prefix)
        let broker = try await DevBroker(partitions: 4, topics: [topics.input, topics.output, topics.dlq])
        let client = TopicClient(brokers: broker.bootstrap)
        try await client.produce(Self.copies(0..<total, of: try Self.seedMessages(topic: topics.input), prefix: short, update: update))
        return (topics, broker, client)
    }

    /// Copies of `seeds`, round-robin, keyed `<prefix>-<index>`; with `update`, each copy ends with a line
    /// "`update` <index>." so that it is a new near-duplicate rather than an exact re-send.
    static func copies(_ range: Range<Int>, of seeds: [KafkaProducerMessage], prefix: String, update: String? = nil) -> [KafkaProducerMessage] {
        range.map { index in
            var message = seeds[index % seeds.count]
            message.key = Array("\(prefix)-\(index)".utf8)
            if let update { message.value += Array("\n\n\(update) \(index).".utf8) }
            return message
        }
    }

    @Test func seedsGoInAndFiveRecordsComeOutInTheRightClusters() async throws {
        let topics = Self.topics("seeds")
        let broker = try await DevBroker(partitions: 1, topics: [topics.input, topics.output, topics.dlq])
        let worker = try WorkerProcess(brokers: broker.bootstrap, group: "g-seeds", topics: topics)
        let client = TopicClient(brokers: broker.bootstrap)
        try await client.produce(Self.seedMessages(topic: topics.input))

        let records: [[String: Any]]
        do {
            records = try await client.read(topics.output, count: 5).map(\.json)
        } catch {
            // Seen once in CI (2026-11-23): ready worker, no output in 90 s; keep what it knew for next time.
            throw TestFailure("\(error)\n\(await worker.diagnostics())")
        }
        let clusters = Dictionary(grouping: records) { ($0["dedup"] as? [String: Any])?["cluster"] as? String ?? "" }
            .mapValues { Set($0.compactMap { ($0["id"] as? String)?.prefix(3) }.map(String.init)) }
        #expect(Set(clusters.values) == [["000", "001", "002"], ["003"], ["004"]])
        #expect(records.allSatisfy { $0["schema"] as? String == "newsworker.article/v1" && $0["language"] as? String == "fr" })
        let provenance = records.compactMap { $0["provenance"] as? [String: Any] }
        #expect(provenance.count == 5 && provenance.allSatisfy { $0["topic"] as? String == topics.input && $0["worker"] as? String == "w1" })

        #expect(await worker.metric("newsworker_messages_consumed_total") == 5)
        #expect(await worker.metric("newsworker_messages_produced_total", where: topics.output) == 5)
        #expect(await worker.metric("newsworker_dedup_verdicts_total") == 5)
        #expect(await worker.metric("newsworker_dedup_verdicts_total", where: "unique") == 3)
        await worker.child.stop()
        await broker.stop()
    }

    /// 1,000 messages, one in ten hostile: every input comes out once, as a record or a dead letter.
    @Test func mixedTrafficIsFullyAccountedFor() async throws {
        let topics = Self.topics("mixed")
        let broker = try await DevBroker(partitions: 4, topics: [topics.input, topics.output, topics.dlq])
        let worker = try WorkerProcess(brokers: broker.bootstrap, group: "g-mixed", topics: topics, environment: ["NEWSWORKER_PARSER_MAX_BYTES": "65536"])
        let client = TopicClient(brokers: broker.bootstrap)
        let seeds = try Self.seedMessages(topic: topics.input)
        let hostile: [(reason: String, value: [UInt8])] = [
            ("empty", []),
            ("invalid_utf8", Array("Un texte ".utf8) + [0xFF, 0xFE] + Array(" cassé".utf8)),
            ("too_large", Array(repeating: UInt8(ascii: "a"), count: 70_000)),
            ("malformed_envelope", Array(#"{"title": "no body here"}"#.utf8)),
            ("binary", [0x00, 0x01, 0x02, 0x03, 0x7F, 0x00]),
        ]
        var messages: [KafkaProducerMessage] = []
        var expectedDeadLetters: [String: Int] = [:]
        for index in 0..<1000 {
            if index % 10 == 3 {
                let bad = hostile[(index / 10) % hostile.count]
                expectedDeadLetters[bad.reason, default: 0] += 1
                messages.append(KafkaProducerMessage(topic: topics.input, key: Array("bad-\(index)".utf8), value: bad.value))
            } else {
                messages += Self.copies(index..<(index + 1), of: seeds, prefix: "msg", update: "Dépêche numéro")
            }
        }
        try await client.produce(messages)

        let good = 1000 - expectedDeadLetters.values.reduce(0, +)
        let outputs = try await client.read(topics.output, count: good, timeout: .seconds(180), settle: .seconds(2))
        let deadLetters = try await client.read(topics.dlq, count: 100, settle: .seconds(1))
        #expect(outputs.count == good)
        #expect(deadLetters.count == 100)
        let outputKeys = Set(outputs.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } })
        let deadKeys = Set(deadLetters.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } })
        #expect(outputKeys.count == good && deadKeys.count == 100 && outputKeys.isDisjoint(with: deadKeys))
        var reasons: [String: Int] = [:]
        for letter in deadLetters {
            reasons[letter.header("error.reason") ?? "?", default: 0] += 1
            #expect(letter.header("source.topic") == topics.input)
            #expect(letter.header("source.offset") != nil && letter.header("error.stage") != nil)
        }
        #expect(reasons == expectedDeadLetters)
        // The original bytes travel to the dead-letter topic unchanged.
        let tooLarge = try #require(deadLetters.first { $0.header("error.reason") == "too_large" })
        #expect(tooLarge.value.count == 70_000)

        try await worker.waitFor("/readyz", status: 200)
        #expect(await worker.metric("newsworker_messages_consumed_total") == 1000)
        #expect(await worker.metric("newsworker_messages_dead_lettered_total") == 100)
        #expect(await worker.metric("newsworker_messages_dead_lettered_total", where: "reason=\"too_large\"") == Double(expectedDeadLetters["too_large"]!))
        #expect(await worker.metric("newsworker_messages_produced_total", where: topics.output) == Double(good))
        #expect(await worker.metric("newsworker_messages_produced_total", where: topics.dlq) == 100)
        #expect(await worker.metric("newsworker_dedup_verdicts_total") == Double(good))
        #expect(await worker.metric("newsworker_processing_duration_seconds_count") == 1000)
        #expect(await worker.metric("newsworker_ready") == 1)
        await worker.child.stop()
        await broker.stop()
    }

    /// SIGTERM mid-stream: the worker drains, commits and exits 0; a restart finishes the rest and
    /// re-emits nothing (graceful shutdown leaves nothing uncommitted).
    @Test func sigtermMidStreamThenRestartLosesNothing() async throws {
        let total = 3000
        let (topics, broker, client) = try await Self.loadedBroker("restart", short: "r", total: total, update: "Mise à jour")

        let first = try WorkerProcess(brokers: broker.bootstrap, group: "g-restart", topics: topics, id: "first")
        try await first.waitFor("/readyz", status: 200)
        // Wait until it is mid-stream.
        while await first.metric("newsworker_messages_produced_total") < 200 { try await Task.sleep(for: .milliseconds(20)) }
        first.child.signal(SIGTERM)
        #expect(try await first.child.waitForExit(timeout: .seconds(40)) == 0)
        #expect(first.child.stderr.contains("stopping"))

        let second = try WorkerProcess(brokers: broker.bootstrap, group: "g-restart", topics: topics, id: "second")
        let outputs = try await client.read(topics.output, count: total, timeout: .seconds(240), settle: .seconds(3))
        let keys = outputs.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
        #expect(Set(keys).count == total, "every input has an output")
        #expect(keys.count == total, "no output emitted twice: \(keys.count - Set(keys).count) re-emitted")
        let workers = Set(outputs.compactMap { ($0.json["provenance"] as? [String: Any])?["worker"] as? String })
        #expect(workers == ["first", "second"])
        await second.child.stop()
        await broker.stop()
    }

    /// Broker down for 10 s: the worker keeps running, reports not ready, and resumes without loss.
    @Test func brokerOutageThenRecoveryLosesNothing() async throws {
        let (topics, broker, client, worker) = try await Self.readyWorker("outage", partitions: 2)
        let seeds = try Self.seedMessages(topic: topics.input)
        func batch(_ range: Range<Int>) -> [KafkaProducerMessage] { Self.copies(range, of: seeds, prefix: "o") }
        try await client.produce(batch(0..<100))
        _ = try await client.read(topics.output, count: 100)

        try await broker.set(up: false)
        try await worker.waitFor("/readyz", status: 503, timeout: .seconds(30))
        #expect(await worker.get("/healthz").status == 200)
        // Not ready for as long as the broker is down (messages fetched before the outage used to mark
        // the broker reachable again while they were handed out).
        var readyDuringOutage = 0
        for _ in 0..<20 {
            if await worker.get("/readyz").status == 200 { readyDuringOutage += 1 }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(readyDuringOutage == 0)
        #expect(await worker.get("/healthz").status == 200, "an outage is not a liveness problem")
        #expect(worker.child.process.isRunning)
        try await broker.set(up: true)

        try await client.produce(batch(100..<200))
        try await worker.waitFor("/readyz", status: 200, timeout: .seconds(60))
        let outputs = try await client.read(topics.output, count: 200, timeout: .seconds(120))
        #expect(Set(outputs.compactMap(\.key)).count == 200)
        #expect(await worker.metric("newsworker_kafka_errors_total") > 0)
        await worker.child.stop()
        await broker.stop()
    }

    /// Fingerprint sends to the shared log rejected by the broker (a non-retriable error, so librdkafka
    /// gives up on them) are sent again: every article still gets its verdict and its record.
    @Test func rejectedFingerprintsAreSentAgain() async throws {
        let (topics, broker, client, worker) = try await Self.readyWorker("resend", partitions: 2)
        let seeds = try Self.seedMessages(topic: topics.input)
        try await client.produce(Self.copies(0..<20, of: seeds, prefix: "a"))
        _ = try await client.read(topics.output, count: 20)

        // The worker is stopped (SIGSTOP) while the inputs go in and the broker is set to fail the next three
        // produce requests with INVALID_RECORD (87), which librdkafka does not retry: once resumed, the
        // worker's first requests are fingerprints for the shared log (outputs wait for their verdicts).
        let failedBefore = await worker.metric("newsworker_kafka_errors_total")
        let pid = worker.child.process.processIdentifier
        kill(pid, SIGSTOP)
        do {
            try await client.produce(Self.copies(20..<60, of: seeds, prefix: "b"))
            try await broker.failProduceRequests(3, code: 87)
        } catch {
            kill(pid, SIGCONT)
            throw error
        }
        kill(pid, SIGCONT)
        let outputs = try await client.read(topics.output, count: 60, timeout: .seconds(90))
        #expect(Set(outputs.compactMap(\.key)).count == 60)
        #expect(await worker.metric("newsworker_kafka_errors_total") > failedBefore)
        let log = worker.child.stdout + worker.child.stderr
        #expect(log.contains("sending it again"))
        await worker.child.stop()
        await broker.stop()
    }

    /// Two workers in one group split the partitions and together account for every input.
    @Test func twoWorkersSplitThePartitions() async throws {
        let topics = Self.topics("split")
        let broker = try await DevBroker(partitions: 4, topics: [topics.input, topics.output, topics.dlq])
        let client = TopicClient(brokers: broker.bootstrap)
        // The seeds span nine months of article time; the window runs on stream time, so the default keeps them.
        let one = try WorkerProcess(brokers: broker.bootstrap, group: "g-split", topics: topics, id: "one")
        let two = try WorkerProcess(brokers: broker.bootstrap, group: "g-split", topics: topics, id: "two")
        try await one.waitFor("/readyz", status: 200)
        try await two.waitFor("/readyz", status: 200)
        let seeds = try Self.seedMessages(topic: topics.input)
        // The seeds first, spread over both workers by key, then 400 copies of them under new ids.
        try await client.produce(seeds)
        let messages = Self.copies(0..<400, of: seeds, prefix: "s")
        try await client.produce(messages)
        let outputs = try await client.read(topics.output, count: 405, timeout: .seconds(120), settle: .seconds(2))
        #expect(outputs.count == 405)
        #expect(Set(outputs.compactMap(\.key)).count == 405)
        let consumedByOne = await one.metric("newsworker_messages_consumed_total")
        let consumedByTwo = await two.metric("newsworker_messages_consumed_total")
        #expect(consumedByOne > 0 && consumedByTwo > 0)
        #expect(consumedByOne + consumedByTwo == 405)

        // Dedup stays right across workers: the shared fingerprint log gives one order to all articles.
        let records = outputs.map(\.json)
        let seedRecords = records.filter { ($0["id"] as? String)?.contains("_") == true }
        let clusters = Dictionary(grouping: seedRecords) { ($0["dedup"] as? [String: Any])?["cluster"] as? String ?? "" }
            .mapValues { Set($0.compactMap { ($0["id"] as? String)?.prefix(3) }.map(String.init)) }
        #expect(Set(clusters.values) == [["000", "001", "002"], ["003"], ["004"]])
        // Five distinct texts: at most five articles can be unique, whichever worker saw which.
        #expect(records.filter { ($0["dedup"] as? [String: Any])?["status"] as? String == "unique" }.count <= 5)
        // Each verdict is the one the shared log's order gives: replaying the log reproduces every one.
        let log = try await client.read("articles.fingerprints", count: 405, settle: .seconds(1))
        var index = DedupIndex()
        var replayed: [String: DedupVerdict] = [:]
        for entry in log {
            let fingerprint = try DocumentFingerprint(decoding: entry.value)
            let time = entry.timestamp.map { StreamTime(millisecondsSince1970: $0.millisecondsSinceEpoch) }
            let verdict = index.insert(fingerprint: fingerprint, at: time)
            if replayed[fingerprint.id] == nil { replayed[fingerprint.id] = verdict }
        }
        for record in records {
            let id = try #require(record["id"] as? String)
            let dedup = try #require(record["dedup"] as? [String: Any])
            #expect(dedup["status"] as? String == replayed[id]?.status.rawValue, "\(id)")
            #expect(dedup["cluster"] as? String == replayed[id]?.cluster, "\(id)")
        }
        await one.child.stop()
        await two.child.stop()
        await broker.stop()
    }
}
