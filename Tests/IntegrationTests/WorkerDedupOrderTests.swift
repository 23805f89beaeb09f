import Foundation
import Kafka
import NewsDedup
import TestSupport
import Testing

/// The seeds' story clusters through a real worker on a 6-partition topic, whatever the interleaving
/// (issue 15): the index forgets by stream time (the fingerprint log's record time), so 004's date
/// (2023-09) cannot push 000 (2022-12) out of the window.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WorkerDedupOrderTests {
    @Test func seedsFormTheirClustersOnSixPartitionsWhicheverArrivesFirst() async throws {
        let topics = WorkerIntegrationTests.topics("order")
        let broker = try await DevBroker(partitions: 6, topics: [topics.input, topics.output, topics.dlq])
        let worker = try WorkerProcess(brokers: broker.bootstrap, group: "g-order", topics: topics)
        try await worker.waitFor("/readyz", status: 200)
        let client = TopicClient(brokers: broker.bootstrap)
        var seeds = try WorkerIntegrationTests.seedMessages(topic: topics.input)
        for index in seeds.indices { seeds[index].partition = KafkaPartition(rawValue: Int32(5 - index)) }
        // 004 first (the latest article date), then 000 (nine months older), then the three others in
        // one burst on three partitions, interleaving as the broker and the consumer make them.
        try await client.produce([seeds[4]])
        _ = try await client.read(topics.output, count: 1)
        try await client.produce([seeds[0]])
        _ = try await client.read(topics.output, count: 2)
        try await client.produce([seeds[2], seeds[3], seeds[1]])
        let records = try await client.read(topics.output, count: 5, settle: .seconds(1)).map(\.json)
        #expect(records.count == 5)
        let clusters = Dictionary(grouping: records) { ($0["dedup"] as? [String: Any])?["cluster"] as? String ?? "" }
            .mapValues { Set($0.compactMap { ($0["id"] as? String)?.prefix(3) }.map(String.init)) }
        #expect(Set(clusters.values) == [["000", "001", "002"], ["003"], ["004"]], "\(records.map { ($0["id"] ?? "", $0["dedup"] ?? "") })")

        // A replica replaying the log at its record times reaches the same verdicts.
        let log = try await client.read("articles.fingerprints", count: 5, settle: .seconds(1))
        var replica = DedupIndex()
        var replayed: [String: DedupVerdict] = [:]
        for entry in log {
            let time = entry.timestamp.map { StreamTime(millisecondsSince1970: $0.millisecondsSinceEpoch) }
            #expect(time != nil)
            let fingerprint = try DocumentFingerprint(decoding: entry.value)
            replayed[fingerprint.id] = replica.insert(fingerprint: fingerprint, at: time)
        }
        for record in records {
            let id = try #require(record["id"] as? String)
            let dedup = try #require(record["dedup"] as? [String: Any])
            #expect(dedup["cluster"] as? String == replayed[id]?.cluster, "\(id)")
            #expect(dedup["status"] as? String == replayed[id]?.status.rawValue, "\(id)")
        }
        await worker.child.stop()
        await broker.stop()
    }
}
