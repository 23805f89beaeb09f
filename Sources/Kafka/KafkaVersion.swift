import Crdkafka

/// The librdkafka library newsworker runs on.
public enum LibrdkafkaVersion {
    /// The runtime version string, e.g. `2.0.2` (the loaded shared library's, not the headers').
    public static var runtime: String { String(cString: rd_kafka_version_str()) }
}
