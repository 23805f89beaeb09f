import Kafka
import NewsCore

/// What one input message turned into, and the input offset to store once its output is acknowledged.
struct PendingOutput: Sendable {
    /// The result of the shared core for the input.
    enum Payload: Sendable {
        /// A parsed article, still waiting for its dedup verdict.
        case article(EnrichedRecord)
        /// The dead-letter record for an input the core rejected.
        case deadLetter(KafkaProducerMessage)
    }

    /// The input, for the dead letter sent when the broker cannot take its output.
    var source: KafkaMessage
    /// The input offset to commit after delivery (message offset + 1).
    var next: KafkaTopicPartitionOffset { source.nextOffset }
    /// The article or dead letter.
    var payload: Payload
    /// When the input was consumed, for the processing-duration histogram.
    var consumedAt: ContinuousClock.Instant
}

/// The hand-off between the intake loop and the publisher: bounded (backpressure), batched, in order.
///
/// Intake appends one ``PendingOutput`` per consumed message and waits while ``limit`` are in flight.
/// The publisher takes everything queued so far as one batch: while a batch is being delivered the
/// next one accumulates, so batches grow with load and stay small when idle.
actor OutputQueue {
    private var queued: [PendingOutput] = []
    private var inFlight = 0
    private var finished = false
    private var spaceWaiters: [CheckedContinuation<Void, Never>] = []
    private var batchWaiter: CheckedContinuation<Void, Never>?
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    /// Messages queued or being delivered, at most.
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Messages queued or being delivered.
    var count: Int { inFlight }

    /// Queues a message's output, waiting while the queue is full.
    func append(_ output: PendingOutput) async {
        while inFlight >= limit && !finished {
            await withCheckedContinuation { spaceWaiters.append($0) }
        }
        inFlight += 1
        queued.append(output)
        batchWaiter?.resume()
        batchWaiter = nil
    }

    /// Everything queued (up to `max`), waiting until there is something; `nil` once finished and empty.
    func takeBatch(max: Int) async -> [PendingOutput]? {
        while queued.isEmpty {
            if finished { return nil }
            await withCheckedContinuation { batchWaiter = $0 }
        }
        let batch = Array(queued.prefix(max))
        queued.removeFirst(batch.count)
        return batch
    }

    /// Frees the room of `count` delivered messages.
    func delivered(_ count: Int) {
        inFlight -= count
        for waiter in spaceWaiters { waiter.resume() }
        spaceWaiters.removeAll()
        if inFlight == 0 {
            for waiter in drainWaiters { waiter.resume() }
            drainWaiters.removeAll()
        }
    }

    /// Waits until every queued message is delivered.
    func drained() async {
        if inFlight == 0 { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    /// The publisher stopped for good (shutdown past its deadline) with messages undelivered: their inputs
    /// stay uncommitted, and nobody waits for them any more.
    func abandon() {
        finished = true
        queued.removeAll()
        delivered(inFlight)
    }

    /// No more appends: the publisher ends after delivering what is queued.
    func finish() {
        finished = true
        batchWaiter?.resume()
        batchWaiter = nil
        for waiter in spaceWaiters { waiter.resume() }
        spaceWaiters.removeAll()
    }
}
