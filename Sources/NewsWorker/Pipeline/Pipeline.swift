import CoreMetrics
import Foundation
import Kafka
import Metrics
public import Logging
import NewsCore
import NewsDedup
import ServiceLifecycle

/// The worker's main job: consume raw articles, run the shared core, publish records, commit.
///
/// Two loops joined by an ``OutputQueue``: *intake* consumes a message, runs ``ArticleProcessor`` (parse and
/// dedup, owned by this one task) and queues the output; *publisher* produces queued outputs in batches,
/// waits for the broker's acknowledgements, then stores the input offsets for commit. An input offset is thus
/// committed only after its output (or dead letter) is acknowledged, in consumption order: at-least-once.
final class Pipeline: Sendable {
    let configuration: WorkerConfiguration
    let workerID: String
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let metrics: WorkerMetrics
    let health: WorkerHealth
    let notifier: SystemdNotifier
    let logger: Logger
    let queue: OutputQueue
    let committer: OffsetCommitter
    let sequencer: DedupSequencer
    /// Consumer of the shared fingerprint log (`nil` in local dedup mode).
    let fingerprintLog: KafkaConsumer?
    /// Test hook (`NEWSWORKER_FAULT_STALL_PIPELINE=1`): the intake loop hangs on its first message.
    let stallForTesting: Bool

    init(
        configuration: WorkerConfiguration,
        workerID: String,
        consumer: KafkaConsumer,
        producer: KafkaProducer,
        metrics: WorkerMetrics,
        health: WorkerHealth,
        notifier: SystemdNotifier,
        logger: Logger,
        sequencer: DedupSequencer,
        fingerprintLog: KafkaConsumer?,
        stallForTesting: Bool
    ) {
        self.sequencer = sequencer
        self.fingerprintLog = fingerprintLog
        self.configuration = configuration
        self.workerID = workerID
        self.consumer = consumer
        self.producer = producer
        self.metrics = metrics
        self.health = health
        self.notifier = notifier
        self.logger = logger
        self.queue = OutputQueue(limit: configuration.worker.maxInFlight)
        self.committer = OffsetCommitter(consumer: consumer, metrics: metrics, logger: logger)
        self.stallForTesting = stallForTesting
    }

