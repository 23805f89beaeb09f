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
            async let published: Void = publish()
            var failure: (any Error)?
            do {
                try await intake()
            } catch {
                failure = error
            }
            health.setShuttingDown()
            metrics.ready.record(0)
            notifier.stopping()
            let inFlight = await queue.count
            logger.info("stopping: finishing in-flight work", metadata: ["in_flight": "\(inFlight)"])
            await queue.finish()
            await published
            do {
                try await producer.flush(timeout: .seconds(max(1, configuration.worker.shutdownGraceSeconds / 2)))
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
            await queue.append(PendingOutput(next: message.nextOffset, payload: payload, consumedAt: consumedAt))
            metrics.inFlight.record(await queue.count)
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

    private func publish() async {
        let output = OutputRouting(configuration: configuration.kafka, workerID: workerID)
        while let batch = await queue.takeBatch(max: 5000) {
            var records: [KafkaProducerMessage] = []
            for item in batch {
                switch item.payload {
                case .article(var record):
                    let verdict = await sequencer.verdict(for: record.article.id)
                    record.dedup = verdict
                    metrics.verdict(verdict.status.rawValue)
                    records += output.records(for: record)
                case .deadLetter(let record):
                    records.append(record)
                }
            }
            await deliver(records)
            var producedByTopic: [String: Int] = [:]
            for record in records { producedByTopic[record.topic, default: 0] += 1 }
            for item in batch {
                metrics.processing.recordNanoseconds((ContinuousClock.now - item.consumedAt).nanoseconds)
            }
            for (topic, count) in producedByTopic { metrics.produced(topic: topic, count: count) }
            await committer.store(batch.map(\.next))
            await queue.delivered(batch.count)
            metrics.inFlight.record(await queue.count)
            await committer.commitIfDue()
        }
    }

    /// Produces records until every one is acknowledged. librdkafka retries internally (idempotent
    /// producer); a record that still fails (e.g. `message.timeout.ms` elapsed during an outage) is sent again.
    private func deliver(_ records: [KafkaProducerMessage]) async {
        var pending = records
        var attempt = 0
        while !pending.isEmpty {
            var failed: [KafkaProducerMessage] = []
            do throws(KafkaError) {
                let reports = try await producer.produce(pending)
                for (record, report) in zip(pending, reports) where !report.isSuccess {
                    failed.append(record)
                    if let error = report.error { metrics.kafkaError(code: error.code.name) }
                }
            } catch {
                // Not enqueued (e.g. closed, message too large for the broker): retry the whole batch.
                metrics.kafkaError(code: error.code.name)
                failed = pending
            }
            if failed.isEmpty { return }
            attempt += 1
            logger.warning("delivery failed, retrying", metadata: ["records": "\(failed.count)", "attempt": "\(attempt)"])
            try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(attempt, 6))))
            pending = failed
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
    /// errors, and fire-and-forget sends (fingerprints for the shared log) that were not delivered, which
    /// are sent again: their articles wait for verdicts that only the log gives.
    private func watchProducerEvents() async {
        for await event in producer.events {
            switch event {
            case .error(let error):
                metrics.kafkaError(code: error.code.name)
                logger.info("kafka producer error", metadata: ["code": "\(error.code.name)", "error": "\(error)"])
            case .deliveryFailed(let report):
                let code = report.error?.code.name ?? "unknown"
                metrics.kafkaError(code: code)
                logger.warning("fingerprint not delivered to the shared log, sending it again", metadata: [
                    "topic": "\(report.topic)", "partition": "\(report.partition)", "code": "\(code)",
                ])
                await retryingFingerprintLog { () async throws(KafkaError) in try await self.sequencer.resend(failedSend: report.id) }
            }
        }
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
            var reachable = consumer.brokerReachability == .reachable
            if !reachable || tick % 5 == 0 {
                // A metadata request on the client's own thread: cheap, and the truth about the broker.
                reachable = await consumer.checkBrokers(timeout: .seconds(2))
            }
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
