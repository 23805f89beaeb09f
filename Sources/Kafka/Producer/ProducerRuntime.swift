import Crdkafka
import Foundation
import Logging
import Synchronization

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
