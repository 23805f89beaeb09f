import Kafka
import Logging
import NewsDedup
import Synchronization

/// The shared fingerprint log on Kafka: partition 0 of `dedup.shared_log_topic`, appended to by every
/// worker of the group and read back by each from the beginning.
///
/// Fingerprints are sent fire-and-forget (librdkafka batches them; one round trip per batch): a send that
/// fails, or is only implicitly acknowledged, is sent again (``resend(failedSend:)``), or its article would
/// wait for its verdict forever. A send is confirmed when the fingerprint comes back from the log. A
/// fingerprint that reaches the log twice is harmless: the index returns the first verdict of an id.
final class KafkaFingerprintLog: FingerprintLog {
    let topic: String
    private let producer: KafkaProducer
    private let consumer: KafkaConsumer
    private let logger: Logger
    private let unconfirmed = Mutex(Unconfirmed())

    /// Fingerprints sent and not yet read back.
    private struct Unconfirmed {
        /// By send id.
        var fingerprints: [UInt64: DocumentFingerprint] = [:]
        /// The send ids of each article id, oldest first.
        var sends: [String: [UInt64]] = [:]

        mutating func remember(_ fingerprint: DocumentFingerprint, send id: UInt64) {
            fingerprints[id] = fingerprint
            sends[fingerprint.id, default: []].append(id)
        }

        mutating func forget(send id: UInt64) {
            guard let fingerprint = fingerprints.removeValue(forKey: id), var ids = sends[fingerprint.id],
                  let position = ids.firstIndex(of: id) else { return }
            ids.remove(at: position)
            sends[fingerprint.id] = ids.isEmpty ? nil : ids
        }

        /// Read back from the log: the oldest send of the article is confirmed.
        mutating func confirm(_ article: String) {
            if let id = sends[article]?.first { forget(send: id) }
        }
    }

    /// - Parameters:
    ///   - producer: Sends fingerprints; its failed sends come back through ``resend(failedSend:)``.
    ///   - consumer: Reads the log by assignment (no group membership), from the beginning.
    init(topic: String, producer: KafkaProducer, consumer: KafkaConsumer, logger: Logger) {
        self.topic = topic
        self.producer = producer
        self.consumer = consumer
        self.logger = logger
    }

    func append(_ fingerprints: ArraySlice<DocumentFingerprint>) async throws(FingerprintAppendError) {
        for (appended, fingerprint) in fingerprints.enumerated() {
            do throws(KafkaError) {
                try await send(fingerprint)
            } catch {
                throw FingerprintAppendError(appended: appended, cause: error)
            }
        }
    }

    private func send(_ fingerprint: DocumentFingerprint) async throws(KafkaError) {
        let record = KafkaProducerMessage(topic: topic, partition: 0, key: Array(fingerprint.id.utf8), value: fingerprint.encoded())
        let id = try await producer.send(record)
        unconfirmed.withLock { $0.remember(fingerprint, send: id) }
    }

    /// Sends again the fingerprint whose send `id` was not delivered, or not acknowledged by the broker (the
    /// producer's ``KafkaProducerEvent/deliveryFailed(_:)`` and ``KafkaProducerEvent/deliveryImplicitlyAcknowledged(_:)``).
    /// Any other `id` (not a fingerprint's send, or already back from the log) is ignored.
    func resend(failedSend id: UInt64) async throws(KafkaError) {
        guard let fingerprint = unconfirmed.withLock({ $0.fingerprints[id] }) else { return }
        // Forgotten only once sent again: if this send throws, the caller tries `id` again.
        try await send(fingerprint)
        unconfirmed.withLock { $0.forget(send: id) }
    }

    func follow(_ apply: @escaping @Sendable ([LoggedFingerprint]) -> Void) async throws {
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
        while let messages = try await consumer.messages.nextBatch(maxMessages: 4096) {
            var entries: [LoggedFingerprint] = []
            entries.reserveCapacity(messages.count)
            for message in messages {
                do throws(DedupError) {
                    let time = message.timestamp.map { StreamTime(millisecondsSince1970: $0.millisecondsSinceEpoch) }
                    entries.append(LoggedFingerprint(fingerprint: try DocumentFingerprint(decoding: message.value), time: time))
                } catch {
                    logger.warning("unreadable record on the fingerprint log skipped", metadata: ["offset": "\(message.offset)", "error": "\(error)"])
                }
            }
            unconfirmed.withLock { unconfirmed in
                for entry in entries { unconfirmed.confirm(entry.fingerprint.id) }
            }
            apply(entries)
        }
    }

    /// Stops reading the log.
    func close() async {
        await consumer.close()
    }
}
