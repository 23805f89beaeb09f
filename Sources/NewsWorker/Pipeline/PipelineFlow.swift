import CoreMetrics
import Foundation
import Kafka
import Logging
import NewsDedup
import Synchronization

/// The stages of the worker, chained and streaming: decode/parse → fingerprint → sequence → encode →
/// produce → commit, with their seams (``MessageSource``, ``RecordSink``, ``FingerprintLog``) as parameters,
/// so the whole chain runs on in-memory fakes in unit tests and on Kafka in production (``Pipeline``).
///
/// *Intake* (one task) takes the messages available as one batch, waits for room in the
/// ``InFlightBudget`` (messages and bytes), parses and fingerprints the batch on every core
/// (``WorkerPool``), appends its fingerprints to the log in one call and queues the batch. *Lanes* (several
/// tasks, so several batches are in flight) each take a queued batch, wait once for all its verdicts, encode
/// it on every core, produce it and wait for its acknowledgements; its input offsets are then stored as soon
/// as every earlier batch of the same partitions is done too (``OffsetTracker``): at-least-once, committed
/// in partition order, verdicts in log order. No per-message hop between tasks.
final class PipelineFlow: Sendable {
    /// How much work the flow holds, and how it stops.
    struct Settings: Sendable {
        /// Messages and input bytes between intake and commit, at most.
        var budget: InFlightBudget.Limits
        /// Messages intake takes as one batch, at most.
        var batchMessages: Int
        /// Input bytes intake takes as one batch, at most (a batch holds at least one message).
        var batchBytes: Int
        /// Batches finished at once (waiting for verdicts, encoding, awaiting acknowledgements).
        var lanes: Int
        /// Time to deliver what is in flight once intake stopped; what is not delivered by then stays uncommitted.
        var drain: Duration
        /// The pause before records that failed are sent again. Default: ``RetryBackoff``'s
        var retryBackoff = RetryBackoff()
        /// Test hook (`NEWSWORKER_FAULT_STALL_PIPELINE=1`): intake hangs on its first batch.
        var stallForTesting = false

        /// The settings `configuration` implies.
        init(configuration: WorkerConfiguration) {
            let worker = configuration.worker
            self.init(
                budget: InFlightBudget.Limits(messages: worker.maxInFlight, bytes: worker.maxInFlightBytes),
                batchMessages: max(1, min(1000, worker.maxInFlight / 4)),
                batchBytes: max(1, worker.maxInFlightBytes / 4),
                lanes: 4,
                drain: ShutdownBudget(grace: worker.shutdownGraceSeconds).drain
            )
        }

        init(budget: InFlightBudget.Limits, batchMessages: Int, batchBytes: Int, lanes: Int, drain: Duration) {
            self.budget = budget
            self.batchMessages = batchMessages
            self.batchBytes = batchBytes
            self.lanes = lanes
            self.drain = drain
        }
    }

    /// A batch between intake and commit.
    private struct Batch: Sendable {
        var inputs: [ParsedInput]
        var ticket: VerdictSequencer.Ticket
        var offsets: OffsetTracker.Batch
        var bytes: Int
        var consumedAt: ContinuousClock.Instant
    }

    let settings: Settings
    let source: any MessageSource
    let log: any FingerprintLog
    let sequencer: VerdictSequencer
    let parse: ParseStage
    let encode: EncodeStage
    let produce: ProduceStage
    let committer: OffsetCommitter
    let budget: InFlightBudget
    let pool: WorkerPool
    let metrics: WorkerMetrics
    let health: WorkerHealth
    let logger: Logger
    /// Called once intake stopped, before in-flight work is finished (readiness, systemd STOPPING=1).
    let onStopping: @Sendable () -> Void
    private let tracker = Mutex(OffsetTracker())
    private let queue = BatchQueue<Batch>()
    private let stopSignal = StopSignal()

