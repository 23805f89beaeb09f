import Kafka
import KafkaTesting
import Synchronization
import Testing

/// The mock cluster's fault injection, and client behaviour under it.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct MockClusterTests {
    @Test func bootstrapServersAreLoopbackAddresses() async throws {
        let cluster = try MockCluster(brokers: 3)
        #expect(cluster.bootstrapServers.count == 3)
        #expect(cluster.bootstrapServers.allSatisfy { $0.hasPrefix("127.0.0.1:") })
        #expect(cluster.brokerIDs == [1, 2, 3])
        await cluster.shutdown()
        await cluster.shutdown()  // idempotent
        await #expect(throws: KafkaError.self) { try await cluster.createTopic("late", partitions: 1) }
    }

    @Test func producerRetriesPushedRetriableErrors() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("push")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("warm-up")))
        await cluster.pushRequestErrors(.produce, [.notEnoughReplicas, .notEnoughReplicas])
        let report = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("after errors")))
        #expect(report.offset == 1)
        await producer.shutdown()
        await cluster.shutdown()
    }

    @Test func partialOutageOnlyDelaysPartitionsOfTheDownBroker() async throws {
        let cluster = try MockCluster(brokers: 2)
        let topic = uniqueName("partial")
        try await cluster.createTopic(topic, partitions: 2)
        try await cluster.setPartitionLeader(topic: topic, partition: 0, broker: 1)
        try await cluster.setPartitionLeader(topic: topic, partition: 1, broker: 2)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce([KafkaProducerMessage(topic: topic, partition: 0, value: bytes("a")), KafkaProducerMessage(topic: topic, partition: 1, value: bytes("b"))])

        try await cluster.setBrokerDown(2)
        let stuck = Task { try await producer.produce(KafkaProducerMessage(topic: topic, partition: 1, value: bytes("to the down broker"))) }
        let healthy = try await producer.produce(KafkaProducerMessage(topic: topic, partition: 0, value: bytes("to the live broker")))
        #expect(healthy.offset == 1)
        try await Task.sleep(for: .milliseconds(500))
        try await cluster.setBrokerUp(2)
        let recovered = try await stuck.value
        #expect(recovered.partition == 1)
        #expect(recovered.offset == 1)
        await producer.shutdown()
        await cluster.shutdown()
    }

    @Test func revokeHandlerStoresOffsetsThatAreCommittedBeforeGivingUp() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("revoke")
        let group = uniqueName("group")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce((0..<8).map { KafkaProducerMessage(topic: topic, value: bytes("m\($0)")) })
        await producer.shutdown()

        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: group, topics: [topic])
        config.commitStrategy = .manual  // nothing committed unless the revoke path does it
        config.sessionTimeout = mockSessionTimeout
        let done = Mutex<KafkaMessage?>(nil)
        let handlerRan = Mutex(false)
        let consumerBox = Mutex<KafkaConsumer?>(nil)
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger) { revoked in
            // The pipeline finishes in-flight work, then stores what is done.
            try? await Task.sleep(for: .milliseconds(200))
            if let message = done.withLock({ $0 }), revoked.contains(message.topicPartition) {
                try? consumerBox.withLock { $0 }?.storeOffset(message)
            }
            handlerRan.withLock { $0 = true }
        }
        consumerBox.withLock { $0 = consumer }
        let read = try await collect(consumer, count: 5)
        #expect(read.count == 5)
        done.withLock { $0 = read[4] }  // processed offsets 0...4
        await consumer.close()
        consumerBox.withLock { $0 = nil }
        #expect(handlerRan.withLock { $0 })

        let next = try KafkaConsumer(configuration: config, logger: testLogger)
        let committed = try await next.committed([KafkaTopicPartition(topic: topic, partition: 0)])
        #expect(committed.first?.offset == 5)
        await next.close()
        await cluster.shutdown()
    }

    @Test func pauseStopsDeliveryAndResumeRestartsIt() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("pause")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: uniqueName("g"))
        config.commitStrategy = .manual
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("first")))
        #expect(try await collect(consumer, count: 1).count == 1)

        try await consumer.pause([partition])
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("while paused")))
        #expect(try await collect(consumer, count: 1, timeout: .seconds(2)).isEmpty)
        try await consumer.resume([partition])
        #expect(try await collect(consumer, count: 1).first?.value == bytes("while paused"))
        await producer.shutdown()
        await consumer.close()
        await cluster.shutdown()
    }
}
