/// Settings shared by consumers and producers: where the brokers are and how to reach them.
///
/// Typed fields cover the common settings; ``properties`` passes any other librdkafka property
/// through unchanged (see librdkafka's CONFIGURATION.md), and wins over the typed fields.
/// Values are only checked by librdkafka when a client is created: an unknown key or bad value
/// then throws a ``KafkaError`` whose ``KafkaError/key`` names the property.
public struct KafkaConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Initial brokers, `host:port`. Default: `["localhost:9092"]`
    public var bootstrapServers: [String] = ["localhost:9092"]
    /// `client.id`, shown in broker logs. Default: `"newsworker"`
    public var clientID: String = "newsworker"
    /// `security.protocol`. Default: `.plaintext`
    public var securityProtocol: SecurityProtocol = .plaintext
    /// SASL credentials (`sasl.mechanism`, `sasl.username`, `sasl.password`). Default: `nil`
    public var sasl: SASL? = nil
    /// Any librdkafka property, passed through verbatim; overrides the typed fields. Default: `[:]`
    public var properties: [String: String] = [:]

    public init() {}

    /// Creates a configuration for the given brokers.
    public init(bootstrapServers: [String], clientID: String = "newsworker") {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
    }

    /// `security.protocol` values.
    public struct SecurityProtocol: Sendable, Hashable, CustomStringConvertible {
        /// The librdkafka value, e.g. `sasl_ssl`.
        public let value: String
        /// Creates a protocol from its librdkafka spelling.
        public init(_ value: String) { self.value = value }
        public static let plaintext = SecurityProtocol("plaintext")
        public static let ssl = SecurityProtocol("ssl")
        public static let saslPlaintext = SecurityProtocol("sasl_plaintext")
        public static let saslSSL = SecurityProtocol("sasl_ssl")
        public var description: String { value }
    }

    /// SASL username/password authentication.
    public struct SASL: Sendable, Hashable {
        /// `sasl.mechanism`, e.g. `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512`. Default: `"PLAIN"`
        public var mechanism: String = "PLAIN"
        /// `sasl.username`.
        public var username: String
        /// `sasl.password` (masked by ``KafkaConfiguration/masked(_:)``).
        public var password: String

        public init(mechanism: String = "PLAIN", username: String, password: String) {
            self.mechanism = mechanism
            self.username = username
            self.password = password
        }
    }

    /// The librdkafka properties this configuration sets (secrets in clear: don't log this; see ``maskedProperties``).
    public var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "bootstrap.servers": bootstrapServers.joined(separator: ","),
            "client.id": clientID,
            "security.protocol": securityProtocol.value,
        ]
        if let sasl {
            result["sasl.mechanism"] = sasl.mechanism
            result["sasl.username"] = sasl.username
            result["sasl.password"] = sasl.password
        }
        result.merge(properties) { _, passthrough in passthrough }
        return result
    }

    /// ``librdkafkaProperties`` with secret values replaced by `"*****"`: safe to log.
    public var maskedProperties: [String: String] { Self.masked(librdkafkaProperties) }

    /// A printable form with secrets masked.
    public var description: String { Self.maskedDescription(librdkafkaProperties) }
}
