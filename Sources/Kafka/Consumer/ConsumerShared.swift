import Crdkafka
import Dispatch
import Logging
import Synchronization

/// State the rebalance callback and the poll thread share.
final class ConsumerShared: Sendable {
    let buffer: MessageBuffer
    let events: AsyncStream<KafkaConsumerEvent>.Continuation
    let logger: Logger
    let revokeHandler: (@Sendable ([KafkaTopicPartition]) async -> Void)?
    let revokeHandlerTimeout: Duration
    private let assigned = Mutex<[KafkaTopicPartition]>([])
    /// Bumped on each rebalance: the poll thread drops its topic-name cache.
    let rebalanceGeneration = Atomic<Int>(0)

    init(
        buffer: MessageBuffer, events: AsyncStream<KafkaConsumerEvent>.Continuation, logger: Logger,
        revokeHandler: (@Sendable ([KafkaTopicPartition]) async -> Void)?, revokeHandlerTimeout: Duration
    ) {
        self.buffer = buffer
        self.events = events
        self.logger = logger
        self.revokeHandler = revokeHandler
        self.revokeHandlerTimeout = revokeHandlerTimeout
    }

    var assignment: [KafkaTopicPartition] { assigned.withLock { $0 } }
    func setAssignment(_ partitions: [KafkaTopicPartition]) { assigned.withLock { $0 = partitions } }

    /// The rebalance callback, on the poll thread (or the thread calling `rd_kafka_consumer_close`).
    func handleRebalance(rk: OpaquePointer, err: rd_kafka_resp_err_t, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        rebalanceGeneration.add(1, ordering: .relaxed)
        let partitions = RDKafkaTopicPartitionList.toSwift(list).map(\.topicPartition)
        let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } == "COOPERATIVE"
        let described = Logger.MetadataValue.string(partitions.map(\.description).joined(separator: ","))
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, list) { events.yield(.error(KafkaError(consuming: error))) }
                assigned.withLock { $0.append(contentsOf: partitions) }
            } else {
                let err = rd_kafka_assign(rk, list)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { events.yield(.error(KafkaError(err, message: "assign failed"))) }
                assigned.withLock { $0 = partitions }
            }
            logger.info("Kafka partitions assigned", metadata: [KafkaLoggingKeys.partitions: described])
            events.yield(.partitionsAssigned(partitions))

        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            logger.info("Kafka partitions revoked", metadata: [KafkaLoggingKeys.partitions: described])
            buffer.removeMessages(of: Set(partitions))
            events.yield(.partitionsRevoked(partitions))
            runRevokeHandler(partitions)
            // Commit what the application stored for these partitions before giving them up.
            let commitErr = rd_kafka_commit(rk, nil, 0)
            if commitErr != RD_KAFKA_RESP_ERR_NO_ERROR, commitErr != RD_KAFKA_RESP_ERR__NO_OFFSET {
                events.yield(.error(KafkaError(commitErr, message: "commit on revoke failed: \(KafkaError.Code(commitErr).text)")))
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(rk, list) { events.yield(.error(KafkaError(consuming: error))) }
                let gone = Set(partitions)
                assigned.withLock { $0.removeAll { gone.contains($0) } }
            } else {
                _ = rd_kafka_assign(rk, nil)
                assigned.withLock { $0 = [] }
            }

        default:
            events.yield(.error(KafkaError(err, message: "rebalance failed: \(KafkaError.Code(err).text)")))
            _ = rd_kafka_assign(rk, nil)
            assigned.withLock { $0 = [] }
        }
    }

    /// Runs the async revoke handler and waits for it on this (non-pool) thread, bounded by the timeout.
    private func runRevokeHandler(_ partitions: [KafkaTopicPartition]) {
        guard let revokeHandler else { return }
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            await revokeHandler(partitions)
            done.signal()
        }
        if done.wait(timeout: .now() + .milliseconds(Int(revokeHandlerTimeout.milliseconds))) == .timedOut {
            task.cancel()
            logger.info("Kafka revoke handler timed out; giving the partitions up anyway")
        }
    }
}
