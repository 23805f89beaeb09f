import Crdkafka
import Dispatch
import Foundation
public import Logging
import Synchronization

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

    /// Commits these offsets (each the *next* offset to read) and waits for the broker.
    public func commit(offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(offsets) { list throws(KafkaError) in
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

/// The poll thread and lifecycle of one consumer.
final class ConsumerRuntime: Sendable {
    private struct Control {
        var started = false
        var closeRequested = false
        var finished = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        /// The consumer queue, as a bit pattern so the state stays Sendable; set while the poll loop runs.
        var queueBits: UInt = 0
    }

    let client: RDKafkaClient
    let shared: ConsumerShared
    private let initialTopics: [String]
    private let control = Mutex(Control())
    private static let maxBatch = 1024

    init(client: RDKafkaClient, shared: ConsumerShared, initialTopics: [String]) {
        self.client = client
        self.shared = shared
        self.initialTopics = initialTopics
    }

    func start() {
        let thread = Thread { [self] in self.pollLoop() }
        thread.name = "rdkafka-consumer-poll"
        thread.start()
    }

    func requestClose() {
        control.withLock { control in
            control.closeRequested = true
            // Wake a consume call that is waiting for messages.
            if control.queueBits != 0 { rd_kafka_queue_yield(OpaquePointer(bitPattern: control.queueBits)) }
        }
        shared.buffer.wakePoller()
    }

    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = control.withLock { control -> Bool in
                if control.finished { return true }
                control.closeWaiters.append(continuation)
                return false
            }
            if alreadyDone { continuation.resume() }
            requestClose()
        }
    }

    private var closeRequested: Bool { control.withLock { $0.closeRequested } }

    private func pollLoop() {
        let rk = client.unsafeHandle
        rd_kafka_poll_set_consumer(rk)
        let queue = rd_kafka_queue_get_consumer(rk)!
        control.withLock { $0.queueBits = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(queue))) }

        if !initialTopics.isEmpty {
            let topics = initialTopics.map { KafkaTopicPartitionOffset(topic: $0, partition: .unassigned, offset: .invalid) }
            do throws(KafkaError) {
                try RDKafkaTopicPartitionList.with(topics) { list throws(KafkaError) in
                    try KafkaError.check(rd_kafka_subscribe(rk, list), "subscribe")
                }
            } catch {
                shared.events.yield(.error(error))
            }
        }

        let batch = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: Self.maxBatch)
        defer { batch.deallocate() }
        var converter = MessageConverter()
        var generation = shared.rebalanceGeneration.load(ordering: .relaxed)
        var lastProbe = ContinuousClock.now

        while !closeRequested {
            let space = shared.buffer.freeSpace
            if space <= 0 {
                shared.buffer.waitForSpace(timeoutMilliseconds: 100)
                continue
            }
            // rd_kafka_consume_batch_queue waits until the batch is full or the timeout passed: wait
            // for one message only, then take whatever else is queued without waiting (low latency
            // for sparse traffic, big batches under load).
            var count = rd_kafka_consume_batch_queue(queue, 100, batch, 1)
            if count == 1, space > 1 {
                let more = rd_kafka_consume_batch_queue(queue, 0, batch + 1, min(space, Self.maxBatch) - 1)
                if more > 0 { count += more }
            }
            let currentGeneration = shared.rebalanceGeneration.load(ordering: .relaxed)
            if currentGeneration != generation {
                converter.forgetTopics()
                generation = currentGeneration
            }
            if count > 0 {
                var messages: [KafkaMessage] = []
                messages.reserveCapacity(count)
                for index in 0..<count {
                    guard let message = batch[index] else { continue }
                    if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                        messages.append(converter.convert(message))
                    } else {
                        handleMessageError(message, converter: &converter)
                    }
                    rd_kafka_message_destroy(message)
                }
                if !messages.isEmpty {
                    client.context.reachability.set(.reachable)
                    shared.buffer.push(messages)
                }
            }
            // While the brokers look down, probe them every 2 s (on the blocking queue) to notice recovery.
            if client.context.reachability.value == .unreachable, lastProbe.duration(to: .now) > .seconds(2) {
                lastProbe = .now
                client.scheduleProbe(timeout: .seconds(1))
            }
        }

        // Leave the group: serves the final revoke (and our revoke handler) on this thread.
        shared.logger.info("Kafka consumer closing")
        let err = rd_kafka_consumer_close(rk)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { shared.events.yield(.error(KafkaError(err, message: "close: \(KafkaError.Code(err).text)"))) }
        control.withLock { $0.queueBits = 0 }
        rd_kafka_queue_destroy(queue)
        shared.buffer.finish()
        shared.events.finish()
        client.destroy { [self] in
            let waiters = control.withLock { control -> [CheckedContinuation<Void, Never>] in
                control.finished = true
                defer { control.closeWaiters = [] }
                return control.closeWaiters
            }
            shared.logger.info("Kafka consumer closed")
            for waiter in waiters { waiter.resume() }
        }
    }

    private func handleMessageError(_ message: UnsafeMutablePointer<rd_kafka_message_t>, converter: inout MessageConverter) {
        let err = message.pointee.err
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
            let topic = message.pointee.rkt.map { converter.topicName($0) } ?? ""
            shared.events.yield(.partitionEOF(KafkaTopicPartitionOffset(topic: topic, partition: KafkaPartition(rawValue: message.pointee.partition), offset: KafkaOffset(rawValue: message.pointee.offset))))
            return
        }
        var text = KafkaError.Code(err).text
        if let reason = rd_kafka_message_errstr(message) { text = String(cString: reason) }
        let error = KafkaError(err, message: text)
        shared.events.yield(.error(error))
        if error.isFatal { shared.buffer.finish(failure: error) }
    }
}

/// Copies `rd_kafka_message_t`s into ``KafkaMessage`` values on the poll thread.
struct MessageConverter {
    private var topics: [OpaquePointer: String] = [:]

    mutating func forgetTopics() { topics.removeAll() }

    mutating func topicName(_ rkt: OpaquePointer) -> String {
        if let name = topics[rkt] { return name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        topics[rkt] = name
        return name
    }

    mutating func convert(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let raw = message.pointee
        let value = raw.payload.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []
        let key = raw.key.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: valuePointer.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: size)) }))
                index += 1
            }
        }
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &type)
        let timestamp: KafkaTimestamp? = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil
            : KafkaTimestamp(millisecondsSinceEpoch: milliseconds, kind: type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? .logAppendTime : .createTime)
        return KafkaMessage(
            topic: raw.rkt.map { topicName($0) } ?? "",
            partition: KafkaPartition(rawValue: raw.partition),
            offset: KafkaOffset(rawValue: raw.offset),
            key: key, value: value, headers: headers, timestamp: timestamp
        )
    }
}
