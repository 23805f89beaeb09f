import Foundation
import Kafka

extension WorkerConfiguration {
    /// The brokers and librdkafka properties of `kafka.*`, for a client that calls itself `clientID`.
    func kafkaClientConfiguration(clientID: String) -> KafkaConfiguration {
        var kafka = KafkaConfiguration(
            bootstrapServers: self.kafka.brokers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            clientID: clientID
        )
        kafka.properties = self.kafka.properties
        return kafka
    }
}
