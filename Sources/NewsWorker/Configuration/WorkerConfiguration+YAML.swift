extension WorkerConfiguration {
    /// The effective configuration as YAML, secrets masked: what `newsworker check-config` prints.
    public var maskedYAML: String {
        var lines: [String] = []
        var section = ""
        for key in ConfigurationKey.all {
            let parts = key.path.split(separator: ".", maxSplits: 1).map(String.init)
            if parts[0] != section {
                section = parts[0]
                lines.append("\(section):")
            }
            lines.append("  \(parts[1]): \(key.render(self))")
            if key.path == "kafka.duplicates_topic" {
                lines.append(kafka.properties.isEmpty ? "  properties: {}" : "  properties:")
                for (name, value) in kafka.properties.sorted(by: { $0.key < $1.key }) {
                    lines.append("    \(name): \(Self.isSecret(name) ? "\"********\"" : value.yamlQuoted)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `true` for librdkafka properties whose values must never be printed or logged.
    static func isSecret(_ property: String) -> Bool {
        let name = property.lowercased()
        return ["password", "secret", "token", "credential", "sasl.oauthbearer.config", "ssl.key.pem", "ssl_key"].contains { name.contains($0) }
    }
}
