import Kafka

/// What became of one record sent to a ``RecordSink``.
enum Delivery: Sendable, Hashable {
    /// The broker acknowledged it.
    case acknowledged
    /// Reported delivered without the broker's acknowledgement (``KafkaDeliveryReport/isImplicitlyAcknowledged``):
    /// sent again, as the broker may not have it (at least once: a copy on the topic is identical).
    case implicitlyAcknowledged
    /// Not delivered.
    case failed(KafkaError)

    init(_ report: KafkaDeliveryReport) {
        if let error = report.error {
            self = .failed(error)
        } else {
            self = report.isImplicitlyAcknowledged ? .implicitlyAcknowledged : .acknowledged
        }
    }
}

/// Where output records and dead letters go: a seam, so the stages can be tested with an in-memory sink.
/// In production: ``ProducerSink``.
protocol RecordSink: Sendable {
    /// Sends `records` and waits until each is settled; one outcome per record, in order. Several calls may
    /// be in flight at once. A cancelled call returns soon, its unsettled records ``Delivery/failed(_:)``.
    func produce(_ records: [KafkaProducerMessage]) async -> [Delivery]
}

/// The output ``RecordSink`` on a ``KafkaProducer``.
struct ProducerSink: RecordSink {
    let producer: KafkaProducer

    func produce(_ records: [KafkaProducerMessage]) async -> [Delivery] {
        let producer = producer
        let cancelled = Array(repeating: Delivery.failed(KafkaError(code: .destroyed, message: "shutting down: delivery no longer awaited")), count: records.count)
        // Acknowledgements are awaited in an unstructured task, so that shutdown can stop waiting for them
        // (their reports then reach nobody; their inputs stay uncommitted).
        return await CancellableWait.value(or: cancelled) { await Self.send(records, with: producer) }
    }

    private static func send(_ messages: [KafkaProducerMessage], with producer: KafkaProducer) async -> [Delivery] {
        do throws(KafkaError) {
            return try await producer.produce(messages).map(Delivery.init)
        } catch where error.code.refusesRecord {
            // One message was refused before sending (those before it may be delivered twice: identical
            // records). Which one: send them one by one.
            var outcomes: [Delivery] = []
            for message in messages {
                do throws(KafkaError) {
                    outcomes.append(Delivery(try await producer.produce(message)))
                } catch {
                    outcomes.append(.failed(error))
                }
            }
            return outcomes
        } catch {
            // Not enqueued for a reason that is not the record's (closed, unknown topic...): all are retried.
            return Array(repeating: .failed(error), count: messages.count)
        }
    }
}