    init(
        configuration: WorkerConfiguration, workerID: String, settings: Settings,
        source: any MessageSource, sink: any RecordSink, log: any FingerprintLog, sequencer: VerdictSequencer,
        metrics: WorkerMetrics, health: WorkerHealth, logger: Logger, pool: WorkerPool = WorkerPool(),
        onStopping: @escaping @Sendable () -> Void = {}
    ) {
        self.settings = settings
        self.source = source
        self.log = log
        self.sequencer = sequencer
        let routing = OutputRouting(configuration: configuration.kafka, workerID: workerID)
        parse = ParseStage(configuration: configuration, workerID: workerID)
        encode = EncodeStage(routing: routing)
        let fallback = RecordFallback(
            deadLetterTopic: configuration.kafka.dlqTopic, worker: workerID,
            limit: RecordSizeLimit(properties: configuration.kafka.properties)
        )
        produce = ProduceStage(sink: sink, fallback: fallback, metrics: metrics, logger: logger, backoff: settings.retryBackoff)
        committer = OffsetCommitter(source: source, metrics: metrics, logger: logger)
        budget = InFlightBudget(limits: settings.budget)
        self.pool = pool
        self.metrics = metrics
        self.health = health
        self.logger = logger
        self.onStopping = onStopping
    }

    /// Runs until the source ends or ``stop()``, then finishes in-flight work for at most
    /// ``Settings/drain``: what it could not deliver stays uncommitted, for the next owner of the partitions
    /// to process again. Does not commit at the end: the caller does, after flushing.
    /// - Throws: What ended the source, once in-flight work is finished.
    func run() async throws {
        var failure: (any Error)?
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.followLog() }
            await withTaskGroup(of: LaneEnd.self) { lanes in
                for _ in 0..<max(1, settings.lanes) {
                    lanes.addTask {
                        await self.runLane()
                        return .lane
                    }
                }
                failure = await intakeUntilStopped()
                onStopping()
                queue.finish()
                logger.info("stopping: finishing in-flight work", metadata: ["in_flight": "\(budget.usage.messages)", "within": "\(settings.drain)"])
                lanes.addTask {
                    try? await Task.sleep(for: self.settings.drain)
                    return .deadline
                }
                var running = max(1, settings.lanes)
                while running > 0, let end = await lanes.next(), end == .lane { running -= 1 }
                lanes.cancelAll()
            }
            let undelivered = budget.usage.messages
            if undelivered > 0 {
                logger.warning("stopped before delivering every output: their inputs stay uncommitted and will be processed again", metadata: ["undelivered": "\(undelivered)"])
            }
            budget.close()
            publishInFlight()
            group.cancelAll()
        }
        if let failure { throw failure }
    }

    /// Stops intake (graceful shutdown): ``run()`` then finishes what is in flight and returns.
    func stop() {
        stopSignal.fire()
    }

    /// Waits until in-flight outputs are acknowledged and their offsets stored, then commits: called when
    /// partitions are revoked, before the consumer gives them up.
    func finishInFlight() async {
        await budget.drained()
        await committer.commitNow()
    }

    private enum LaneEnd: Sendable { case lane, deadline }

    // MARK: Intake

    private func intakeUntilStopped() async -> (any Error)? {
        await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    try await self.intake()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                await self.stopSignal.wait()
                return nil
            }
            var failure: (any Error)?
            if case .failure(let error) = await group.next() ?? nil { failure = error }
            group.cancelAll()
            for await case .failure(let error)? in group { failure = failure ?? error }
            return failure
        }
    }

    private func intake() async throws {
        let parse = self.parse
        // Stopped (cancelled) means stopped at once, even with messages buffered: they stay uncommitted.
        while !Task.isCancelled, let messages = try await source.nextBatch(maxMessages: settings.batchMessages, maxBytes: settings.batchBytes) {
            let bytes = messages.reduce(0) { $0 + $1.value.count }
            guard await budget.acquire(messages: messages.count, bytes: bytes) else { return }
            guard !Task.isCancelled else {
                budget.release(messages: messages.count, bytes: bytes)
                return
            }
            publishInFlight()
            health.beginWork()
            if settings.stallForTesting { await hangForever() }
            let consumedAt = ContinuousClock.now
            countConsumed(messages)
            let inputs = await pool.map(messages) { parse.parse($0) }
            var fingerprints: [DocumentFingerprint] = []
            for input in inputs {
                switch input.payload {
                case .article(_, let fingerprint):
                    fingerprints.append(fingerprint)
                case .deadLetter(_, let reason):
                    metrics.deadLettered(topic: input.source.topic, reason: reason)
                    logger.info("dead-lettered", metadata: ["reason": "\(reason)", "partition": "\(input.source.partition)", "offset": "\(input.source.offset)"])
                }
            }
            let ticket = sequencer.expect(fingerprints.map(\.id))
            guard await append(fingerprints) else {
                sequencer.abandon(ticket)
                budget.release(messages: messages.count, bytes: bytes)
                return
            }
            health.endWork()
            let offsets = tracker.withLock { $0.register(messages) }
            queue.push(Batch(inputs: inputs, ticket: ticket, offsets: offsets, bytes: bytes, consumedAt: consumedAt))
        }
    }

    private func countConsumed(_ messages: [KafkaMessage]) {
        var byTopic: [String: Int] = [:]
        let now = Date().timeIntervalSince1970 * 1000
        for message in messages {
            byTopic[message.topic, default: 0] += 1
            if let timestamp = message.timestamp {
                let lag = now - Double(timestamp.millisecondsSinceEpoch)
                metrics.endToEndLag.recordNanoseconds(Int64(max(0, lag) * 1_000_000))
            }
        }
        for (topic, count) in byTopic { metrics.consumed(topic: topic, count: count) }
    }

    /// Appends `fingerprints` to the log, backing off (up to 5 s) while it cannot take them.
    /// - Returns: `false` when cancelled first.
    private func append(_ fingerprints: [DocumentFingerprint]) async -> Bool {
        var rest = fingerprints[...]
        return await RetryBackoff.retry { () async throws(FingerprintAppendError) in
            guard !rest.isEmpty else { return }
            try await log.append(rest)
        } failed: { error, failures in
            rest = rest.dropFirst(error.appended)
            metrics.kafkaError(code: error.cause.code.name)
            logger.warning("fingerprint log unavailable, retrying", metadata: ["error": "\(error.cause)", "attempt": "\(failures)"])
        }
    }

    private func hangForever() async {
        logger.warning("NEWSWORKER_FAULT_STALL_PIPELINE is set: the pipeline loop hangs (test hook)")
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }

    // MARK: Lanes

    private func runLane() async {
        while let batch = await queue.next() {
            guard await finish(batch) else { return }
        }
    }

    /// Verdicts, encoding, delivery and offsets of one batch. `false` when cancelled first.
    private func finish(_ batch: Batch) async -> Bool {
        guard let verdicts = await sequencer.verdicts(for: batch.ticket) else { return false }
        for verdict in verdicts { metrics.verdict(verdict.status.rawValue) }
        var next = verdicts.makeIterator()
        let judged = batch.inputs.map { input -> (ParsedInput, DedupVerdict?) in
            if case .article = input.payload { return (input, next.next()) }
            return (input, nil)
        }
        let encode = self.encode
        var records = await pool.map(judged) { encode.records(for: $0.0, verdict: $0.1) }.flatMap { $0 }
        guard await produce.deliver(&records) else { return false }
        var producedByTopic: [String: Int] = [:]
        for record in records { producedByTopic[record.message.topic, default: 0] += 1 }
        for (topic, count) in producedByTopic { metrics.produced(topic: topic, count: count) }
        let elapsed = (ContinuousClock.now - batch.consumedAt).nanoseconds
        for _ in batch.inputs { metrics.processing.recordNanoseconds(elapsed) }
        let progress = tracker.withLock { $0.complete(batch.offsets) }
        // Stored before the room is given back: a revoke waiting for the drain then commits them.
        await committer.store(progress)
        budget.release(messages: batch.inputs.count, bytes: batch.bytes)
        health.recordDelivery()
        publishInFlight()
        await committer.commitIfDue()
        return true
    }

    // MARK: Log

    private func followLog() async {
        let sequencer = sequencer
        do {
            try await log.follow { sequencer.apply($0) }
        } catch {
            logger.warning("stopped reading the fingerprint log", metadata: ["error": "\(error)"])
        }
    }

    private func publishInFlight() {
        let inFlight = budget.usage.messages
        metrics.inFlight.record(inFlight)
        health.setPendingOutputs(inFlight)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (for histograms).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
