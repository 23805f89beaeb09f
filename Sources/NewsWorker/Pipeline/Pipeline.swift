import CoreMetrics
import Foundation
import Kafka
import Metrics
import Logging
import NewsCore
import NewsDedup
import ServiceLifecycle

/// The worker's main job on Kafka: consume raw articles, run the stages of a ``PipelineFlow``, publish
/// records, commit; plus what watches it (rebalance and producer events, readiness, lag, systemd).
///
/// An input offset is committed only after its output (or dead letter) is acknowledged, in partition
/// order: at-least-once. Verdicts are those of the shared fingerprint log's order.
final class Pipeline: Sendable {
    let configuration: WorkerConfiguration
    let consumer: KafkaConsumer
    let metrics: WorkerMetrics
    let health: WorkerHealth
    let notifier: SystemdNotifier
    let logger: Logger
    let flow: PipelineFlow
    let sequencer: VerdictSequencer
    /// The shared fingerprint log (`nil` in local dedup mode).
    let sharedLog: KafkaFingerprintLog?
    let producer: KafkaProducer

    init(
        configuration: WorkerConfiguration,
        workerID: String,
        consumer: KafkaConsumer,
        producer: KafkaProducer,
        metrics: WorkerMetrics,
        health: WorkerHealth,
        notifier: SystemdNotifier,
        logger: Logger,
        sharedLog: KafkaFingerprintLog?,
        stallForTesting: Bool
    ) {
        self.configuration = configuration
        self.consumer = consumer
        self.producer = producer
        self.metrics = metrics
        self.health = health
        self.notifier = notifier
        self.logger = logger
        self.sharedLog = sharedLog
        let sequencer = VerdictSequencer(configuration: configuration.dedup.index)
        self.sequencer = sequencer
        var settings = PipelineFlow.Settings(configuration: configuration)
        settings.stallForTesting = stallForTesting
        flow = PipelineFlow(
            configuration: configuration, workerID: workerID, settings: settings,
            source: consumer, sink: ProducerSink(producer: producer), log: sharedLog ?? LocalFingerprintLog(), sequencer: sequencer,
            metrics: metrics, health: health, logger: logger,
            onStopping: { [health, metrics, notifier] in
                health.setShuttingDown()
                metrics.ready.record(0)
                notifier.stopping()
            }
        )
    }

    /// Consumes until graceful shutdown, then finishes in-flight work, flushes and commits.
    func run() async throws {
        try await consumer.subscribe(topics: [configuration.kafka.inputTopic])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.watchEvents() }
            group.addTask { await self.watchProducerEvents() }
            group.addTask { try await self.monitor() }
            if let interval = notifier.watchdogInterval {
                group.addTask { try await self.feedWatchdog(every: interval / 2) }
            }
            var failure: (any Error)?
            do {
                try await withGracefulShutdownHandler {
                    try await flow.run()
                } onGracefulShutdown: {
                    self.flow.stop()
                }
            } catch {
                failure = error
            }
            let budget = ShutdownBudget(grace: configuration.worker.shutdownGraceSeconds)
            do {
                try await producer.flush(timeout: budget.flush)
            } catch {
                logger.warning("flush on shutdown failed", metadata: ["error": "\(error)"])
            }
            await flow.committer.commitNow()
            await consumer.close()
            await sharedLog?.close()
            group.cancelAll()
            if let failure { throw failure }
        }
    }

    /// Waits until in-flight outputs are acknowledged and their offsets stored: called when partitions are
    /// revoked, before the consumer commits and gives them up.
    func finishInFlight() async {
        await flow.finishInFlight()
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

    /// Logs and counts what the producer reports apart from the deliveries the produce stage awaits: broker
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

    /// Sends the fingerprint of `report` again (unless it has come back from the log meanwhile), retrying
    /// with a backoff of up to 5 s while the producer refuses it.
    private func resendFingerprint(_ report: KafkaDeliveryReport) async {
        guard let sharedLog else { return }
        _ = await RetryBackoff.retry { () async throws(KafkaError) in
            try await sharedLog.resend(failedSend: report.id)
        } failed: { error, failures in
            metrics.kafkaError(code: error.code.name)
            logger.warning("fingerprint log unavailable, retrying", metadata: ["error": "\(error)", "attempt": "\(failures)"])
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
            let size = sequencer.size
            metrics.indexArticles.record(size.articles)
            metrics.indexBytes.record(size.bytes)
            await flow.committer.commitIfDue()
            try await Task.sleep(for: .seconds(1))
        }
    }
}
