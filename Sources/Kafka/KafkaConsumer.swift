import Crdkafka
public import Logging

/// A consumer-group member: messages as an async sequence, rebalances as events, explicit offsets.
///
/// Threading: one dedicated thread per consumer polls librdkafka (`rd_kafka_consume_batch_queue`
/// with a 100 ms timeout) and serves its callbacks, handing messages to a bounded buffer that
/// ``messages`` drains; blocking calls (commit, committed, watermarks, close, destroy) run on a
/// serial queue of the consumer's own. Nothing here blocks Swift's cooperative thread pool.
///
/// ```swift
/// let consumer = try KafkaConsumer(configuration: config, logger: logger) { revoked in
///     await pipeline.finishInFlight(of: revoked)   // then store their offsets
/// }
/// for try await message in consumer.messages {
///     try await handle(message)
///     try consumer.storeOffset(message)             // committed in the background
/// }
/// await consumer.close()
/// ```
public final class KafkaConsumer: Sendable {
    /// The consumed messages; ends after ``close()``.
    public let messages: KafkaConsumerMessages
    /// Rebalances, partition EOFs and errors; ends after ``close()``.
    public let events: KafkaConsumerEvents
    let runtime: ConsumerRuntime

    /// Creates the consumer and starts its poll thread; subscribes to ``KafkaConsumerConfiguration/topics`` if any.
    /// - Parameters:
    ///   - configuration: Brokers, group and tuning; passthrough properties go to librdkafka verbatim.
    ///   - logger: Receives librdkafka's logs (at info and below) and lifecycle messages.
    ///   - onPartitionsRevoked: Runs before revoked partitions are given up (bounded by
    ///     ``KafkaConsumerConfiguration/revokeHandlerTimeout``): finish or abandon in-flight messages of
    ///     those partitions and ``storeOffset(_:)`` what is done; stored offsets are then committed synchronously.
    /// - Throws: ``KafkaError`` naming the key if librdkafka rejects a property.
    public init(
        configuration: KafkaConsumerConfiguration,
        logger: Logger,
        onPartitionsRevoked: (@Sendable ([KafkaTopicPartition]) async -> Void)? = nil
    ) throws(KafkaError) {
        var logger = logger
        logger[metadataKey: KafkaLoggingKeys.clientID] = .string(configuration.kafka.clientID)
        logger[metadataKey: KafkaLoggingKeys.groupID] = .string(configuration.groupID)
        let (stream, continuation) = AsyncStream.makeStream(of: KafkaConsumerEvent.self, bufferingPolicy: .bufferingNewest(1024))
        let shared = ConsumerShared(
            buffer: MessageBuffer(capacity: configuration.maxBufferedMessages, maxBytes: configuration.maxBufferedBytes),
            events: continuation,
            logger: logger,
            revokeHandler: onPartitionsRevoked,
            revokeHandlerTimeout: configuration.revokeHandlerTimeout
        )
        let context = RDKafkaCallbackContext(
            logger: logger,
            onError: { [shared] error in shared.events.yield(.error(error)) },
            onRebalance: { [shared] rk, err, list in shared.handleRebalance(rk: rk, err: err, list: list) }
        )
        let client = try RDKafkaClient.make(kind: .consumer, properties: configuration.librdkafkaProperties, context: context)
        logger.info(
            "Kafka consumer created",
            metadata: [
                KafkaLoggingKeys.librdkafkaVersion: .string(LibrdkafkaVersion.runtime),
                KafkaLoggingKeys.configuration: .string(configuration.description),
            ]
        )
        self.runtime = ConsumerRuntime(client: client, shared: shared, initialTopics: configuration.topics)
        self.messages = KafkaConsumerMessages(buffer: shared.buffer)
        self.events = KafkaConsumerEvents(stream: stream)
        runtime.start()
    }

    deinit {
        runtime.requestClose()
    }

    // MARK: Subscription

