import Kafka
import Logging

/// Checks at startup that the topics the worker writes to exist, so that a misnamed or missing topic stops
/// the worker with an error naming its key, instead of leaving records undelivered behind a green /healthz.
///
/// The shared fingerprint log matters most: without it no verdict is ever decided, and every record waits.
/// The question is asked as a first send would ask it (``KafkaProducer/partitionCount(of:timeout:)``), so a
/// cluster that creates topics on demand creates them here; one that does not gets a clear error. A cluster
/// that does not answer is not an error (the worker waits for brokers like it always does); only a definite
/// "no such topic" is.
struct TopicCheck {
    let configuration: WorkerConfiguration
    let logger: Logger

    /// The topics written to, by configuration key.
    var writtenTopics: [(key: String, topic: String)] {
        var topics = [("kafka.output_topic", configuration.kafka.outputTopic), ("kafka.dlq_topic", configuration.kafka.dlqTopic)]
        if !configuration.dedup.sharedLogTopic.isEmpty {
            topics.append(("dedup.shared_log_topic", configuration.dedup.sharedLogTopic))
        }
        return topics
    }

    /// Throws a ``ConfigurationError`` for the first written topic the cluster says does not exist.
    func run(asking producer: KafkaProducer) async throws(ConfigurationError) {
        for (key, topic) in writtenTopics {
            let partitions: Int?
            do {
                partitions = try await producer.partitionCount(of: topic)
            } catch {
                logger.warning("could not check that the written topics exist; going on", metadata: ["topic": "\(topic)", "error": "\(error)"])
                return
            }
            guard partitions == nil else { continue }
            let advice = key == "dedup.shared_log_topic"
                ? "create it with one partition (every worker of the group appends fingerprints to it), or set it to \"\" for per-worker dedup"
                : "create it, or fix the name"
            throw ConfigurationError(key: key, origin: "cluster \(configuration.kafka.brokers)", message: "topic \"\(topic)\" does not exist; \(advice)")
        }
    }
}
