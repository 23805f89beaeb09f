import Kafka
import Testing

struct KafkaConfigurationTests {
    @Test func unknownPropertyErrorNamesTheKey() {
        var config = KafkaProducerConfiguration()
        config.kafka.properties["no.such.property"] = "1"
        do {
            _ = try KafkaProducer(configuration: config, logger: testLogger)
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "no.such.property")
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("no.such.property"))
        }
    }

    @Test func invalidValueErrorNamesTheKey() {
        var config = KafkaConsumerConfiguration(groupID: "g")
        config.kafka.properties["session.timeout.ms"] = "not-a-number"
        do {
            _ = try KafkaConsumer(configuration: config, logger: testLogger)
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "session.timeout.ms")
            #expect(error.description.contains("session.timeout.ms"))
        }
    }

    @Test func secretsAreMasked() {
        var kafka = KafkaConfiguration(bootstrapServers: ["b1:9092", "b2:9092"])
        kafka.securityProtocol = .saslSSL
        kafka.sasl = .init(mechanism: "SCRAM-SHA-512", username: "worker", password: "p@ss")
        kafka.properties["ssl.key.password"] = "k3y"
        kafka.properties["sasl.oauthbearer.client.secret"] = "s3cret"
        kafka.properties["ssl.keystore.password"] = "st0re"
        kafka.properties["ssl.key.pem"] = "-----BEGIN PRIVATE KEY-----"
        let masked = kafka.maskedProperties
        #expect(masked["sasl.password"] == KafkaConfiguration.maskedValue)
        #expect(masked["ssl.key.password"] == KafkaConfiguration.maskedValue)
        #expect(masked["sasl.oauthbearer.client.secret"] == KafkaConfiguration.maskedValue)
        #expect(masked["ssl.keystore.password"] == KafkaConfiguration.maskedValue)
        #expect(masked["ssl.key.pem"] == KafkaConfiguration.maskedValue)
        #expect(masked["sasl.username"] == "worker")
        #expect(masked["bootstrap.servers"] == "b1:9092,b2:9092")
        #expect(masked["security.protocol"] == "sasl_ssl")
        for text in [kafka.description, KafkaConsumerConfiguration(kafka: kafka, groupID: "g").description, KafkaProducerConfiguration(kafka: kafka).description] {
            for secret in ["p@ss", "k3y", "s3cret", "st0re", "BEGIN PRIVATE KEY"] {
                #expect(!text.contains(secret), "\(secret) leaked in \(text)")
            }
            #expect(text.contains("sasl.username=worker"))
        }
        #expect(KafkaConfiguration.isSecret(key: "SASL.PASSWORD"))
        #expect(!KafkaConfiguration.isSecret(key: "ssl.ca.location"))
    }

    @Test func passthroughWinsAndDefaultsAreSet() {
        var consumer = KafkaConsumerConfiguration(groupID: "g", topics: ["t"])
        consumer.kafka.properties["enable.auto.commit"] = "false"
        consumer.kafka.properties["security.protocol"] = "ssl"
        let props = consumer.librdkafkaProperties
        #expect(props["enable.auto.commit"] == "false")
        #expect(props["enable.auto.offset.store"] == "false")
        #expect(props["security.protocol"] == "ssl")
        #expect(props["group.id"] == "g")
        #expect(KafkaProducerConfiguration().librdkafkaProperties["enable.idempotence"] == "true")
    }

    @Test func errorCodesMirrorLibrdkafkaNames() {
        #expect(KafkaError.Code.transport.name == "_TRANSPORT")
        #expect(KafkaError.Code.allBrokersDown.name == "_ALL_BROKERS_DOWN")
        #expect(KafkaError.Code.unknownTopicOrPartition.name == "UNKNOWN_TOPIC_OR_PART")
        #expect(KafkaError(code: .transport).isRetriable)
        #expect(!KafkaError(code: .invalidArgument).isRetriable)
        #expect(KafkaError(code: .fatal).isFatal)
        #expect(!LibrdkafkaVersion.runtime.isEmpty)
    }
}
