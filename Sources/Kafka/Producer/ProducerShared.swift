import Crdkafka
import Logging
import Synchronization

/// State the delivery-report callback and the poll thread share.
final class ProducerShared: Sendable {
    let events: AsyncStream<KafkaProducerEvent>.Continuation
    let logger: Logger
    let nextID = Atomic<UInt64>(0)
    let delivered = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    private let spaceWaiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    let reachability: BrokerReachabilityTracker
    /// Whether the broker acknowledges each delivery with its offset (`acks` is not 0).
    let offsetsExpected: Bool

    init(events: AsyncStream<KafkaProducerEvent>.Continuation, logger: Logger, reachability: BrokerReachabilityTracker, offsetsExpected: Bool) {
        self.events = events
        self.logger = logger
        self.reachability = reachability
        self.offsetsExpected = offsetsExpected
    }

    /// The delivery-report callback, on the poll thread: resume or count, nothing else.
    func handleDelivery(_ message: UnsafePointer<rd_kafka_message_t>) {
        let raw = message.pointee
        let bits = UInt(bitPattern: raw._private)
        let ok = raw.err == RD_KAFKA_RESP_ERR_NO_ERROR
        if ok {
            delivered.add(1, ordering: .relaxed)
            reachability.set(.reachable)
        } else {
            failed.add(1, ordering: .relaxed)
        }
        if bits & 1 == 1 {
            let report = report(raw, id: UInt64(bits >> 1))
            if !ok {
                events.yield(.deliveryFailed(report))
            } else if report.isImplicitlyAcknowledged {
                events.yield(.deliveryImplicitlyAcknowledged(report))
            }
            return
        }
        guard let opaque = raw._private else { return }
        let slot = Unmanaged<DeliverySlot>.fromOpaque(opaque).takeRetainedValue()
        let report = report(raw, id: slot.id)
        switch slot.target {
        case .single(let single): single.complete(report)
        case .batch(let batch): batch.complete(report)
        }
    }

    private func report(_ raw: rd_kafka_message_t, id: UInt64) -> KafkaDeliveryReport {
        let ok = raw.err == RD_KAFKA_RESP_ERR_NO_ERROR
        return KafkaDeliveryReport(
            id: id,
            topic: raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: KafkaPartition(rawValue: raw.partition),
            offset: raw.offset >= 0 ? KafkaOffset(rawValue: raw.offset) : nil,
            error: ok ? nil : KafkaError(raw.err),
            // A broker's acknowledgement carries the offset; librdkafka's inference from a later batch does not.
            isImplicitlyAcknowledged: ok && raw.offset < 0 && offsetsExpected
        )
    }

    func waitForSpace() async {
        await withCheckedContinuation { continuation in
            spaceWaiters.withLock { $0.append(continuation) }
        }
    }

    /// Called by the poll thread after each poll: reports freed space (or time passed).
    func resumeSpaceWaiters() {
        let waiters = spaceWaiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            guard !waiters.isEmpty else { return [] }
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
