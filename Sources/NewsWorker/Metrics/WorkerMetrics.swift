public import CoreMetrics
import Metrics
import Synchronization

/// The worker's metrics, created once and reused; exported by ``PrometheusExporter`` at `/metrics`.
///
/// Names follow `newsworker_<name>_<unit>`; labels are bounded (topic, partition, status, reason, code).
/// The dashboard and alert rules under `deploy/` use exactly these names (a test checks them).
public final class WorkerMetrics: Sendable {
    let factory: any MetricsFactory
    private let consumedByTopic = Mutex<[String: Counter]>([:])
    private let producedByTopic = Mutex<[String: Counter]>([:])
    private let deadLettered = Mutex<[String: Counter]>([:])
    private let committedByTopic = Mutex<[String: Counter]>([:])
    private let kafkaErrors = Mutex<[String: Counter]>([:])
    private let implicitAcknowledgements = Mutex<[String: Counter]>([:])
    private let partitionLag = Mutex<[String: Gauge]>([:])
    private let verdicts: [String: Counter]
    private let totals = Mutex((consumed: 0, produced: 0))

    /// Time from consuming a message to having its output acknowledged.
    public let processing: Timer
    /// Now minus the message's Kafka timestamp, when it is processed.
    public let endToEndLag: Timer
    /// Messages consumed but not yet committed.
    public let inFlight: Gauge
    /// Articles remembered by the dedup index.
    public let indexArticles: Gauge
    /// Bytes held by the dedup index.
    public let indexBytes: Gauge
    /// 1 when ready to serve (broker reachable, partitions assigned, not shutting down), else 0.
    public let ready: Gauge
    /// Unix time of the pipeline loop's last progress.
    public let lastProgress: Gauge

    /// The dedup statuses counted by ``verdict(_:)``.
    public static let verdictStatuses = ["unique", "duplicate", "near_duplicate", "same_story"]

    /// Creates the metrics on a factory.
    /// - Parameters:
    ///   - factory: Where the metrics live (a `PrometheusMetricsFactory` in production, a test factory in tests).
    ///   - version: The newsworker version, for `newsworker_build_info`.
    ///   - librdkafka: The runtime librdkafka version, for `newsworker_build_info`.
    public init(factory: any MetricsFactory, version: String, librdkafka: String) {
        self.factory = factory
        processing = Timer(label: "newsworker_processing_duration_seconds", factory: factory)
        endToEndLag = Timer(label: "newsworker_end_to_end_lag_seconds", factory: factory)
        inFlight = Gauge(label: "newsworker_in_flight_messages", factory: factory)
        indexArticles = Gauge(label: "newsworker_dedup_index_articles", factory: factory)
        indexBytes = Gauge(label: "newsworker_dedup_index_bytes", factory: factory)
        ready = Gauge(label: "newsworker_ready", factory: factory)
        lastProgress = Gauge(label: "newsworker_last_progress_timestamp_seconds", factory: factory)
        verdicts = Dictionary(uniqueKeysWithValues: Self.verdictStatuses.map {
            ($0, Counter(label: "newsworker_dedup_verdicts_total", dimensions: [("status", $0)], factory: factory))
        })
        Gauge(label: "newsworker_build_info", dimensions: [("version", version), ("librdkafka", librdkafka)], factory: factory).record(1)
        ready.record(0)
    }

    /// Creates the per-topic series at zero, so dashboards and alerts see them before the first event.
    public func prepare(inputTopic: String, outputTopics: [String], deadLetterReasons: [String]) {
        consumed(topic: inputTopic, count: 0)
        committed(topic: inputTopic, count: 0)
        for topic in outputTopics { produced(topic: topic, count: 0) }
        for reason in deadLetterReasons {
            counter(in: deadLettered, "newsworker_messages_dead_lettered_total", [("topic", inputTopic), ("reason", reason)]).increment(by: 0)
        }
    }

    /// Counts messages consumed from `topic`.
    public func consumed(topic: String, count: Int = 1) {
        counter(in: consumedByTopic, "newsworker_messages_consumed_total", [("topic", topic)]).increment(by: count)
        totals.withLock { $0.consumed += count }
    }

    /// Counts records acknowledged on `topic`.
    public func produced(topic: String, count: Int = 1) {
        counter(in: producedByTopic, "newsworker_messages_produced_total", [("topic", topic)]).increment(by: count)
        totals.withLock { $0.produced += count }
    }

    /// Messages consumed since start, all topics (for systemd's STATUS line).
    public var totalConsumed: Int { totals.withLock { $0.consumed } }
    /// Records produced since start, all topics.
    public var totalProduced: Int { totals.withLock { $0.produced } }

    /// Counts an input routed to the dead-letter topic, by its input topic and reason code.
    public func deadLettered(topic: String, reason: String) {
        counter(in: deadLettered, "newsworker_messages_dead_lettered_total", [("topic", topic), ("reason", reason)]).increment()
    }

    /// Counts input offsets committed on `topic`.
    public func committed(topic: String, count: Int) {
        counter(in: committedByTopic, "newsworker_offsets_committed_total", [("topic", topic)]).increment(by: count)
    }

    /// Counts a librdkafka error by its code name (`_TRANSPORT`, `_ALL_BROKERS_DOWN`…).
    public func kafkaError(code: String) {
        counter(in: kafkaErrors, "newsworker_kafka_errors_total", [("code", code)]).increment()
    }

    /// Counts records reported delivered to `topic` without the broker's acknowledgement (librdkafka's
    /// inference from a later batch, after a failed one), which the worker sends again.
    public func implicitlyAcknowledged(topic: String, count: Int = 1) {
        counter(in: implicitAcknowledgements, "newsworker_implicitly_acknowledged_records_total", [("topic", topic)]).increment(by: count)
    }

    /// Counts a dedup verdict.
    public func verdict(_ status: String) {
        verdicts[status]?.increment()
    }

    /// Records the consumer lag of one partition (high watermark minus next offset to consume).
    public func consumerLag(topic: String, partition: Int32, messages: Int64) {
        let key = "\(topic)/\(partition)"
        let gauge = partitionLag.withLock { gauges in
            if let gauge = gauges[key] { return gauge }
            let gauge = Gauge(label: "newsworker_consumer_lag_messages", dimensions: [("topic", topic), ("partition", String(partition))], factory: factory)
            gauges[key] = gauge
            return gauge
        }
        gauge.record(Double(messages))
    }

    private func counter(in cache: borrowing Mutex<[String: Counter]>, _ label: String, _ dimensions: [(String, String)]) -> Counter {
        let key = dimensions.map(\.1).joined(separator: "\u{1F}")
        return cache.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}
