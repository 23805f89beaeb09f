import Foundation
import NewsWorker
import TestSupport
import Testing

struct ConfigurationLoaderTests {
    func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nw-config-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func loadError(_ loader: ConfigurationLoader) -> ConfigurationError? {
        do {
            _ = try loader.load()
            return nil
        } catch {
            return error
        }
    }

    @Test func shippedConfigFileIsValidAndDocumentsTheDefaults() throws {
        let file = Repository.url("config/newsworker.yaml").path
        let loaded = try ConfigurationLoader(file: file, environment: [:]).load()
        var expected = WorkerConfiguration()
        expected.kafka.brokers = "127.0.0.1:9092"
        #expect(loaded == expected)
    }

    @Test func precedenceIsFileThenEnvironmentThenFlags() throws {
        let file = try write("""
            kafka:
              brokers: file:9092
              group: from-file
              input_topic: in-file
            worker:
              max_in_flight: 10
            """)
        let loaded = try ConfigurationLoader(
            file: file,
            environment: ["NEWSWORKER_KAFKA_GROUP": "from-env", "NEWSWORKER_KAFKA_INPUT_TOPIC": "in-env", "NEWSWORKER_RDKAFKA_SASL_PASSWORD": "hunter2"],
            flags: ["kafka.input_topic": "in-flag"]
        ).load()
        #expect(loaded.kafka.brokers == "file:9092")
        #expect(loaded.kafka.group == "from-env")
        #expect(loaded.kafka.inputTopic == "in-flag")
        #expect(loaded.worker.maxInFlight == 10)
        #expect(loaded.kafka.properties == ["sasl.password": "hunter2"])
    }

    @Test func unknownKeyNamesTheKeyFileAndLine() throws {
        let file = try write("kafka:\n  brokers: a:1\n  bootstrap: b:2\n")
        let error = try #require(loadError(ConfigurationLoader(file: file, environment: [:])))
        #expect(error.key == "kafka.bootstrap")
        #expect(error.origin == file)
        #expect(error.line == 3)
        #expect(error.description == "\(file):3: kafka.bootstrap: unknown key")
    }

    @Test func badTypeNamesTheKey() throws {
        let file = try write("kafka:\n  brokers: a:1\nworker:\n  max_in_flight: lots\n")
        let error = try #require(loadError(ConfigurationLoader(file: file, environment: [:])))
        #expect(error.key == "worker.max_in_flight")
        #expect(error.message.contains("expected an integer"))
        let nested = try write("kafka:\n  brokers:\n    - a:1\n")
        #expect(loadError(ConfigurationLoader(file: nested, environment: [:]))?.message == "expected a single value, found a list")
    }

    @Test func missingBrokersIsAnError() {
        let error = loadError(ConfigurationLoader(file: nil, environment: [:]))
        #expect(error?.key == "kafka.brokers")
        #expect(error?.message.hasPrefix("required value is missing") == true)
    }

    @Test func badEnvironmentValueNamesTheVariable() {
        let error = loadError(ConfigurationLoader(file: nil, environment: ["NEWSWORKER_KAFKA_BROKERS": "x:1", "NEWSWORKER_KAFKA_DUPLICATES": "keep"]))
        #expect(error?.description == "environment variable NEWSWORKER_KAFKA_DUPLICATES: kafka.duplicates: expected one of emit, route, drop, found 'keep'")
        let unknown = loadError(ConfigurationLoader(file: nil, environment: ["NEWSWORKER_KAFKA_BROKERS": "x:1", "NEWSWORKER_KAFKA_BROKER": "y"]))
        #expect(unknown?.key == "NEWSWORKER_KAFKA_BROKER")
    }

    @Test func maskedYAMLHidesSecretsAndRoundTrips() throws {
        var configuration = WorkerConfiguration()
        configuration.kafka.brokers = "a:1,b:2"
        configuration.kafka.properties = ["sasl.password": "hunter2", "sasl.username": "news", "ssl.key.password": "k"]
        let yaml = configuration.maskedYAML
        #expect(!yaml.contains("hunter2"))
        #expect(yaml.contains("sasl.username: news"))
        #expect(yaml.contains("sasl.password: \"********\""))
        configuration.kafka.properties = ["sasl.username": "news"]
        let reloaded = try ConfigurationLoader(file: write(configuration.maskedYAML), environment: [:]).load()
        #expect(reloaded == configuration)
    }

    @Test func instanceOffsetsPortAndID() {
        var configuration = WorkerConfiguration()
        configuration.worker.id = "host"
        configuration.applyInstance(3)
        #expect(configuration.worker.id == "host-3")
        #expect(configuration.http.listen == "127.0.0.1:9467")
    }
}