    /// Subscribes to `topics` (replacing any subscription); partitions arrive through rebalances.
    public func subscribe(topics: [String]) async throws(KafkaError) {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(topics.map { KafkaTopicPartitionOffset(topic: $0, partition: .unassigned, offset: .invalid) }) { list throws(KafkaError) in
                try KafkaError.check(rd_kafka_subscribe(rk, list), "subscribe")
            }
        }
    }

    /// Consumes exactly these partitions, without group rebalancing (offsets are still committed for the group).
    /// Use ``KafkaOffset/beginning``, ``KafkaOffset/end``, ``KafkaOffset/stored`` or a concrete offset.
    public func assign(_ partitions: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            // Learn the leaders first: partitions assigned before metadata is known wait for
            // librdkafka's 500 ms offset-query retry timer.
            for topic in Set(partitions.map(\.topic)) {
                guard let rkt = rd_kafka_topic_new(rk, topic, nil) else { continue }
                var metadata: UnsafePointer<rd_kafka_metadata>?
                _ = rd_kafka_metadata(rk, 0, rkt, &metadata, 5000)
                if let metadata { rd_kafka_metadata_destroy(metadata) }
                rd_kafka_topic_destroy(rkt)
            }
            try RDKafkaTopicPartitionList.with(partitions) { list throws(KafkaError) in
                try KafkaError.check(rd_kafka_assign(rk, list), "assign")
            }
        }
        runtime.shared.setAssignment(partitions.map(\.topicPartition))
    }

    /// The partitions currently assigned (as of the last rebalance or ``assign(_:)``). Cheap.
    public var assignment: [KafkaTopicPartition] { runtime.shared.assignment }

    // MARK: Offsets

    /// Marks `message` processed: its offset + 1 will be committed (automatically, or by ``commit()``).
    /// Non-blocking; safe from any task.
    /// - Throws: ``KafkaError`` (e.g. `_STATE` if the partition is no longer assigned).
    public func storeOffset(_ message: KafkaMessage) throws(KafkaError) {
        try storeOffsets([message.nextOffset])
    }

    /// Stores offsets (each the *next* offset to read) for commit. Non-blocking.
    public func storeOffsets(_ offsets: [KafkaTopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try runtime.client.withHandle { rk throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(offsets) { list throws(KafkaError) in
                try KafkaError.check(rd_kafka_offsets_store(rk, list), "store offsets")
                if let error = RDKafkaTopicPartitionList.firstError(list) { throw error }
            }
        }
    }

    /// Commits the stored offsets now and waits for the broker (on the consumer's blocking queue).
    /// Succeeds when there is nothing to commit.
    public func commit() async throws(KafkaError) {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            let err = rd_kafka_commit(rk, nil, 0)
            if err == RD_KAFKA_RESP_ERR__NO_OFFSET { return }
            try KafkaError.check(err, "commit")
        }
    }

    /// Commits these offsets (each the *next* offset to read) and waits for the broker. Offsets of partitions
    /// not in the ``assignment`` (as of the call reaching librdkafka) are left out: sent while the member
    /// rejoins its group, a commit carries no valid generation, and librdkafka 2.0.2 answered the refusal by
    /// failing the rejoin (see `OffsetCommitter`).
    public func commit(offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try await runtime.client.runBlocking { [shared = runtime.shared] rk throws(KafkaError) in
            let assigned = Set(shared.assignment)
            let owned = offsets.filter { assigned.contains($0.topicPartition) }
            guard !owned.isEmpty else { return }
            try RDKafkaTopicPartitionList.with(owned) { list throws(KafkaError) in
                try KafkaError.check(rd_kafka_commit(rk, list, 0), "commit")
                if let error = RDKafkaTopicPartitionList.firstError(list) { throw error }
            }
        }
    }

    /// The group's committed offsets for `partitions` (``KafkaOffset/invalid`` where none).
    public func committed(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [KafkaTopicPartitionOffset] {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(partitions.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .invalid) }) { list throws(KafkaError) in
                try KafkaError.check(rd_kafka_committed(rk, list, timeout.clampedMilliseconds), "committed")
                return RDKafkaTopicPartitionList.toSwift(list)
            }
        }
    }

    // MARK: Flow control

    /// Stops fetching from `partitions` until ``resume(_:)`` (buffered messages are still delivered).
    public func pause(_ partitions: [KafkaTopicPartition]) async throws(KafkaError) {
        try await pauseOrResume(partitions, pause: true)
    }

    /// Resumes fetching from paused `partitions`.
    public func resume(_ partitions: [KafkaTopicPartition]) async throws(KafkaError) {
        try await pauseOrResume(partitions, pause: false)
    }

    private func pauseOrResume(_ partitions: [KafkaTopicPartition], pause: Bool) async throws(KafkaError) {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(partitions.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .invalid) }) { list throws(KafkaError) in
                try KafkaError.check(pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list), pause ? "pause" : "resume")
                if let error = RDKafkaTopicPartitionList.firstError(list) { throw error }
            }
        }
    }

    // MARK: Lag and health

    /// Lag per assigned partition, asking the brokers for watermarks and committed offsets
    /// (on the blocking queue; each request bounded by `timeout`).
    public func lag(timeout: Duration = .seconds(5)) async throws(KafkaError) -> [KafkaPartitionLag] {
        let assignment = runtime.shared.assignment
        guard !assignment.isEmpty else { return [] }
        return try await runtime.client.runBlocking { rk throws(KafkaError) in
            let items = assignment.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .invalid) }
            let positions = try RDKafkaTopicPartitionList.with(items) { list in
                _ = rd_kafka_position(rk, list)
                return RDKafkaTopicPartitionList.toSwift(list)
            }
            let committed = try RDKafkaTopicPartitionList.with(items) { list in
                _ = rd_kafka_committed(rk, list, timeout.clampedMilliseconds)
                return RDKafkaTopicPartitionList.toSwift(list)
            }
            return zip(positions, committed).map { position, committed in
                var low: Int64 = -1
                var high: Int64 = -1
                let err = rd_kafka_query_watermark_offsets(rk, position.topic, position.partition.rawValue, &low, &high, timeout.clampedMilliseconds)
                return KafkaPartitionLag.make(position: position.offset, committed: committed.offset, low: low, high: high, known: err == RD_KAFKA_RESP_ERR_NO_ERROR, of: position)
            }
        }
    }

    /// Lag per assigned partition from locally cached watermarks (updated by fetches): never blocks,
    /// cheap enough for every metrics scrape. Committed offsets are not included.
    public func cachedLag() throws(KafkaError) -> [KafkaPartitionLag] {
        let assignment = runtime.shared.assignment
        guard !assignment.isEmpty else { return [] }
        return try runtime.client.withHandle { rk throws(KafkaError) in
            let items = assignment.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .invalid) }
            let positions = try RDKafkaTopicPartitionList.with(items) { list in
                _ = rd_kafka_position(rk, list)
                return RDKafkaTopicPartitionList.toSwift(list)
            }
            return positions.map { position in
                var low: Int64 = -1
                var high: Int64 = -1
                let err = rd_kafka_get_watermark_offsets(rk, position.topic, position.partition.rawValue, &low, &high)
                return KafkaPartitionLag.make(position: position.offset, committed: nil, low: low, high: high, known: err == RD_KAFKA_RESP_ERR_NO_ERROR && high >= 0, of: position)
            }
        }
    }

    /// Whether the brokers looked reachable at the last signal (messages, errors, probes). Cheap.
    public var brokerReachability: KafkaBrokerReachability { runtime.client.context.reachability.value }

    /// Asks the cluster for metadata (off the cooperative pool) and returns whether it answered within `timeout`.
    public func checkBrokers(timeout: Duration = .seconds(2)) async -> Bool {
        await runtime.client.probeBrokers(timeout: timeout)
    }

    // MARK: Shutdown

    /// Leaves the group (revoking partitions through the revoke handler and committing stored
    /// offsets), ends ``messages`` and ``events``, and frees the client. Idempotent.
    public func close() async {
        await runtime.close()
    }
}

extension KafkaPartitionLag {
    static func make(position: KafkaOffset, committed: KafkaOffset?, low: Int64, high: Int64, known: Bool, of item: KafkaTopicPartitionOffset) -> KafkaPartitionLag {
        let position = position.rawValue >= 0 ? position : nil
        let committed = committed.flatMap { $0.rawValue >= 0 ? $0 : nil }
        var lag: Int64?
        if known, let base = position ?? committed { lag = max(0, high - base.rawValue) }
        return KafkaPartitionLag(
            topic: item.topic, partition: item.partition, position: position, committed: committed,
            lowWatermark: known ? KafkaOffset(rawValue: low) : nil, highWatermark: known ? KafkaOffset(rawValue: high) : nil, lag: lag
        )
    }
}
