import Crdkafka
public import Logging
import Synchronization

/// An idempotent (by default) producer with awaitable delivery reports.
///
/// Threading: one dedicated thread per producer serves librdkafka's main queue (`rd_kafka_poll`
/// with a 100 ms timeout), which runs the delivery-report callback; the callback only resumes a
/// continuation or counts. `flush` and `destroy` run on the producer's own serial queue. Sending
/// never blocks a thread: when librdkafka's queue is full, the caller suspends until reports free space.
///
/// ```swift
/// let producer = try KafkaProducer(configuration: config, logger: logger)
/// let report = try await producer.produce(KafkaProducerMessage(topic: "out", key: key, value: bytes))
/// let reports = try await producer.produce(batch)    // one await for many messages
/// try await producer.send(message)                     // fire and forget; failures become events
/// await producer.shutdown(timeout: .seconds(10))      // flush, then stop
/// ```
public final class KafkaProducer: Sendable {
    /// Errors and failed fire-and-forget deliveries; ends after ``shutdown(timeout:)``.
    public let events: KafkaProducerEvents
    let runtime: ProducerRuntime

    /// Creates the producer and starts its poll thread.
    /// - Throws: ``KafkaError`` naming the key if librdkafka rejects a property.
    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        var logger = logger
        logger[metadataKey: KafkaLoggingKeys.clientID] = .string(configuration.kafka.clientID)
        let (stream, continuation) = AsyncStream.makeStream(of: KafkaProducerEvent.self, bufferingPolicy: .bufferingNewest(1024))
        let reachability = BrokerReachabilityTracker()
        let properties = configuration.librdkafkaProperties
        // With acks=0 no delivery carries an offset: none is then taken for an implicit acknowledgement.
        let acknowledged = (properties["acks"] ?? properties["request.required.acks"]) != "0"
        let shared = ProducerShared(events: continuation, logger: logger, reachability: reachability, offsetsExpected: acknowledged)
        let context = RDKafkaCallbackContext(
            logger: logger,
            reachability: reachability,
            onError: { [shared] error in shared.events.yield(.error(error)) },
            onDelivery: { [shared] message in shared.handleDelivery(message) }
        )
        let client = try RDKafkaClient.make(kind: .producer, properties: properties, context: context)
        logger.info(
            "Kafka producer created",
            metadata: [
                KafkaLoggingKeys.librdkafkaVersion: .string(LibrdkafkaVersion.runtime),
                KafkaLoggingKeys.configuration: .string(configuration.description),
            ]
        )
        self.runtime = ProducerRuntime(client: client, shared: shared)
        self.events = KafkaProducerEvents(stream: stream)
        runtime.start()
    }

    deinit {
        runtime.requestStop()
    }

    /// Enqueues a message without awaiting its delivery; a failed delivery becomes a
    /// ``KafkaProducerEvent/deliveryFailed(_:)`` event. Suspends while librdkafka's queue is full.
    /// - Returns: An id, repeated in the failure report.
    /// - Throws: ``KafkaError`` if the message cannot be enqueued (unknown partition, too large, closed...).
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws(KafkaError) -> UInt64 {
        let id = runtime.shared.nextID.add(1, ordering: .relaxed).oldValue
        // Tagged id (low bit set), not a pointer: no allocation for fire-and-forget messages.
        try await runtime.enqueue(message, opaque: UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: id) << 1 | 1))
        return id
    }

    /// Produces a message and awaits its delivery report.
    /// - Throws: ``KafkaError`` if it could not be enqueued or was not delivered.
    public func produce(_ message: KafkaProducerMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        let id = runtime.shared.nextID.add(1, ordering: .relaxed).oldValue
        let single = SingleDelivery()
        let opaque = Unmanaged.passRetained(DeliverySlot(id: id, target: .single(single))).toOpaque()
        do throws(KafkaError) {
            try await runtime.enqueue(message, opaque: opaque)
        } catch {
            Unmanaged<DeliverySlot>.fromOpaque(opaque).release()
            throw error
        }
        let report = await single.wait()
        if let error = report.error { throw error }
        return report
    }

    /// Produces messages and awaits all their delivery reports at once (one suspension for the batch).
    /// - Returns: One report per message, in input order, with ``KafkaDeliveryReport/id`` = index;
    ///   failed deliveries carry their ``KafkaDeliveryReport/error``.
    /// - Throws: ``KafkaError`` only if a message could not be enqueued (those after it are not sent).
    public func produce(_ messages: [KafkaProducerMessage]) async throws(KafkaError) -> [KafkaDeliveryReport] {
        guard !messages.isEmpty else { return [] }
        let batch = BatchDelivery(count: messages.count)
        for (index, message) in messages.enumerated() {
            let slot = DeliverySlot(id: UInt64(index), target: .batch(batch))
            let opaque = Unmanaged.passRetained(slot).toOpaque()
            do throws(KafkaError) {
                try await runtime.enqueue(message, opaque: opaque)
            } catch {
                Unmanaged<DeliverySlot>.fromOpaque(opaque).release()
                // Reports for the already enqueued messages still arrive; nobody waits for them.
                batch.abandon(from: index)
                throw error
            }
        }
        return await batch.wait()
    }

    /// Waits until all enqueued messages are delivered or failed, up to `timeout` (off the cooperative pool).
    /// - Throws: ``KafkaError`` `_TIMED_OUT` if messages remain.
    public func flush(timeout: Duration) async throws(KafkaError) {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            try KafkaError.check(rd_kafka_flush(rk, timeout.clampedMilliseconds), "flush")
        }
    }

    /// Messages enqueued and not yet delivered or failed (plus pending requests). Cheap.
    public var outstandingMessages: Int {
        (try? runtime.client.withHandle { rk in Int(rd_kafka_outq_len(rk)) }) ?? 0
    }

    /// Messages delivered so far.
    public var deliveredCount: Int { runtime.shared.delivered.load(ordering: .relaxed) }
    /// Messages that failed delivery so far.
    public var failedCount: Int { runtime.shared.failed.load(ordering: .relaxed) }

    /// Whether the brokers looked reachable at the last signal (deliveries, errors, probes). Cheap.
    public var brokerReachability: KafkaBrokerReachability { runtime.client.context.reachability.value }

    /// The number of partitions of `topic`, or `nil` when the cluster answers that it has no such topic.
    ///
    /// Asked with the producer's handle, so it behaves as a first send would: on a cluster that creates
    /// topics on demand (broker `auto.create.topics.enable`, and `allow.auto.create.topics`, true by
    /// default for producers), asking creates the topic. Throws when the cluster does not answer within
    /// `timeout` (`_TRANSPORT`, `_TIMED_OUT`).
    public func partitionCount(of topic: String, timeout: Duration = .seconds(5)) async throws(KafkaError) -> Int? {
        try await runtime.client.partitionCount(of: topic, timeout: timeout)
    }

    /// Asks the cluster for metadata (off the cooperative pool) and returns whether it answered within `timeout`.
    public func checkBrokers(timeout: Duration = .seconds(2)) async -> Bool {
        await runtime.client.probeBrokers(timeout: timeout)
    }

    /// Flushes for up to `timeout`, fails what is left (`_PURGE_QUEUE`/`_PURGE_INFLIGHT` reports),
    /// ends ``events`` and frees the client. Idempotent; later sends throw `_DESTROY`.
    public func shutdown(timeout: Duration = .seconds(10)) async {
        try? await flush(timeout: timeout)
        await runtime.stop()
    }
}
