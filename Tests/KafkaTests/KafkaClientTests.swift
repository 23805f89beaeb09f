import Kafka
import KafkaTesting
import Synchronization
import Testing

/// Producer and consumer against librdkafka's mock cluster (a real TCP Kafka server on loopback).
@Suite(.serialized, .timeLimit(.minutes(5)))
struct KafkaClientTests {
    @Test func roundTripKeepsKeyValueAndHeaders() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("roundtrip")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        let value: [UInt8] = [0, 1, 2, 255, 254, 0, 10, 13]
        let headers = [KafkaHeader(key: "trace", value: bytes("abc")), KafkaHeader(key: "binary", value: [0, 255, 0]), KafkaHeader(key: "null", value: nil)]
        let report = try await producer.produce(
            KafkaProducerMessage(topic: topic, key: bytes("k-1"), value: value, headers: headers, timestamp: KafkaTimestamp(millisecondsSinceEpoch: 1_700_000_000_123))
        )
        #expect(report.partition == 0)
        #expect(report.offset == 0)
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: []))  // no key, empty value
        await producer.shutdown()

        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: uniqueName("g"))
        config.commitStrategy = .manual
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
        let messages = try await collect(consumer, count: 2)
        try #require(messages.count == 2)
        #expect(messages[0].topic == topic)
        #expect(messages[0].partition == 0)
        #expect(messages[0].offset == 0)
        #expect(messages[0].key == bytes("k-1"))
        #expect(messages[0].value == value)
        #expect(messages[0].headers == headers)
        #expect(messages[0].timestamp == KafkaTimestamp(millisecondsSinceEpoch: 1_700_000_000_123, kind: .createTime))
        #expect(messages[1].key == nil)
        #expect(messages[1].value.isEmpty)
        #expect(messages[1].headers.isEmpty)
        await consumer.close()
        await cluster.shutdown()
    }

    @Test func deliveryReportsSingleBatchAndFireAndForget() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("reports")
        try await cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)

        let batch = (0..<100).map { KafkaProducerMessage(topic: topic, partition: KafkaPartition(rawValue: Int32($0 % 2)), value: bytes("m\($0)")) }
        let reports = try await producer.produce(batch)
        #expect(reports.count == 100)
        #expect(reports.allSatisfy { $0.isSuccess })
        #expect(reports.map(\.id) == (0..<100).map(UInt64.init))
        #expect(reports.map { $0.partition.rawValue } == (0..<100).map { Int32($0 % 2) })
        // Offsets per partition follow the input order.
        #expect(reports.filter { $0.partition == 0 }.compactMap { $0.offset?.rawValue } == Array(0..<50))
        #expect(reports.filter { $0.partition == 1 }.compactMap { $0.offset?.rawValue } == Array(0..<50))

        for index in 0..<1000 { try await producer.send(KafkaProducerMessage(topic: topic, key: bytes("k\(index)"), value: bytes("v"))) }
        try await producer.flush(timeout: .seconds(30))
        #expect(producer.deliveredCount == 1100)
        #expect(producer.failedCount == 0)
        #expect(producer.outstandingMessages == 0)
        #expect(producer.brokerReachability == .reachable)

        // A message to a partition that does not exist fails (at enqueue or in its report).
        await #expect(throws: KafkaError.self) {
            _ = try await producer.produce(KafkaProducerMessage(topic: topic, partition: 7, value: bytes("x")))
        }
        await producer.shutdown()
        // After shutdown, sending throws instead of hanging.
        await #expect(throws: KafkaError.self) { try await producer.send(KafkaProducerMessage(topic: topic, value: bytes("late"))) }
        await cluster.shutdown()
    }

    @Test func twoConsumersInAGroupSplitThePartitions() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("split")
        let group = uniqueName("group")
        try await cluster.createTopic(topic, partitions: 4)
        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: group, topics: [topic])
        config.sessionTimeout = mockSessionTimeout
        let first = try KafkaConsumer(configuration: config, logger: testLogger)
        let revokedSeen = Mutex<[KafkaTopicPartition]>([])
        let second = try KafkaConsumer(configuration: config, logger: testLogger) { revoked in
            revokedSeen.withLock { $0.append(contentsOf: revoked) }
        }
        // Wait until the group settled with all 4 partitions spread over both members.
        let deadline = ContinuousClock.now + .seconds(40)
        while ContinuousClock.now < deadline {
            if first.assignment.count + second.assignment.count == 4, !first.assignment.isEmpty, !second.assignment.isEmpty { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let a = Set(first.assignment)
        let b = Set(second.assignment)
        #expect(a.count + b.count == 4)
        #expect(a.isDisjoint(with: b))
        #expect(a.union(b) == Set((0..<4).map { KafkaTopicPartition(topic: topic, partition: KafkaPartition(rawValue: $0)) }))

        // The assignment was announced as events too.
        let assigned = await firstEvent(in: first.events, timeout: .seconds(1)) { if case .partitionsAssigned = $0 { true } else { false } }
        #expect(assigned != nil)

        // When the first leaves, the second is revoked (eager) and takes over everything.
        await first.close()
        while ContinuousClock.now < deadline, second.assignment.count != 4 {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(Set(second.assignment).count == 4)
        #expect(!revokedSeen.withLock { $0 }.isEmpty)
        await second.close()
        await cluster.shutdown()
    }

    @Test func newConsumerResumesAfterCommittedOffset() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("resume")
        let group = uniqueName("group")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce((0..<10).map { KafkaProducerMessage(topic: topic, value: bytes("m\($0)")) })
        await producer.shutdown()

        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: group, topics: [topic])
        config.commitStrategy = .manual
        config.sessionTimeout = mockSessionTimeout
        let first = try KafkaConsumer(configuration: config, logger: testLogger)
        let read = try await collect(first, count: 10)
        #expect(read.count == 10)
        // Processed the first 6 only.
        for message in read.prefix(6) { try first.storeOffset(message) }
        try await first.commit()
        let committed = try await first.committed([KafkaTopicPartition(topic: topic, partition: 0)])
        #expect(committed.first?.offset == 6)
        let lag = try await first.lag()
        #expect(lag.first?.highWatermark == 10)
        #expect(lag.first?.committed == 6)
        await first.close()

        let second = try KafkaConsumer(configuration: config, logger: testLogger)
        let rest = try await collect(second, count: 4)
        #expect(rest.map(\.offset.rawValue) == [6, 7, 8, 9])
        #expect(rest.first.map { String(decoding: $0.value, as: UTF8.self) } == "m6")
        #expect(try second.cachedLag().first?.lag == 0)
        await second.close()
        await cluster.shutdown()
    }

    @Test func autoCommitCommitsStoredOffsetsOnClose() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("autocommit")
        let group = uniqueName("group")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce((0..<5).map { KafkaProducerMessage(topic: topic, value: bytes("m\($0)")) })
        await producer.shutdown()

        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: group, topics: [topic])  // auto-commit of stored offsets
        config.sessionTimeout = mockSessionTimeout
        let first = try KafkaConsumer(configuration: config, logger: testLogger)
        let read = try await collect(first, count: 5)
        try first.storeOffset(read[2])  // done up to offset 2
        await first.close()  // revoke + close commit the stored offset

        let second = try KafkaConsumer(configuration: config, logger: testLogger)
        let committed = try await second.committed([KafkaTopicPartition(topic: topic, partition: 0)])
        #expect(committed.first?.offset == 3)
        await second.close()
        await cluster.shutdown()
    }

    @Test func producerRecoversAfterBrokerDownThenUp() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("outage")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("before")))
        #expect(producer.brokerReachability == .reachable)

        let errorSeen = Task {
            await firstEvent(in: producer.events, timeout: .seconds(30)) { event in
                if case .error(let error) = event { error.code == .transport || error.code == .allBrokersDown } else { false }
            }
        }
        try await cluster.setBrokerDown()
        let during = Task { try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("during"))) }
        let event = await errorSeen.value
        guard case .error(let error) = event else {
            Issue.record("no broker error event")
            return
        }
        #expect(error.isRetriable)
        #expect(await producer.checkBrokers(timeout: .milliseconds(500)) == false)
        #expect(producer.brokerReachability == .unreachable)

        try await Task.sleep(for: .seconds(1))
        try await cluster.setBrokerUp()
        let report = try await during.value
        #expect(report.isSuccess)
        #expect(report.offset == 1)
        #expect(producer.brokerReachability == .reachable)
        await producer.shutdown()
        await cluster.shutdown()
    }

    @Test func consumerSeesErrorsWhileBrokerDownAndResumes() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("consumer-outage")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: uniqueName("g"))
        config.commitStrategy = .manual
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("one")))
        #expect(try await collect(consumer, count: 1).count == 1)

        try await cluster.setBrokerDown()
        let event = await firstEvent(in: consumer.events, timeout: .seconds(30)) { event in
            if case .error(let error) = event { error.code == .transport || error.code == .allBrokersDown } else { false }
        }
        #expect(event != nil)
        try await cluster.setBrokerUp()
        _ = try await producer.produce(KafkaProducerMessage(topic: topic, value: bytes("two")))
        let after = try await collect(consumer, count: 1)
        #expect(after.first?.value == bytes("two"))
        await producer.shutdown()
        await consumer.close()
        await cluster.shutdown()
    }

    @Test func closeEndsTheMessageSequence() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("close")
        try await cluster.createTopic(topic, partitions: 1)
        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: uniqueName("g"))
        config.commitStrategy = .manual
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .end)])
        let reader = Task {
            var count = 0
            for try await _ in consumer.messages { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        await consumer.close()
        #expect(try await reader.value == 0)
        await consumer.close()  // idempotent
        await #expect(throws: KafkaError.self) { try await consumer.commit() }
        await cluster.shutdown()
    }

    @Test func backpressureBoundsTheBuffer() async throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = uniqueName("backpressure")
        try await cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: cluster.kafka), logger: testLogger)
        _ = try await producer.produce((0..<2000).map { KafkaProducerMessage(topic: topic, value: bytes("m\($0)")) })
        await producer.shutdown()
        var config = KafkaConsumerConfiguration(kafka: cluster.kafka, groupID: uniqueName("g"))
        config.maxBufferedMessages = 50
        config.commitStrategy = .manual
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try await consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
        try await Task.sleep(for: .milliseconds(500))  // a slow application
        let all = try await collect(consumer, count: 2000)
        #expect(all.map(\.offset.rawValue) == Array(0..<2000))
        await consumer.close()
        await cluster.shutdown()
    }
}
