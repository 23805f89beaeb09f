extension KafkaConfiguration {
    /// What masked values are replaced with.
    public static let maskedValue = "*****"

    /// Whether a librdkafka property holds a secret that must not be printed.
    ///
    /// True for passwords (`sasl.password`, `ssl.key.password`, `ssl.keystore.password`, ...),
    /// anything named `*secret*` (`sasl.oauthbearer.client.secret`), tokens and credentials,
    /// inline private keys (`ssl.key.pem`), `sasl.oauthbearer.config` and `sasl.jaas.config`.
    public static func isSecret(key: String) -> Bool {
        let key = key.lowercased()
        for word in ["password", "secret", "token", "credential", "private"] where key.contains(word) {
            return true
        }
        return ["ssl.key.pem", "ssl_key", "sasl.oauthbearer.config", "sasl.jaas.config"].contains(key)
    }

    /// Returns `properties` with every secret value (see ``isSecret(key:)``) replaced by ``maskedValue``.
    public static func masked(_ properties: [String: String]) -> [String: String] {
        var result = properties
        for key in properties.keys where isSecret(key: key) {
            result[key] = maskedValue
        }
        return result
    }

    /// One line `key=value, ...`, sorted by key, secrets masked.
    public static func maskedDescription(_ properties: [String: String]) -> String {
        masked(properties).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
