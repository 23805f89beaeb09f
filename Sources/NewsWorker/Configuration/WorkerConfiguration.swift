public import NewsDedup

/// Everything `newsworker run` can be told, with the documented defaults of `config/newsworker.yaml`.
///
/// Loaded by ``ConfigurationLoader`` from the YAML file, then `NEWSWORKER_…` environment variables,
/// then command-line flags, each overriding the one before.
public struct WorkerConfiguration: Sendable, Hashable {
    /// The worker process.
    public var worker = Worker()
    /// Kafka topics, group and librdkafka properties.
    public var kafka = Kafka()
    /// The health and metrics endpoint.
    public var http = HTTP()
    /// Limits of the article parser.
    public var parser = Parser()
    /// The dedup index.
    public var dedup = Dedup()
    /// Where state (dedup snapshots) lives.
    public var state = State()
    /// Logging.
    public var log = Log()

    /// The defaults.
    public init() {}

    /// The worker process.
    public struct Worker: Sendable, Hashable {
        /// Identifies this worker in records, logs and the Kafka client id. Default: the host name.
        public var id: String = ""
        /// Seconds to finish in-flight work, flush and commit after SIGTERM. Default: `30`
        public var shutdownGraceSeconds: Double = 30
        /// Messages consumed but not yet committed, at most. Default: `1000`
        public var maxInFlight: Int = 1000
        /// Input bytes consumed but not yet committed, at most (a single larger message is taken alone);
        /// also bounds the consumer's prefetch. Default: `67108864` (64 MiB)
        public var maxInFlightBytes: Int = 64 << 20
        /// Seconds the intake loop may stay on one message, or pending outputs may wait with none
        /// delivered (broker reachable), before `/healthz` fails (capped by systemd's `WatchdogSec=`). Default: `60`
        public var stallSeconds: Double = 60
    }

    /// Kafka topics, group and librdkafka properties.
    public struct Kafka: Sendable, Hashable {
        /// Bootstrap servers, comma-separated. Required.
        public var brokers: String = ""
        /// Consumer group id. Default: `newsworker`
        public var group: String = "newsworker"
        /// Topic of raw articles. Default: `articles.raw`
        public var inputTopic: String = "articles.raw"
        /// Topic of enriched records. Default: `articles.enriched`
        public var outputTopic: String = "articles.enriched"
        /// Dead-letter topic for input that cannot be parsed. Default: `articles.dlq`
        public var dlqTopic: String = "articles.dlq"
        /// What to do with `duplicate` and `near_duplicate` records. Default: `emit`
        public var duplicates: DuplicatePolicy = .emit
        /// Topic for duplicates when ``duplicates`` is `route`. Default: `articles.duplicates`
        public var duplicatesTopic: String = "articles.duplicates"
        /// Static group membership: the consumer joins with `group.instance.id` = the worker id, so a worker
        /// restarted within `session.timeout.ms` takes its partitions back without a rebalance; a worker
        /// stopped for good keeps its partitions idle until that timeout. Worker ids must be unique in the
        /// group (off by default: two workers on one host would both default to the host name). A
        /// `group.instance.id` in ``properties`` wins. The systemd units turn it on. Default: `false`
        public var staticMembership: Bool = false
        /// librdkafka properties passed through as they are (security.protocol, sasl.*, ssl.*…). Default: none.
        public var properties: [String: String] = [:]
    }

    /// What the worker does with a duplicate.
    public enum DuplicatePolicy: String, Sendable, Hashable, CaseIterable {
        /// Publish it to the output topic with its verdict.
        case emit
        /// Publish it to ``Kafka/duplicatesTopic`` instead.
        case route
        /// Publish nothing (the input offset is still committed).
        case drop
    }

    /// The health and metrics endpoint.
    public struct HTTP: Sendable, Hashable {
        /// `HOST:PORT` to listen on. Default: `127.0.0.1:9464`
        public var listen: String = "127.0.0.1:9464"
    }

    /// Limits of the article parser.
    public struct Parser: Sendable, Hashable {
        /// Largest message accepted, in bytes; bigger ones go to the dead-letter topic. Default: `8388608`
        public var maxBytes: Int = 8 << 20
    }

    /// The dedup index and the shared fingerprint log that keeps workers' verdicts identical.
    public struct Dedup: Sendable, Hashable {
        /// Topic whose partition 0 orders every article's fingerprint for all workers of the group; empty
        /// for a local index per worker. Default: `articles.fingerprints`
        public var sharedLogTopic: String = "articles.fingerprints"
        /// Index settings (window, cap, thresholds); see `DedupConfiguration` for each default.
        public var index = DedupConfiguration()
    }

    /// Where state lives.
    public struct State: Sendable, Hashable {
        /// Directory for dedup snapshots (systemd's `$STATE_DIRECTORY` wins when set). Default: `/var/lib/newsworker`
        public var directory: String = "/var/lib/newsworker"
    }

    /// Logging.
    public struct Log: Sendable, Hashable {
        /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`. Default: `info`
        public var level: String = "info"
        /// `json`, `text`, or `auto` (JSON lines unless stderr is a terminal). Default: `auto`
        public var format: String = "auto"
    }
}
