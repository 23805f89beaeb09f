import Crdkafka
import Dispatch
import Logging
import Synchronization

/// What librdkafka's callbacks hand off to. Passed to librdkafka as the configuration opaque
/// (unretained): the poll thread keeps it alive until after `rd_kafka_destroy` returns.
final class RDKafkaCallbackContext: Sendable {
    let logger: Logger
    let reachability: BrokerReachabilityTracker
    /// Error events (error callback), on the thread serving the main queue.
    let onError: @Sendable (KafkaError) -> Void
    /// Rebalance callback (consumers), on the poll thread.
    let onRebalance: (@Sendable (OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)?
    /// Delivery reports (producers), on the thread serving the main queue.
    let onDelivery: (@Sendable (UnsafePointer<rd_kafka_message_t>) -> Void)?

    init(
        logger: Logger,
        reachability: BrokerReachabilityTracker = BrokerReachabilityTracker(),
        onError: @escaping @Sendable (KafkaError) -> Void,
        onRebalance: (@Sendable (OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)? = nil,
        onDelivery: (@Sendable (UnsafePointer<rd_kafka_message_t>) -> Void)? = nil
    ) {
        self.logger = logger
        self.reachability = reachability
        self.onError = onError
        self.onRebalance = onRebalance
        self.onDelivery = onDelivery
    }

    static func from(_ rk: OpaquePointer?) -> RDKafkaCallbackContext? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Owns one `rd_kafka_t`.
///
/// `@unchecked Sendable`: librdkafka handles are documented thread-safe; the pointer itself is
/// only destroyed once, by ``destroy()``, after which ``withHandle(_:)`` refuses to lend it
/// (the `lending` mutex makes lending and destroying exclusive).
final class RDKafkaClient: @unchecked Sendable {
    enum Kind { case consumer, producer }

    private let rk: OpaquePointer
    private let lending = Mutex(true)
    private let destroyed = Atomic(false)
    let context: RDKafkaCallbackContext
    /// Serial queue for blocking librdkafka calls (commit, committed, flush, metadata, destroy):
    /// its thread is not one of Swift's cooperative pool threads.
    let blockingQueue: DispatchQueue

    private init(rk: OpaquePointer, context: RDKafkaCallbackContext, name: String) {
        self.rk = rk
        self.context = context
        self.blockingQueue = DispatchQueue(label: "rdkafka-blocking-\(name)")
    }

    /// Builds the `rd_kafka_conf_t` and the handle.
    /// - Throws: ``KafkaError`` naming the key when `rd_kafka_conf_set` rejects a property.
    static func make(kind: Kind, properties: [String: String], context: RDKafkaCallbackContext) throws(KafkaError) -> RDKafkaClient {
        let conf = rd_kafka_conf_new()!
        var errstr = [CChar](repeating: 0, count: 512)
        var props = properties
        props["log.queue"] = "true"  // logs are served by our poll thread, not librdkafka's
        for (key, value) in props.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                var reason = String(cBuffer: errstr)
                if KafkaConfiguration.isSecret(key: key), !value.isEmpty {
                    reason = reason.replacing(value, with: KafkaConfiguration.maskedValue)
                }
                let what = result == RD_KAFKA_CONF_UNKNOWN ? "Unknown" : "Invalid"
                throw KafkaError(code: .invalidArgument, message: "\(what) configuration property \"\(key)\": \(reason)", key: key)
            }
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdkafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, rdkafkaErrorCallback)
        if context.onRebalance != nil { rd_kafka_conf_set_rebalance_cb(conf, rdkafkaRebalanceCallback) }
        if context.onDelivery != nil { rd_kafka_conf_set_dr_msg_cb(conf, rdkafkaDeliveryCallback) }

        let type = kind == .consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER
        guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)  // only consumed on success
            throw KafkaError(code: .invalidArgument, message: "Cannot create the Kafka client: \(String(cBuffer: errstr))")
        }
        rd_kafka_set_log_queue(rk, nil)  // main queue (forwarded to the consumer queue for consumers)
        let name = String(cString: rd_kafka_name(rk))
        return RDKafkaClient(rk: rk, context: context, name: name)
    }

    /// Lends the handle for a call, or throws ``KafkaError/closed`` after ``stopLending()`` or ``destroy(then:)``.
    /// Keep the body short and non-blocking: it holds a lock that ``destroy(then:)`` waits for.
    func withHandle<T>(_ body: (OpaquePointer) throws(KafkaError) -> T) throws(KafkaError) -> T {
        try lending.withLock { (isLending: inout Bool) throws(KafkaError) -> T in
            guard isLending else { throw KafkaError.closed }
            return try body(rk)
        }
    }

    /// Makes ``withHandle(_:)`` refuse further calls (waits for running ones); the handle stays alive.
    func stopLending() {
        lending.withLock { $0 = false }
    }

    /// The handle, for the poll thread and blocking-queue jobs, which are ordered before ``destroy(then:)`` by construction.
    var unsafeHandle: OpaquePointer { rk }

    var isAlive: Bool { !destroyed.load(ordering: .acquiring) }

    /// Runs a blocking call on ``blockingQueue`` and awaits it without blocking the caller's thread.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws(KafkaError) -> T) async throws(KafkaError) -> T {
        let result: Result<T, KafkaError> = await withCheckedContinuation { continuation in
            blockingQueue.async {
                guard self.isAlive else { return continuation.resume(returning: .failure(.closed)) }
                do throws(KafkaError) {
                    continuation.resume(returning: .success(try body(self.rk)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Destroys the handle on the blocking queue (after queued jobs); `done` runs afterwards there.
    func destroy(then done: @escaping @Sendable () -> Void) {
        blockingQueue.async {
            self.stopLending()
            if !self.destroyed.exchange(true, ordering: .acquiringAndReleasing) {
                rd_kafka_destroy(self.rk)
            }
            done()
        }
    }

    /// Asks the brokers for metadata (blocking, up to `timeout`) and records reachability.
    func probeBrokers(timeout: Duration) async -> Bool {
        let ok = (try? await runBlocking { rk in Self.metadataRequest(rk, timeout: timeout) }) ?? false
        context.reachability.set(ok ? .reachable : .unreachable)
        return ok
    }

    private let probePending = Atomic(false)

    /// Starts a metadata probe on the blocking queue unless one is pending (for the poll threads).
    func scheduleProbe(timeout: Duration) {
        guard !probePending.exchange(true, ordering: .relaxed) else { return }
        blockingQueue.async {
            defer { self.probePending.store(false, ordering: .relaxed) }
            guard self.isAlive else { return }
            let ok = Self.metadataRequest(self.rk, timeout: timeout)
            self.context.reachability.set(ok ? .reachable : .unreachable)
        }
    }

    /// The number of partitions of `topic` from the cluster's metadata (blocking queue), or `nil` when
    /// the cluster answers that it has no such topic. Throws when it does not answer within `timeout`.
    func partitionCount(of topic: String, timeout: Duration) async throws(KafkaError) -> Int? {
        try await runBlocking { rk throws(KafkaError) in
            guard let rkt = rd_kafka_topic_new(rk, topic, nil) else { throw KafkaError(code: .invalidArgument, message: "topic \(topic)") }
            defer { rd_kafka_topic_destroy(rkt) }
            var metadata: UnsafePointer<rd_kafka_metadata>?
            try KafkaError.check(rd_kafka_metadata(rk, 0, rkt, &metadata, timeout.clampedMilliseconds), "metadata for \(topic)")
            guard let metadata else { return nil }
            defer { rd_kafka_metadata_destroy(metadata) }
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                let found = metadata.pointee.topics[index]
                guard String(cString: found.topic) == topic else { continue }
                if found.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART { return nil }
                try KafkaError.check(found.err, "metadata for \(topic)")
                return Int(found.partition_cnt)
            }
            return nil
        }
    }

    private static func metadataRequest(_ rk: OpaquePointer, timeout: Duration) -> Bool {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(rk, 0, nil, &metadata, timeout.clampedMilliseconds)
        if let metadata { rd_kafka_metadata_destroy(metadata) }
        return err == RD_KAFKA_RESP_ERR_NO_ERROR
    }
}

// MARK: - C callbacks: capture-free, they only convert and hand off.

private func rdkafkaLogCallback(_ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ buffer: UnsafePointer<CChar>?) {
    guard let context = RDKafkaCallbackContext.from(rk) else { return }
    // Modules log at info or below: librdkafka's errors and warnings are surfaced as error events.
    let swiftLevel: Logger.Level = level <= 5 ? .info : (level == 6 ? .debug : .trace)
    guard context.logger.logLevel <= swiftLevel else { return }
    let message = buffer.map { String(cString: $0) } ?? ""
    context.logger.log(
        level: swiftLevel, "\(message)",
        metadata: [
            KafkaLoggingKeys.facility: .string(facility.map { String(cString: $0) } ?? ""),
            KafkaLoggingKeys.severity: .stringConvertible(level),
        ]
    )
}

private func rdkafkaErrorCallback(_ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let rk, let opaque else { return }
    let context = Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    var error = KafkaError(code: KafkaError.Code(rawValue: err), message: reason.map { String(cString: $0) })
    if error.code == .fatal {
        var buffer = [CChar](repeating: 0, count: 512)
        let underlying = rd_kafka_fatal_error(rk, &buffer, buffer.count)
        error = KafkaError(KafkaError.Code(underlying).rawValue == 0 ? RD_KAFKA_RESP_ERR__FATAL : underlying,
                           message: String(cBuffer: buffer))
        error.isFatal = true
        error.isRetriable = false
    }
    if error.code == .allBrokersDown { context.reachability.set(.unreachable) }
    context.onError(error)
}

private func rdkafkaRebalanceCallback(
    _ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let rk, let partitions, let opaque else { return }
    let context = Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    context.onRebalance?(rk, err, partitions)
}

private func rdkafkaDeliveryCallback(_ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let message, let opaque else { return }
    let context = Unmanaged<RDKafkaCallbackContext>.fromOpaque(opaque).takeUnretainedValue()
    context.onDelivery?(message)
}

// MARK: - Topic partition lists

enum RDKafkaTopicPartitionList {
    /// Copies a librdkafka list into Swift values (never keep the C list: see the notes on refcounts).
    static func toSwift(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [KafkaTopicPartitionOffset] {
        let count = Int(list.pointee.cnt)
        var result: [KafkaTopicPartitionOffset] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            let element = list.pointee.elems[i]
            result.append(
                KafkaTopicPartitionOffset(
                    topic: String(cString: element.topic),
                    partition: KafkaPartition(rawValue: element.partition),
                    offset: KafkaOffset(rawValue: element.offset)
                )
            )
        }
        return result
    }

    /// Lends a freshly built C list, destroyed afterwards.
    static func with<T>(
        _ offsets: [KafkaTopicPartitionOffset],
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws(KafkaError) -> T
    ) throws(KafkaError) -> T {
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: max(offsets.count, 1)))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for item in offsets {
            let element = rd_kafka_topic_partition_list_add(list, item.topic, item.partition.rawValue)!
            element.pointee.offset = item.offset.rawValue
        }
        return try body(list)
    }

    /// The first per-partition error in a list, if any.
    static func firstError(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> KafkaError? {
        for i in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[i]
            if element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                return KafkaError(element.err, message: "\(String(cString: element.topic))[\(element.partition)]: \(KafkaError.Code(element.err).text)")
            }
        }
        return nil
    }
}

extension String {
    /// A string from a NUL-terminated C buffer librdkafka wrote into.
    package init(cBuffer: [CChar]) {
        self = cBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
