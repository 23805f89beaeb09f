import Kafka
import Logging

/// The produce stage: sends a batch's records through a ``RecordSink`` until every one is acknowledged,
/// each in the form the producer can take (see ``OutgoingRecord``).
///
/// librdkafka retries internally (idempotent producer); a record that still fails (e.g. `message.timeout.ms`
/// elapsed during an outage) is sent again after a backoff of up to 5 s; one only implicitly acknowledged is
/// sent again at once. Several batches may be in this stage at once, each on its own task.
struct ProduceStage: Sendable {
    let sink: any RecordSink
    let fallback: RecordFallback
    let metrics: WorkerMetrics
    let logger: Logger
    /// The pauses before failed records are sent again.
    var backoff = RetryBackoff()

    /// Produces `records` until every one is acknowledged.
    /// - Returns: `false` when cancelled first: some records may not be delivered.
    func deliver(_ records: inout [OutgoingRecord]) async -> Bool {
        var pending = Array(records.indices)
        var backoff = self.backoff
        var throttle = LogThrottle()
        while true {
            for index in pending {
                for step in records[index].fit(fallback) { note(step, of: records[index]) }
            }
            let outcomes = await sink.produce(pending.map { records[$0].message })
            var failed: [Int] = []
            var codes: Set<String> = []
            var unacknowledged: [String: Int] = [:]
            for (index, outcome) in zip(pending, outcomes) {
                switch outcome {
                case .acknowledged:
                    continue
                case .implicitlyAcknowledged:
                    unacknowledged[records[index].message.topic, default: 0] += 1
                case .failed(let error):
                    metrics.kafkaError(code: error.code.name)
                    codes.insert(error.code.name)
                    if let step = records[index].refused(by: error, fallback) { note(step, of: records[index]) }
                }
                failed.append(index)
            }
            for (topic, count) in unacknowledged {
                metrics.implicitlyAcknowledged(topic: topic, count: count)
                logger.warning("records reported delivered without the broker's acknowledgement, sending them again", metadata: [
                    "topic": "\(topic)", "records": "\(count)",
                ])
            }
            if failed.isEmpty { return true }
            let pause = backoff.failed()
            if throttle.admit() != nil {
                logger.warning("delivery failed, retrying", metadata: ["records": "\(failed.count)", "attempt": "\(backoff.failures)", "codes": "\(codes.sorted())"])
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                return false
            }
            pending = failed
        }
    }

    /// Logs and counts a record's step down to a dead letter or its truncated form.
    private func note(_ step: OutgoingRecord.Fallback, of record: OutgoingRecord) {
        let source: Logger.Metadata = [
            "topic": "\(record.source.topic)", "partition": "\(record.source.partition)", "offset": "\(record.source.offset)",
        ]
        switch step {
        case .deadLettered(let reason):
            metrics.deadLettered(topic: record.source.topic, reason: reason.rawValue)
            logger.warning("output refused by the producer, dead-lettered", metadata: source.merging(["reason": "\(reason.rawValue)"]) { $1 })
        case .truncated:
            logger.warning("dead letter larger than the producer accepts, sent truncated", metadata: source.merging(["bytes": "\(record.source.value.count)"]) { $1 })
        }
    }
}
