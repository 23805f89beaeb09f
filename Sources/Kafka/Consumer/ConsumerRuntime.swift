import Crdkafka
import Foundation
import Logging
import Synchronization

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
