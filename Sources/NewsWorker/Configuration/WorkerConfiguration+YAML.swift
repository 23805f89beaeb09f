import Kafka

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
                    lines.append("    \(name): \(KafkaConfiguration.isSecret(key: name) ? "\"********\"" : value.yamlQuoted)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
