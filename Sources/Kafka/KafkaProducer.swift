import Crdkafka
import Dispatch
import Foundation
public import Logging
import Synchronization

/// Something that happened to a ``KafkaProducer`` besides delivery reports it was asked to await.
public enum KafkaProducerEvent: Sendable, Hashable {
    /// An error librdkafka reported, e.g. `_TRANSPORT` or `_ALL_BROKERS_DOWN`; most are retried internally.
    case error(KafkaError)
    /// A message sent with ``KafkaProducer/send(_:)`` was not delivered.
    case deliveryFailed(KafkaDeliveryReport)
    /// A message sent with ``KafkaProducer/send(_:)`` was reported delivered without the broker's
    /// acknowledgement of it (see ``KafkaDeliveryReport/isImplicitlyAcknowledged``): it may not be on the topic.
    case deliveryImplicitlyAcknowledged(KafkaDeliveryReport)
}

/// The events of a ``KafkaProducer``. Single consumer; the newest 1,024 are kept if nobody reads.
public struct KafkaProducerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaProducerEvent
    let stream: AsyncStream<KafkaProducerEvent>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<KafkaProducerEvent>.AsyncIterator
        public mutating func next() async -> KafkaProducerEvent? { await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator()) }
}

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

/// Where a delivery report goes: one awaiting caller, or a slot of a batch.
final class DeliverySlot: Sendable {
    enum Target {
        case single(SingleDelivery)
        case batch(BatchDelivery)
    }
    let id: UInt64
    let target: Target
    init(id: UInt64, target: Target) {
        self.id = id
        self.target = target
    }
}

/// The report of one `produce(_:)` call, which may arrive before the caller waits.
final class SingleDelivery: Sendable {
    private struct State {
        var report: KafkaDeliveryReport?
        var continuation: CheckedContinuation<KafkaDeliveryReport, Never>?
    }
    private let state = Mutex(State())

    func complete(_ report: KafkaDeliveryReport) {
        let continuation = state.withLock { state -> CheckedContinuation<KafkaDeliveryReport, Never>? in
            guard let continuation = state.continuation else {
                state.report = report
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(returning: report)
    }

    func wait() async -> KafkaDeliveryReport {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> KafkaDeliveryReport? in
                if let report = state.report { return report }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Collects the reports of one `produce([...])` call.
final class BatchDelivery: Sendable {
    private struct State {
        var reports: [KafkaDeliveryReport?]
        var remaining: Int
        var continuation: CheckedContinuation<[KafkaDeliveryReport], Never>?
        var abandoned = false
    }
    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(reports: Array(repeating: nil, count: count), remaining: count))
    }

    func complete(_ report: KafkaDeliveryReport) {
        let finished = state.withLock { state -> (CheckedContinuation<[KafkaDeliveryReport], Never>, [KafkaDeliveryReport])? in
            state.reports[Int(report.id)] = report
            state.remaining -= 1
            guard state.remaining == 0, !state.abandoned, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.reports.map { $0! })
        }
        if let (continuation, reports) = finished { continuation.resume(returning: reports) }
    }

    func abandon(from index: Int) {
        state.withLock { state in
            state.abandoned = true
            state.remaining -= state.reports.count - index
        }
    }

    func wait() async -> [KafkaDeliveryReport] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [KafkaDeliveryReport]? in
                if state.remaining == 0 { return state.reports.map { $0! } }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

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

/// The poll thread and lifecycle of one producer.
final class ProducerRuntime: Sendable {
    private struct Control {
        var stopRequested = false
        var finished = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let client: RDKafkaClient
    let shared: ProducerShared
    private let control = Mutex(Control())

    init(client: RDKafkaClient, shared: ProducerShared) {
        self.client = client
        self.shared = shared
    }

    func start() {
        let thread = Thread { [self] in self.pollLoop() }
        thread.name = "rdkafka-producer-poll"
        thread.start()
    }

    func requestStop() {
        control.withLock { $0.stopRequested = true }
        wakePoller()
    }

    /// Makes a running `rd_kafka_poll` return now instead of at its timeout.
    private func wakePoller() {
        try? client.withHandle { rk in rd_kafka_yield(rk) }
    }

    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = control.withLock { control -> Bool in
                control.stopRequested = true
                if control.finished { return true }
                control.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() } else { wakePoller() }
        }
    }

    /// Enqueues with `rd_kafka_produceva` (copying key, value and headers); waits while the queue is full.
    func enqueue(_ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer?) async throws(KafkaError) {
        while true {
            let failure = try client.withHandle { rk in Self.produce(rk, message, opaque: opaque) }
            guard let failure else { return }
            guard failure.code == .queueFull else { throw failure }
            await shared.waitForSpace()
        }
    }

    private static func produce(_ rk: OpaquePointer, _ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer?) -> KafkaError? {
        var headers: OpaquePointer?
        if !message.headers.isEmpty {
            let list = rd_kafka_headers_new(message.headers.count)!
            for header in message.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(list, header.key, -1, bytes.baseAddress, bytes.count)
                    }
                } else {
                    _ = rd_kafka_header_add(list, header.key, -1, nil, 0)
                }
            }
            headers = list
        }
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                withOptionalBytes(message.key) { key in
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 8) { vus in
                        var count = 0
                        func add(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                            var vu = rd_kafka_vu_t()
                            vu.vtype = type
                            fill(&vu)
                            vus.initializeElement(at: count, to: vu)
                            count += 1
                        }
                        add(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic }
                        add(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = message.partition.rawValue }
                        add(RD_KAFKA_VTYPE_VALUE) {
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                            $0.u.mem.size = value.count
                        }
                        if let key {
                            add(RD_KAFKA_VTYPE_KEY) {
                                $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                                $0.u.mem.size = key.count
                            }
                        }
                        add(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = 0x2 }  // RD_KAFKA_MSG_F_COPY
                        add(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
                        if let headers { add(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headers } }
                        if let timestamp = message.timestamp { add(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp.millisecondsSinceEpoch } }
                        defer { vus.baseAddress!.deinitialize(count: count) }
                        return rd_kafka_produceva(rk, vus.baseAddress, count)
                    }
                }
            }
        }
        guard let error else { return nil }
        if let headers { rd_kafka_headers_destroy(headers) }  // owned by librdkafka only on success
        return KafkaError(consuming: error)
    }

    private var stopRequested: Bool { control.withLock { $0.stopRequested } }

    private func pollLoop() {
        let rk = client.unsafeHandle
        var lastProbe = ContinuousClock.now
        while !stopRequested {
            rd_kafka_poll(rk, 100)
            shared.resumeSpaceWaiters()
            if client.context.reachability.value == .unreachable, lastProbe.duration(to: .now) > .seconds(2) {
                lastProbe = .now
                client.scheduleProbe(timeout: .seconds(1))
            }
        }
        // No new messages; fail what is left so every awaiting caller gets a report.
        client.stopLending()
        shared.resumeSpaceWaiters()
        rd_kafka_purge(rk, 0x1 | 0x2)  // RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT
        var rounds = 0
        while rd_kafka_outq_len(rk) > 0, rounds < 50 {
            rd_kafka_poll(rk, 100)
            rounds += 1
        }
        rd_kafka_poll(rk, 0)
        shared.events.finish()
        client.destroy { [self] in
            let waiters = control.withLock { control -> [CheckedContinuation<Void, Never>] in
                control.finished = true
                defer { control.waiters = [] }
                return control.waiters
            }
            shared.logger.info("Kafka producer closed")
            for waiter in waiters { waiter.resume() }
        }
    }
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}
