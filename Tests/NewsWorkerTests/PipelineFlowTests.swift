import Kafka
@testable import NewsWorker
import Testing

/// The whole chain of stages on in-memory fakes: what reaches the sink, what is stored and committed.
@Suite(.timeLimit(.minutes(2)))
struct PipelineFlowTests {
    typealias Fixture = PipelineFixture
    static let p0 = KafkaTopicPartition(topic: "in", partition: 0)
    static let p1 = KafkaTopicPartition(topic: "in", partition: 1)

    @Test func offsetsAreStoredInPartitionOrderWhenAcknowledgementsArriveOutOfOrder() async throws {
        // Batch A: p0 0...3. Batch B: p0 4...7 and p1 0...1. A's acknowledgements come only after B's.
        let batchA = (0..<4).map { Fixture.article($0, offset: Int64($0)) }
        let batchB = (4..<8).map { Fixture.article($0, offset: Int64($0)) } + (8..<10).map { Fixture.article($0, partition: 1, offset: Int64($0 - 8)) }
        let releaseA = StopSignal()
        let sink = ScriptedSink { _, records in
            if records.contains(where: { $0.key == Array("article-0".utf8) }) { await releaseA.wait() }
            return records.map { _ in .acknowledged }
        }
        let source = ScriptedSource([batchA, batchB], endsAfterScript: false)
        let flow = Fixture.flow(source: source, sink: sink)
        let running = Task { try await flow.run() }

        #expect(await Fixture.eventually { source.stored.contains(KafkaTopicPartitionOffset(topic: "in", partition: 1, offset: 2)) })
        #expect(source.stored.filter { $0.topicPartition == Self.p0 }.isEmpty, "B is acknowledged but A, before it on p0, is not")
        releaseA.fire()
        #expect(await Fixture.eventually { source.stored.contains(KafkaTopicPartitionOffset(topic: "in", partition: 0, offset: 8)) })
        #expect(source.stored.filter { $0.topicPartition == Self.p0 }.map(\.offset) == [8], "A and B are done: p0 moves once, past both")

        flow.stop()
        try await running.value
        await flow.committer.commitNow()
        #expect(source.committed == [Self.p0: 8, Self.p1: 2])
        #expect(sink.received.flatMap { $0 }.filter { $0.topic == "out" }.count == 10)
    }

    @Test func aBurstOfLargeInputsIsBoundedByBytesNotOnlyByCount() async throws {
        // Ten 8 MiB inputs, a budget of 1,000 messages but 20 MiB: two fit at once, not ten.
        let big = [UInt8](repeating: 0, count: 8 << 20)
        let inputs = (0..<10).map { offset in
            KafkaMessage(topic: "in", partition: 0, offset: KafkaOffset(rawValue: Int64(offset)), key: nil, value: big)
        }
        let release = StopSignal()
        let sink = ScriptedSink { _, records in
            await release.wait()
            return records.map { _ in .acknowledged }
        }
        let source = ScriptedSource(inputs.map { [$0] }, endsAfterScript: false)
        let flow = Fixture.flow(source: source, sink: sink, settings: Fixture.settings(messages: 1000, bytes: 20 << 20))
        let running = Task { try await flow.run() }

        #expect(await Fixture.eventually { sink.received.count == 2 })
        // Room for more would show within seconds (each input is parsed and sent at once).
        #expect(await Fixture.eventually(within: .seconds(3)) { sink.received.count > 2 || source.handedOut > 3 } == false)
        #expect(sink.received.count == 2, "only two 8 MiB inputs fit in 20 MiB")
        #expect(source.handedOut <= 3, "intake takes one more batch at most, and waits for room before parsing it")
        #expect(flow.budget.usage.bytes <= 20 << 20)
        release.fire()
        #expect(await Fixture.eventually { source.stored.last?.offset == 10 })
        #expect(sink.received.flatMap { $0 }.count == 10, "every input dead-lettered once (binary)")

        flow.stop()
        try await running.value
    }

