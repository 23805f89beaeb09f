/// Metadata keys this module logs with.
enum KafkaLoggingKeys {
    static let clientID = "kafka.client.id"
    static let groupID = "kafka.group.id"
    static let librdkafkaVersion = "kafka.librdkafka.version"
    static let facility = "kafka.log.facility"
    static let severity = "kafka.log.severity"
    static let errorCode = "kafka.error.code"
    static let partitions = "kafka.partitions"
    static let configuration = "kafka.configuration"
}