    /// Consumes until graceful shutdown, then finishes in-flight work, flushes and commits.
    func run() async throws {
        try await consumer.subscribe(topics: [configuration.kafka.inputTopic])
        if let fingerprintLog {
            try await fingerprintLog.assign([KafkaTopicPartitionOffset(topic: configuration.dedup.sharedLogTopic, partition: 0, offset: .beginning)])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.watchEvents() }
            group.addTask { await self.watchProducerEvents() }
            if let fingerprintLog {
                group.addTask { try await self.sequencer.follow(fingerprintLog.messages) }
            }
            group.addTask { try await self.monitor() }
            if let interval = notifier.watchdogInterval {
                group.addTask { try await self.feedWatchdog(every: interval / 2) }
            }
            let publisher = Task { await self.publish() }
            var failure: (any Error)?
            do {
                try await intake()
            } catch {
                failure = error
            }
            health.setShuttingDown()
            metrics.ready.record(0)
            notifier.stopping()
            let budget = ShutdownBudget(grace: configuration.worker.shutdownGraceSeconds)
            let inFlight = await queue.count
            logger.info("stopping: finishing in-flight work", metadata: ["in_flight": "\(inFlight)", "within": "\(budget.drain)"])
            await queue.finish()
            await finish(publisher, within: budget.drain)
            do {
                try await producer.flush(timeout: budget.flush)
            } catch {
                logger.warning("flush on shutdown failed", metadata: ["error": "\(error)"])
            }
            await committer.commitNow()
            await consumer.close()
            await fingerprintLog?.close()
            group.cancelAll()
            if let failure { throw failure }
        }
    }

    /// Waits for the publisher to deliver what is queued, for at most `limit` (or until this task is
    /// cancelled): then stops it. What it could not deliver stays uncommitted, for the next owner of the
    /// partitions to process again.
    private func finish(_ publisher: Task<Void, Never>, within limit: Duration) async {
        let timer = Task {
            try await Task.sleep(for: limit)
            publisher.cancel()
        }
        await withTaskCancellationHandler { await publisher.value } onCancel: { publisher.cancel() }
        timer.cancel()
        let left = await queue.count
        if left > 0 {
            logger.warning("stopped before delivering every output: their inputs stay uncommitted and will be processed again", metadata: ["undelivered": "\(left)"])
            await queue.abandon()
        }
    }

    /// Waits until in-flight outputs are acknowledged and their offsets stored: called when partitions are
    /// revoked, before the consumer commits and gives them up.
    func finishInFlight() async {
        await queue.drained()
        await committer.commitNow()
    }

    // MARK: Intake

    private func intake() async throws {
        let parser = ArticleParser(configuration: parserConfiguration)
        let fingerprinter = DedupIndex(configuration: configuration.dedup.index)
        let output = OutputRouting(configuration: configuration.kafka, workerID: workerID)
        for try await message in consumer.messages.cancelOnGracefulShutdown() {
            health.beginWork()
            if stallForTesting { await hangForever() }
            let consumedAt = ContinuousClock.now
            metrics.consumed(topic: message.topic)
            let payload: PendingOutput.Payload
            do throws(ParseError) {
                let article = try parser.parse(InputMessage(message: message).rawArticle)
                await submit(fingerprinter.fingerprint(article.dedupDocument))
                payload = .article(EnrichedRecord(article: article, provenance: output.provenance(for: message)))
            } catch {
                metrics.deadLettered(topic: message.topic, reason: error.code.rawValue)
                logger.info("dead-lettered", metadata: ["reason": "\(error.code.rawValue)", "partition": "\(message.partition)", "offset": "\(message.offset)"])
                payload = .deadLetter(DeadLetter.record(for: message, error: error, topic: configuration.kafka.dlqTopic, worker: workerID))
            }
            if let timestamp = message.timestamp {
                let lag = Date().timeIntervalSince1970 * 1000 - Double(timestamp.millisecondsSinceEpoch)
                metrics.endToEndLag.recordNanoseconds(Int64(max(0, lag) * 1_000_000))
            }
            health.endWork()
            await queue.append(PendingOutput(source: message, payload: payload, consumedAt: consumedAt))
            let pending = await queue.count
            metrics.inFlight.record(pending)
            health.setPendingOutputs(pending)
        }
    }

    /// Hands a fingerprint to the sequencer, retrying while the shared log cannot take it.
    private func submit(_ fingerprint: DocumentFingerprint) async {
        await retryingFingerprintLog { () async throws(KafkaError) in try await self.sequencer.submit(fingerprint) }
    }

    /// Runs `send` until it succeeds, backing off (up to 5 s) while the producer refuses fingerprints for
    /// the shared log.
    private func retryingFingerprintLog(_ send: () async throws(KafkaError) -> Void) async {
        var attempt = 0
        while !Task.isCancelled {
            do throws(KafkaError) {
                try await send()
                return
            } catch {
                metrics.kafkaError(code: error.code.name)
                attempt += 1
                logger.warning("fingerprint log unavailable, retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(attempt, 6))))
            }
        }
    }

    private func hangForever() async {
        logger.warning("NEWSWORKER_FAULT_STALL_PIPELINE is set: the pipeline loop hangs (test hook)")
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }

    // MARK: Publisher

    /// Produces queued outputs batch by batch and stores their input offsets once acknowledged; returns
    /// when the queue is finished and empty, or when cancelled (shutdown past its deadline).
    private func publish() async {
        let output = OutputRouting(configuration: configuration.kafka, workerID: workerID)
        let fallback = RecordFallback(
            deadLetterTopic: configuration.kafka.dlqTopic, worker: workerID,
            limit: RecordSizeLimit(properties: configuration.kafka.properties)
        )
        while let batch = await queue.takeBatch(max: 5000) {
            var records: [OutgoingRecord] = []
            for item in batch {
                switch item.payload {
                case .article(var record):
                    guard let verdict = await sequencer.verdict(for: record.article.id) else { return }
                    record.dedup = verdict
                    metrics.verdict(verdict.status.rawValue)
                    records += output.records(for: record).map { OutgoingRecord(output: $0, source: item.source) }
                case .deadLetter(let record):
                    records.append(OutgoingRecord(deadLetter: record, source: item.source))
                }
            }
            guard await deliver(&records, fallback) else { return }
            var producedByTopic: [String: Int] = [:]
            for record in records { producedByTopic[record.message.topic, default: 0] += 1 }
            for item in batch {
                metrics.processing.recordNanoseconds((ContinuousClock.now - item.consumedAt).nanoseconds)
            }
            for (topic, count) in producedByTopic { metrics.produced(topic: topic, count: count) }
            await committer.store(batch.map(\.next))
            await queue.delivered(batch.count)
            let pending = await queue.count
            metrics.inFlight.record(pending)
            health.recordDelivery()
            health.setPendingOutputs(pending)
            await committer.commitIfDue()
        }
    }

    /// Produces `records` until every one is acknowledged, each in the form the producer can take (see
    /// ``OutgoingRecord``). librdkafka retries internally (idempotent producer); a record that still fails
    /// (e.g. `message.timeout.ms` elapsed during an outage) is sent again after a backoff of up to 5 s.
    /// - Returns: `false` when cancelled first: some records may not be delivered.
    private func deliver(_ records: inout [OutgoingRecord], _ fallback: RecordFallback) async -> Bool {
        var pending = Array(records.indices)
        var attempt = 0
        var throttle = LogThrottle()
        while true {
            for index in pending {
                for step in records[index].fit(fallback) { note(step, of: records[index]) }
            }
            let outcomes = await send(pending.map { records[$0].message })
            var failed: [Int] = []
            var codes: Set<String> = []
            var unacknowledged: [String: Int] = [:]
            for (index, outcome) in zip(pending, outcomes) {
                switch outcome {
                case .acknowledged:
                    continue
                case .implicitlyAcknowledged:
                    unacknowledged[records[index].message.topic, default: 0] += 1
                case .failed(let error):
                    metrics.kafkaError(code: error.code.name)
                    codes.insert(error.code.name)
                    if let step = records[index].refused(by: error, fallback) { note(step, of: records[index]) }
                }
                failed.append(index)
            }
            for (topic, count) in unacknowledged {
                metrics.implicitlyAcknowledged(topic: topic, count: count)
                logger.warning("records reported delivered without the broker's acknowledgement, sending them again", metadata: [
                    "topic": "\(topic)", "records": "\(count)",
                ])
            }
            if failed.isEmpty { return true }
            attempt += 1
            if throttle.admit() != nil {
                logger.warning("delivery failed, retrying", metadata: ["records": "\(failed.count)", "attempt": "\(attempt)", "codes": "\(codes.sorted())"])
            }
            do {
                try await Task.sleep(for: .milliseconds(min(5000, 100 << min(attempt, 6))))
            } catch {
                return false
            }
            pending = failed
        }
    }

    /// What became of one record sent.
    private enum Delivery {
        /// The broker acknowledged it.
        case acknowledged
        /// Reported delivered without the broker's acknowledgement (``KafkaDeliveryReport/isImplicitlyAcknowledged``):
        /// sent again, as the broker may not have it (at least once: a copy on the topic is identical).
        case implicitlyAcknowledged
        /// Not delivered.
        case failed(KafkaError)

        init(_ report: KafkaDeliveryReport) {
            if let error = report.error {
                self = .failed(error)
            } else {
                self = report.isImplicitlyAcknowledged ? .implicitlyAcknowledged : .acknowledged
            }
        }
    }

    /// Produces `messages`; one outcome per message.
    private func send(_ messages: [KafkaProducerMessage]) async -> [Delivery] {
        do throws(KafkaError) {
            return try await producer.produce(messages).map(Delivery.init)
        } catch where error.code.refusesRecord {
            // One message was refused before sending (those before it may be delivered twice: identical
            // records). Which one: send them one by one.
            var outcomes: [Delivery] = []
            for message in messages {
                do throws(KafkaError) {
                    outcomes.append(Delivery(try await producer.produce(message)))
                } catch {
                    outcomes.append(.failed(error))
                }
            }
            return outcomes
        } catch {
            // Not enqueued for a reason that is not the record's (closed, unknown topic...): all are retried.
            return Array(repeating: .failed(error), count: messages.count)
        }
    }

    /// Logs and counts a record's step down to a dead letter or its truncated form.
    private func note(_ step: OutgoingRecord.Fallback, of record: OutgoingRecord) {
        let source: Logger.Metadata = [
            "topic": "\(record.source.topic)", "partition": "\(record.source.partition)", "offset": "\(record.source.offset)",
        ]
        switch step {
        case .deadLettered(let reason):
            metrics.deadLettered(topic: record.source.topic, reason: reason.rawValue)
            logger.warning("output refused by the producer, dead-lettered", metadata: source.merging(["reason": "\(reason.rawValue)"]) { $1 })
        case .truncated:
            logger.warning("dead letter larger than the producer accepts, sent truncated", metadata: source.merging(["bytes": "\(record.source.value.count)"]) { $1 })
        }
    }

    // MARK: Events and monitoring

    private func watchEvents() async {
        for await event in consumer.events {
            switch event {
            case .partitionsAssigned(let partitions):
                logger.info("partitions assigned", metadata: ["partitions": "\(partitions.map(\.description))"])
                health.setAssignedPartitions(consumer.assignment.count)
            case .partitionsRevoked(let partitions):
                logger.info("partitions revoked", metadata: ["partitions": "\(partitions.map(\.description))"])
                health.setAssignedPartitions(consumer.assignment.count)
            case .partitionEOF:
                break
            case .error(let error):
                metrics.kafkaError(code: error.code.name)
                logger.info("kafka error", metadata: ["code": "\(error.code.name)", "error": "\(error)"])
            }
        }
    }

    /// Logs and counts what the producer reports apart from the deliveries the publisher awaits: broker
    /// errors, and fire-and-forget sends (fingerprints for the shared log) that were not delivered or only
    /// implicitly acknowledged, which are sent again: their articles wait for verdicts that only the log gives.
    private func watchProducerEvents() async {
        var resendLog = LogThrottle()
        for await event in producer.events {
            switch event {
            case .error(let error):
                metrics.kafkaError(code: error.code.name)
                logger.info("kafka producer error", metadata: ["code": "\(error.code.name)", "error": "\(error)"])
            case .deliveryFailed(let report):
                let code = report.error?.code.name ?? "unknown"
                metrics.kafkaError(code: code)
                if let held = resendLog.admit() {
                    logger.warning("fingerprint not delivered to the shared log, sending it again", metadata: [
                        "topic": "\(report.topic)", "partition": "\(report.partition)", "code": "\(code)", "since_last_line": "\(held)",
                    ])
                }
                // A broker refusing the record answers at once: without a pause the resend would spin at its pace.
                if report.error?.code.refusesRecord == true { try? await Task.sleep(for: .milliseconds(100)) }
                await resendFingerprint(report)
            case .deliveryImplicitlyAcknowledged(let report):
                // Its article waits for a verdict that only the fingerprint's return from the log gives: if the
                // broker does not have it, nothing else would ever send it again.
                metrics.implicitlyAcknowledged(topic: report.topic)
                if let held = resendLog.admit() {
                    logger.warning("fingerprint reported delivered without the broker's acknowledgement, sending it again", metadata: [
                        "topic": "\(report.topic)", "partition": "\(report.partition)", "since_last_line": "\(held)",
                    ])
                }
                await resendFingerprint(report)
            }
        }
    }

    /// Sends the fingerprint of `report` again, unless it has come back from the log meanwhile.
    private func resendFingerprint(_ report: KafkaDeliveryReport) async {
        await retryingFingerprintLog { () async throws(KafkaError) in try await self.sequencer.resend(failedSend: report.id) }
    }

    /// Sends WATCHDOG=1 at half systemd's `WatchdogSec=` while the pipeline loop is alive: a loop stuck on one
    /// message longer than the interval (see ``WorkerHealth/stallLimit``) goes silent, and systemd restarts it.
    private func feedWatchdog(every period: Duration) async throws {
        while !Task.isCancelled {
            if health.livenessProblem == nil { notifier.watchdog() }
            try await Task.sleep(for: max(period, .milliseconds(100)))
        }
    }

    /// Every second: readiness, lag gauges, systemd watchdog and status.
    private func monitor() async throws {
        var announcedReady = false
        var tick = 0
        while !Task.isCancelled {
            // A metadata request every tick, on the client's own thread: cheap, and the truth about the
            // broker. (The consumer's cached reachability is not: messages prefetched before an outage,
            // handed out during it, mark the broker reachable; `/readyz` then stayed 200 in an outage.)
            let reachable = await consumer.checkBrokers(timeout: .seconds(2))
            health.setBrokerReachable(reachable)
            health.setAssignedPartitions(consumer.assignment.count)
            let ready = health.readinessProblem == nil
            metrics.ready.record(ready ? 1 : 0)
            if ready && !announcedReady {
                announcedReady = true
                notifier.ready()
                logger.info("ready", metadata: ["partitions": "\(consumer.assignment.count)"])
            }
            if health.livenessProblem == nil {
                metrics.lastProgress.record(Date().timeIntervalSince1970)
            }
            var totalLag: Int64 = 0
            if let lags = try? consumer.cachedLag() {
                for entry in lags {
                    guard let lag = entry.lag else { continue }
                    totalLag += lag
                    metrics.consumerLag(topic: entry.topic, partition: entry.partition.rawValue, messages: lag)
                }
            }
            if tick % 5 == 0 {
                notifier.status("consumed \(metrics.totalConsumed), produced \(metrics.totalProduced), lag \(totalLag), \(ready ? "ready" : health.readinessProblem ?? "")")
            }
            tick += 1
            let size = await sequencer.size
            metrics.indexArticles.record(size.articles)
            metrics.indexBytes.record(size.bytes)
            await committer.commitIfDue()
            try await Task.sleep(for: .seconds(1))
        }
    }

    private var parserConfiguration: ArticleParser.Configuration {
        var parser = ArticleParser.Configuration()
        parser.maxBytes = configuration.parser.maxBytes
        parser.envelopeIDWins = true
        return parser
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