    @Test func aFailingBatchIsRetriedAndWhatTheBrokerRefusesIsDeadLettered() async throws {
        // article-0 fails once (broker down), article-1 is refused every time, article-2 is only implicitly
        // acknowledged once: sent again.
        let inputs = (0..<3).map { Fixture.article($0, offset: Int64($0)) }
        let sink = ScriptedSink { call, records in
            records.map { record in
                if record.topic == "out", record.key == Array("article-1".utf8) { return .failed(KafkaError(code: .invalidRecord)) }
                guard call == 0 else { return .acknowledged }
                if record.key == Array("article-0".utf8) { return .failed(KafkaError(code: .transport)) }
                if record.key == Array("article-2".utf8) { return .implicitlyAcknowledged }
                return .acknowledged
            }
        }
        let source = ScriptedSource([inputs])
        let exporter = PrometheusExporter()
        let flow = Fixture.flow(source: source, sink: sink, exporter: exporter)
        try await flow.run()
        await flow.committer.commitNow()

        let calls = sink.received
        #expect(calls.map { $0.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } } } == [
            ["article-0", "article-1", "article-2"],
            ["article-0", "article-1", "article-2"],
            ["article-1"],
            ["article-1"],
        ])
        let deadLetter = try #require(calls.last?.first)
        #expect(deadLetter.topic == "dlq")
        #expect(deadLetter.value == inputs[1].value, "the dead letter carries the input's bytes")
        #expect(deadLetter.headers.first { $0.key == "error.reason" }?.value == Array("produce_rejected".utf8))
        #expect(source.stored.map(\.offset) == [3], "stored once every record of the batch is acknowledged")
        #expect(source.committed == [Self.p0: 3])
        let metrics = exporter.render()
        #expect(metrics.contains(#"newsworker_messages_dead_lettered_total{topic="in",reason="produce_rejected"} 1"#))
        #expect(metrics.contains(#"newsworker_implicitly_acknowledged_records_total{topic="out"} 1"#))
        #expect(metrics.contains(#"newsworker_messages_produced_total{topic="out"} 2"#))
        #expect(metrics.contains(#"newsworker_messages_produced_total{topic="dlq"} 1"#))
    }

    @Test func shutdownMidBatchIsBoundedAndLeavesTheUndeliveredUncommitted() async throws {
        // Batch A is acknowledged; batch B never is. Shutdown gives B 300 ms, then stops waiting.
        let batchA = (0..<2).map { Fixture.article($0, offset: Int64($0)) }
        let batchB = (2..<4).map { Fixture.article($0, offset: Int64($0)) }
        let sink = ScriptedSink { _, records in
            if records.contains(where: { $0.key == Array("article-2".utf8) }) {
                try? await Task.sleep(for: .seconds(3600))
                return records.map { _ in .failed(KafkaError(code: .destroyed)) }
            }
            return records.map { _ in .acknowledged }
        }
        let source = ScriptedSource([batchA, batchB], endsAfterScript: false)
        let flow = Fixture.flow(source: source, sink: sink, settings: Fixture.settings(drain: .milliseconds(300)))
        let running = Task { try await flow.run() }

        #expect(await Fixture.eventually { source.stored.last?.offset == 2 && sink.received.count == 2 })
        flow.stop()
        try await running.value
        await flow.committer.commitNow()
        #expect(source.stored.map(\.offset) == [2])
        #expect(source.committed == [Self.p0: 2], "B's inputs stay uncommitted, to be processed again")
        #expect(flow.budget.usage == InFlightBudget.Usage())
        await flow.finishInFlight()  // a revoke after shutdown does not wait for the abandoned batch
    }

    @Test func verdictsAreThoseOfTheLogOrderAcrossBatches() async throws {
        // The same article in two batches and twice in one: unique first, then duplicate.
        let first = Fixture.article(7, offset: 0)
        var copy = first
        copy.offset = 1
        copy.key = Array("article-7-copy".utf8)
        var again = copy
        again.offset = 2
        again.key = Array("article-7-again".utf8)
        let sink = ScriptedSink()
        let source = ScriptedSource([[first], [copy, again]])
        let flow = Fixture.flow(source: source, sink: sink)
        try await flow.run()
        let statuses = sink.received.flatMap { $0 }.map { record in
            (String(decoding: record.key ?? [], as: UTF8.self), record.headers.first { $0.key == "dedup.status" }.map { String(decoding: $0.value ?? [], as: UTF8.self) })
        }
        #expect(statuses.sorted { $0.0 < $1.0 }.map(\.1) == ["unique", "duplicate", "duplicate"])
    }
}
