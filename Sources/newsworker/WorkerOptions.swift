import ArgumentParser
import Foundation
import NewsWorker

/// Flags shared by `run`, `check-config` and `audit`: the file, and overrides of the most used keys.
struct WorkerOptions: ParsableArguments {
    @Option(help: "YAML configuration file.")
    var config: String?

    @Option(help: "Kafka bootstrap servers (kafka.brokers).")
    var brokers: String?

    @Option(help: "Consumer group (kafka.group).")
    var group: String?

    @Option(help: "Input topic (kafka.input_topic).")
    var inputTopic: String?

    @Option(help: "Output topic (kafka.output_topic).")
    var outputTopic: String?

    @Option(help: "Dead-letter topic (kafka.dlq_topic).")
    var dlqTopic: String?

    @Option(help: "HOST:PORT of the health and metrics endpoint (http.listen).")
    var httpListen: String?

    @Option(help: "Instance number N (systemd template): worker id gets '-N', the HTTP port +N.")
    var instance: Int?

    /// The effective configuration: defaults ← file ← environment ← these flags.
    func load() throws -> WorkerConfiguration {
        let flags: [String: String?] = [
            "kafka.brokers": brokers, "kafka.group": group, "kafka.input_topic": inputTopic,
            "kafka.output_topic": outputTopic, "kafka.dlq_topic": dlqTopic, "http.listen": httpListen,
        ]
        var configuration = try ConfigurationLoader(file: config, flags: flags.compactMapValues { $0 }).load()
        if let instance {
            configuration.applyInstance(instance)
        }
        return configuration
    }
}
