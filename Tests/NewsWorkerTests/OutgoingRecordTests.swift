import Crypto
import Foundation
import Kafka
import Logging
@testable import NewsWorker
import Testing

/// The fallback ladder of records the broker cannot take, and the size rule it relies on.
struct OutgoingRecordTests {
    static let input = KafkaMessage(
        topic: "in", partition: KafkaPartition(rawValue: 3), offset: KafkaOffset(rawValue: 41),
        key: Array("article-1".utf8), value: Array(repeating: UInt8(ascii: "x"), count: 5000),
        headers: [KafkaHeader(key: "source", value: Array("crawler".utf8))]
    )

    static func policy(limit: Int) -> RecordFallback {
        RecordFallback(deadLetterTopic: "dlq", worker: "w1", limit: RecordSizeLimit(maxBytes: limit))
    }

    static func output(bytes: Int) -> KafkaProducerMessage {
        KafkaProducerMessage(topic: "out", key: Array("article-1".utf8), value: Array(repeating: UInt8(ascii: "{"), count: bytes),
                             headers: [KafkaHeader(key: "schema", value: Array("newsworker.article/v1".utf8))])
    }

    @Test func recordThatFitsIsSentAsItIs() {
        var record = OutgoingRecord(output: Self.output(bytes: 9000), source: Self.input)
        #expect(record.fit(Self.policy(limit: 10_000)).isEmpty)
        #expect(record.form == .output && record.message.topic == "out")
    }

    @Test func tooLargeOutputBecomesTheDeadLetterOfItsInput() {
        var record = OutgoingRecord(output: Self.output(bytes: 20_000), source: Self.input)
        #expect(record.fit(Self.policy(limit: 10_000)) == [.deadLettered(.recordTooLarge)])
        #expect(record.form == .deadLetter)
        #expect(record.message.topic == "dlq")
        #expect(record.message.value == Self.input.value && record.message.key == Self.input.key)
        #expect(header(record.message, "error.reason") == "record_too_large")
        #expect(header(record.message, "error.stage") == "produce")
        #expect(header(record.message, "source.partition") == "3" && header(record.message, "source.offset") == "41")
        #expect(header(record.message, "source") == "crawler", "the input's own headers travel with the dead letter")
    }

    @Test func tooLargeDeadLetterIsTruncatedWithSizeAndDigest() {
        var record = OutgoingRecord(output: Self.output(bytes: 20_000), source: Self.input)
        let policy = Self.policy(limit: 3000)
        #expect(record.fit(policy) == [.deadLettered(.recordTooLarge), .truncated])
        #expect(record.form == .truncatedDeadLetter)
        #expect(policy.limit.admits(record.message))
        #expect(header(record.message, "error.reason") == "record_too_large")
        #expect(header(record.message, "source.value_size") == "5000")
        #expect(header(record.message, "source.value_sha256") == SHA256.hash(data: Self.input.value).map { String(format: "%02x", $0) }.joined())
        #expect(header(record.message, "source.value_truncated") == "true")
        #expect(header(record.message, "source") == nil, "the input's own headers are dropped")
        #expect(record.message.key == Self.input.key)
        #expect(!record.message.value.isEmpty && Self.input.value.starts(with: record.message.value))
        #expect(RecordSizeLimit.size(of: record.message) == 3000, "as much of the value as fits")
    }

    @Test func truncatedValueKeepsAtMost64KiB() {
        let big = KafkaMessage(topic: "in", partition: KafkaPartition(rawValue: 0), offset: KafkaOffset(rawValue: 0), key: nil,
                               value: Array(repeating: 7, count: 3_000_000), headers: [])
        var record = OutgoingRecord(deadLetter: DeadLetter.record(for: big, reason: "too_large", stage: "decode", detail: "big", topic: "dlq", worker: "w1"), source: big)
        #expect(record.fit(Self.policy(limit: 1_000_000)) == [.truncated])
        #expect(record.message.value.count == DeadLetter.truncatedValueBytes)
        #expect(header(record.message, "error.reason") == "too_large", "the reason of the dead letter stays")
    }

    @Test func refusalsStepDownAfterThreeButTransientErrorsNever() {
        let policy = Self.policy(limit: 1_000_000)
        var record = OutgoingRecord(output: Self.output(bytes: 100), source: Self.input)
        for _ in 0..<50 { #expect(record.refused(by: KafkaError(code: .allBrokersDown), policy) == nil) }
        #expect(record.form == .output)
        let invalid = KafkaError(code: .invalidRecord)
        #expect(record.refused(by: invalid, policy) == nil)
        #expect(record.refused(by: invalid, policy) == nil)
        #expect(record.refused(by: invalid, policy) == .deadLettered(.produceRejected))
        #expect(record.form == .deadLetter && header(record.message, "error.reason") == "produce_rejected")
        for _ in 0..<2 { #expect(record.refused(by: invalid, policy) == nil) }
        #expect(record.refused(by: invalid, policy) == .truncated)
        // The last form is sent until delivered.
        for _ in 0..<10 { #expect(record.refused(by: invalid, policy) == nil) }
        #expect(record.form == .truncatedDeadLetter)
    }

    @Test func codesThatRefuseTheRecord() {
        #expect(KafkaError.Code.messageSizeTooLarge.refusesRecord)
        #expect(KafkaError.Code.invalidRecord.refusesRecord)
        #expect(KafkaError.Code(rawValue: 18).refusesRecord)  // RECORD_LIST_TOO_LARGE
        #expect(!KafkaError.Code.transport.refusesRecord)
        #expect(!KafkaError.Code.messageTimedOut.refusesRecord)
        #expect(!KafkaError.Code.notEnoughReplicas.refusesRecord)
    }

    /// The size the publisher checks is the one librdkafka checks: a record of exactly `message.max.bytes`
    /// is taken, one byte more is refused at once (no broker needed).
    @Test func sizeRuleIsLibrdkafkas() async throws {
        var kafka = KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"], clientID: "size-rule")
        kafka.properties["message.max.bytes"] = "5000"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: Logger(label: "size-rule"))
        let limit = RecordSizeLimit(properties: kafka.properties)
        for headers in [[], [KafkaHeader(key: "error.reason", value: Array("x".utf8)), KafkaHeader(key: "h", value: nil), KafkaHeader(key: String(repeating: "k", count: 200), value: Array(repeating: 1, count: 300))]] {
            var message = KafkaProducerMessage(topic: "t", key: Array("key".utf8), value: [], headers: headers)
            message.value = Array(repeating: 0x61, count: limit.maxBytes - RecordSizeLimit.size(of: message))
            #expect(RecordSizeLimit.size(of: message) == 5000 && limit.admits(message))
            _ = try await producer.send(message)
            message.value.append(0x61)
            #expect(!limit.admits(message))
            await #expect(throws: KafkaError.self) { try await producer.send(message) }
        }
        await producer.shutdown(timeout: .zero)
    }

    @Test func limitComesFromTheProducerProperties() {
        #expect(RecordSizeLimit(properties: [:]).maxBytes == 1_000_000)
        #expect(RecordSizeLimit(properties: ["message.max.bytes": "2097152"]).maxBytes == 2_097_152)
    }

    private func header(_ message: KafkaProducerMessage, _ key: String) -> String? {
        message.headers.last { $0.key == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }
}
