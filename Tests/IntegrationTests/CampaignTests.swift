import Foundation
import Kafka
import NewsWorker
import TestSupport
import Testing

/// The loss campaign (issue 12): real `dev-broker` and worker processes under kill -9, broker outages,
/// leader movement, injected request errors, members joining, leaving and stalling, and hostile input;
/// `newsworker audit --json` is the oracle of every scenario (nothing missing, invented or changed).
///
/// Bounded for CI by default (fewer inputs and kills, a 10 s outage instead of 30 s); the issue's full
/// size with `NEWSWORKER_CAMPAIGN=long`. Each scenario prints its numbers (`[campaign]` lines).
@Suite(.serialized, .timeLimit(.minutes(30)))
struct CampaignTests {
    /// Small hostile values the worker must dead-letter or process, never choke on: invalid UTF-8, NUL bytes,
    /// truncated and deeply nested JSON, random binary, an empty value, a 300,000-character line.
    static func hostileValues() -> [(name: String, value: [UInt8])] {
        return [
            ("invalid-utf8", Array("Un texte ".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" cassé au milieu d'une phrase.".utf8)),
            ("nul-bytes", Array("Le président a annoncé\u{0} mardi une réforme.\n\nUn second paragraphe\u{0}.".utf8)),
            ("truncated-json", Array(#"{"id": "t", "title": "Réforme", "body": "Le président a annoncé mardi une réfor"#.utf8)),
            ("nested-json", Array(("{\"body\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}").utf8)),
            ("binary", (0..<4096).map { _ in UInt8.random(in: 0...255) }),
            ("empty", []),
            ("long-line", Array(String(repeating: "a", count: 300_000).utf8)),
        ]
    }

    /// `count` inputs, one in twenty hostile (cycling through ``hostileValues()``), the others seed copies.
    static func workload(_ run: CampaignRun, count: Int, hostileEvery: Int = 20) throws -> [KafkaProducerMessage] {
        let hostile = hostileValues()
        var articles = try run.articles(0..<count)
        for index in stride(from: hostileEvery / 2, to: count, by: hostileEvery) {
            let bad = hostile[(index / hostileEvery) % hostile.count]
            articles[index] = KafkaProducerMessage(topic: run.topics.input, key: Array("\(run.name)-\(bad.name)-\(index)".utf8), value: bad.value)
        }
        return articles
    }

    /// One worker killed with SIGKILL every few seconds and restarted at once under the same id (static
    /// membership on; the 2.0.2 mock ignores it, so recovery there is the session timeout and a rebalance).
    @Test func killNineEveryFewSecondsLosesNothing() async throws {
        try await killNineCampaign("kill9", members: 1, total: CampaignScale.pick(ci: 3_000, long: 8_000), kills: CampaignScale.pick(ci: 3, long: 1_000))
    }

    /// Two workers, killed in turn with SIGKILL every few seconds and restarted under the same id. Until
    /// 2026-12-06 the group stalled for minutes on the 2.0.2 mock: a commit retried during the rejoin failed
    /// the leader's SyncGroup, again and again (see `OffsetCommitter`).
    @Test func killNineWithTwoMembersLosesNothing() async throws {
        try await killNineCampaign("kill9x2", members: 2, total: CampaignScale.pick(ci: 3_000, long: 8_000), kills: CampaignScale.pick(ci: 3, long: 1_000))
    }

    private func killNineCampaign(_ name: String, members: Int, total: Int, kills maxKills: Int) async throws {
        // The mock keeps ~5 MB per partition: enough partitions that no output partition passes that.
        // Static membership (as the systemd units run it): a restarted worker rejoins under its instance id.
        let environment = CampaignRun.shortSession.merging(["NEWSWORKER_KAFKA_STATIC_MEMBERSHIP": "true"]) { $1 }
        let run = try await CampaignRun(name, partitions: total > 2_000 ? 24 : 6, environment: environment)
        var workers = try (1...members).map { try run.worker("\(name)-\($0)") }
        // The input arrives in waves, the next one just before a kill: every kill lands with work in flight,
        // however fast the worker drains a wave (one 3,000-input batch could be done before the second kill).
        let inputs = try Self.workload(run, count: total)
        let waveCount = min(maxKills, 3) + 1
        let waveSize = (inputs.count + waveCount - 1) / waveCount
        var waves = stride(from: 0, to: inputs.count, by: waveSize).map { Array(inputs[$0..<min($0 + waveSize, inputs.count)]) }[...]
        var produced = 0
        func produceNextWave() async throws {
            guard let wave = waves.popFirst() else { return }
            try await run.produce(wave)
            produced += wave.count
        }
        try await produceNextWave()
        try await run.waitForCommitted(atLeast: Int64(produced / 5))
        var kills = 0
        func workLeft() async throws -> Bool {
            if !waves.isEmpty { return true }
            return try await run.progress.snapshot(retryingFor: .seconds(30)).committedTotal < Int64(total * 9 / 10)
        }
        while kills < maxKills, try await workLeft() {
            try await produceNextWave()
            let committed = try await run.progress.snapshot(retryingFor: .seconds(30)).committedTotal
            #expect(committed < Int64(produced), "kill -9 #\(kills + 1) with work in flight: \(committed) of \(produced) committed")
            let victim = kills % workers.count
            try await run.measureRecovery(of: "kill -9 #\(kills + 1)") {
                workers[victim].child.signal(SIGKILL)
                _ = try await workers[victim].child.waitForExit(timeout: .seconds(10))
                workers[victim] = try run.worker("\(name)-\(victim + 1)")
            }
            kills += 1
            try await Task.sleep(for: .seconds(3 + kills % 3))
        }
        while !waves.isEmpty { try await produceNextWave() }
        print("[campaign] \(name): \(kills) kills")
        #expect(kills >= min(maxKills, 2), "the run was long enough to kill workers mid-stream")
        try await run.auditAndReport()
        await run.stop(workers)
    }

    /// Every broker down (10 s in CI, 30 s in the long campaign) in the middle of the run.
    @Test func allBrokersDownThenBackLosesNothing() async throws {
        let total = CampaignScale.pick(ci: 1_000, long: 3_000)
        // The 2.0.2 mock keeps ~5 MB a partition: the long run's records need more partitions.
        let run = try await CampaignRun("outage", partitions: CampaignScale.pick(ci: 4, long: 12))
        let worker = try run.worker("o1")
        try await run.produce(try Self.workload(run, count: total))
        try await run.waitForCommitted(atLeast: Int64(total / 10))
        let outage = CampaignScale.pick(ci: Duration.seconds(10), long: .seconds(30))
        try await run.measureRecovery(of: "all brokers down \(outage.components.seconds) s") {
            try await run.broker.set(up: false)
            try await Task.sleep(for: outage)
            try await run.broker.set(up: true)
        }
        try await run.auditAndReport()
        await run.stop([worker])
    }

    /// Every broker down for 10 s, longer than the worker's 6 s session timeout: the group moves on, the
    /// worker's commits are refused, it rejoins; what it had not committed is processed again (re-emitted,
    /// identical). On 2026-12-05 its partitions were never assigned again and every commit was refused with
    /// UNKNOWN_MEMBER_ID for minutes; passes since commits are sent for assigned partitions only
    /// (`OffsetCommitter`; 3 runs in a row, 2026-12-06).
    @Test func allBrokersDownPastTheSessionTimeoutLosesNothing() async throws {
        let run = try await CampaignRun("outage-session", partitions: 4, environment: CampaignRun.shortSession)
        let worker = try run.worker("s1")
        try await run.produce(try Self.workload(run, count: 1_000))
        try await run.waitForCommitted(atLeast: 100)
        try await run.measureRecovery(of: "all brokers down 10 s > session timeout") {
            try await run.broker.set(up: false)
            try await Task.sleep(for: .seconds(10))
            try await run.broker.set(up: true)
        }
        try await run.auditAndReport()
        await run.stop([worker])
    }

    /// Three brokers; one goes down and every partition and the group's coordinator move to the others.
    @Test func oneBrokerDownWithLeaderMovementLosesNothing() async throws {
        let total = CampaignScale.pick(ci: 1_000, long: 3_000)
        let partitions = 6
        let run = try await CampaignRun("leaders", brokers: 3, partitions: partitions)
        let worker = try run.worker("l1")
        try await run.produce(try Self.workload(run, count: total))
        try await run.waitForCommitted(atLeast: Int64(total / 10))
        // As a cluster's controller would: the broker dies, and a moment later its partitions and the
        // group's coordinator get leaders on the others.
        try await run.measureRecovery(of: "broker 2 down, leaders moved 2 s later") {
            try await run.broker.set(broker: 2, up: false)
            try await Task.sleep(for: .seconds(2))
            for topic in [run.topics.input, run.topics.output, run.topics.dlq] {
                for partition in 0..<partitions {
                    try await run.broker.moveLeader(topic: topic, partition: partition, to: partition % 2 == 0 ? 1 : 3)
                }
            }
            try await run.broker.moveLeader(topic: "articles.fingerprints", partition: 0, to: 3)
            try await run.broker.moveCoordinator(group: run.group, to: 1)
        }
        try await Task.sleep(for: .seconds(3))
        try await run.broker.set(broker: 2, up: true)
        try await run.auditAndReport()
        await run.stop([worker])
    }

    /// Fetch and commit requests fail with retriable errors the clients must ride out.
    @Test func errorsInjectedOnFetchAndCommitLoseNothing() async throws {
        // NOT_LEADER_OR_FOLLOWER (6) on fetch, NOT_COORDINATOR (16) on commit.
        try await requestErrorCampaign("errors", [("fetch", 6), ("commit", 16)])
    }

    /// Produce requests fail with NOT_LEADER_OR_FOLLOWER (6). Until 2026-12-05 this wedged the worker: when
    /// the last injected error hit one batch of a partition and the next pipelined batch succeeded, librdkafka
    /// reported the failed batch delivered ("implicitly acked by subsequent batch success"), but the mock,
    /// which checks no idempotent sequence numbers, had not written it. Fingerprints lost so never came back
    /// from the shared log, and their articles waited for verdicts forever. The worker now sends implicitly
    /// acknowledged records again. The race is timing-dependent: seen in about half the runs.
    @Test func errorsInjectedOnProduceLoseNothing() async throws {
        try await requestErrorCampaign("produce-errors", [("produce", 6)])
    }

    private func requestErrorCampaign(_ name: String, _ faults: [(request: String, code: Int32)]) async throws {
        let total = CampaignScale.pick(ci: 1_000, long: 3_000)
        let run = try await CampaignRun(name, partitions: 4)
        let worker = try run.worker("e1")
        try await run.produce(try Self.workload(run, count: total))
        try await run.waitForCommitted(atLeast: Int64(total / 10))
        let count = CampaignScale.pick(ci: 10, long: 50)
        for (request, code) in faults {
            try await run.measureRecovery(of: "\(count) \(request) errors") {
                try await run.broker.fail(request, count: count, code: code)
            }
        }
        try await run.auditAndReport()
        await run.stop([worker])
    }

    /// Members join and leave mid-run, and one is stopped (SIGSTOP) for 12 s, past its session timeout
    /// (6 s) and `max.poll.interval.ms` (10 s), then resumed: its partitions move to the others meanwhile,
    /// and what it emits after it wakes up must be identical re-emissions. The input arrives in waves, one
    /// before each fault, so that every fault lands with work left. Until 2026-12-06 the group stalled for
    /// minutes on the 2.0.2 mock as soon as m2 joined (see `OffsetCommitter`).
    @Test func membersJoinLeaveAndStallLosesNothing() async throws {
        let total = CampaignScale.pick(ci: 1_500, long: 5_000)
        let run = try await CampaignRun("members", partitions: CampaignScale.pick(ci: 6, long: 18), environment: CampaignRun.shortSession)
        let first = try run.worker("m1")
        let inputs = try Self.workload(run, count: total)
        var waves = stride(from: 0, to: total, by: total / 5).map { Array(inputs[$0..<min($0 + total / 5, total)]) }[...]
        func produceNextWave() async throws {
            if let wave = waves.popFirst() { try await run.produce(wave) }
        }
        try await produceNextWave()
        try await run.waitForCommitted(atLeast: Int64(total / 15))
        var second: WorkerProcess?
        var third: WorkerProcess?
        try await produceNextWave()
        try await run.measureRecovery(of: "m2 joins") { second = try run.worker("m2") }
        try await produceNextWave()
        try await run.measureRecovery(of: "m3 joins") { third = try run.worker("m3") }
        try await produceNextWave()
        try await run.measureRecovery(of: "m2 leaves (SIGTERM)") {
            await second?.child.stop()
        }
        let stalled = try #require(third)
        try await produceNextWave()
        try await run.measureRecovery(of: "m3 stalled 12 s (SIGSTOP)", from: .faultStart) {
            stalled.child.signal(SIGSTOP)
            try await Task.sleep(for: .seconds(12))
            stalled.child.signal(SIGCONT)
        }
        #expect(second.map { $0.child.process.terminationStatus } == 0)
        try await run.auditAndReport()
        await run.stop([first, stalled])
    }

    /// Hostile inputs of every kind small enough for the default `message.max.bytes`, among articles.
    @Test func hostileInputsAreAllAccountedFor() async throws {
        let run = try await CampaignRun("hostile", partitions: 4)
        let worker = try run.worker("h1")
        try await run.produce(try Self.workload(run, count: CampaignScale.pick(ci: 280, long: 1_400), hostileEvery: 4))
        let report = try await run.auditAndReport()
        #expect(report.totals.deadLettered >= 50)
        await run.stop([worker])
    }
}

extension CampaignTests {
    /// Values too large for the worker's producer: a 1,000,000-character line (its record is over the 1 MB
    /// `message.max.bytes`), a 2 MB value (and 10 MB and 50 MB in the long campaign: over the parser's 8 MB
    /// limit). Each goes to a partition of its own, among articles, so that the mock's ~5 MB per partition
    /// keeps everything. None may wedge its partition: every input ends as a record or a dead letter.
    @Test func oversizedInputsNeverWedgeAPartition() async throws {
        let sizes = CampaignScale.pick(ci: [2 << 20], long: [2 << 20, 10 << 20, 50 << 20])
        let run = try await CampaignRun("oversized", partitions: sizes.count + 2)
        let worker = try run.worker("x1")
        var messages = try run.articles(0..<200)
        for index in messages.indices { messages[index].partition = KafkaPartition(rawValue: Int32(index % 2)) }
        messages.append(KafkaProducerMessage(topic: run.topics.input, partition: 0, key: Array("oversized-line".utf8), value: Array(String(repeating: "a", count: 1_000_000).utf8)))
        for (index, size) in sizes.enumerated() {
            let words = (0..<(size / 8)).map { _ in ["actualité ", "réforme ", "président "].randomElement()! }.joined()
            messages.append(KafkaProducerMessage(topic: run.topics.input, partition: KafkaPartition(rawValue: Int32(index + 2)), key: Array("oversized-\(size)".utf8), value: Array(words.utf8.prefix(size))))
        }
        var kafka = run.client.kafka
        kafka.properties["message.max.bytes"] = String(60 << 20)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: run.client.logger)
        let reports = try await producer.produce(messages)
        await producer.shutdown()
        let failures = reports.compactMap(\.error)
        #expect(failures.isEmpty, "inputs produced: \(failures.prefix(3))")
        let report = try await run.auditAndReport(expectedInputs: messages.count)
        print("[campaign] oversized: dead letters by reason \(report.deadLetterReasons)")
        #expect(report.totals.deadLettered >= sizes.count)
        await run.stop([worker])
    }
}
