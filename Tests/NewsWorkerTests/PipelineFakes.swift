import Foundation
import Kafka
import Logging
@testable import NewsWorker
import Synchronization

/// A ``MessageSource`` that hands out scripted batches, then waits until cancelled (or ends), and records
/// what the pipeline stored and committed.
final class ScriptedSource: MessageSource {
    private struct State {
        var batches: [[KafkaMessage]]
        var handedOut = 0
        var stored: [KafkaTopicPartitionOffset] = []
        var committed: [KafkaTopicPartitionOffset] = []
        var assigned: Set<KafkaTopicPartition>
    }
    private let state: Mutex<State>
    /// End (return `nil`) once the script is out, instead of waiting for more.
    let endsAfterScript: Bool

    init(_ batches: [[KafkaMessage]], endsAfterScript: Bool = true) {
        state = Mutex(State(batches: batches, assigned: Set(batches.joined().map(\.topicPartition))))
        self.endsAfterScript = endsAfterScript
    }

    func nextBatch(maxMessages: Int, maxBytes: Int) async throws -> [KafkaMessage]? {
        let batch = state.withLock { state -> [KafkaMessage]? in
            guard !state.batches.isEmpty else { return nil }
            state.handedOut += state.batches[0].count
            return state.batches.removeFirst()
        }
        if let batch { return batch }
        if !endsAfterScript { try? await Task.sleep(for: .seconds(3600)) }
        return nil
    }

    func store(_ offsets: [KafkaTopicPartitionOffset]) throws(KafkaError) {
        state.withLock { $0.stored += offsets }
    }

    func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        state.withLock { $0.committed += offsets }
    }

    /// Every partition of the script, until a rebalance (``setAssignment(_:)``).
    var assignment: [KafkaTopicPartition] { state.withLock { Array($0.assigned) } }

    /// The partitions owned from now on, as a rebalance would leave them.
    func setAssignment(_ partitions: [KafkaTopicPartition]) {
        state.withLock { $0.assigned = Set(partitions) }
    }

    /// Messages handed to the pipeline so far.
    var handedOut: Int { state.withLock { $0.handedOut } }
    /// Every offset stored, in order.
    var stored: [KafkaTopicPartitionOffset] { state.withLock { $0.stored } }
    /// The last offset committed per partition.
    var committed: [KafkaTopicPartition: KafkaOffset] {
        state.withLock { state in
            var last: [KafkaTopicPartition: KafkaOffset] = [:]
            for offset in state.committed { last[offset.topicPartition] = offset.offset }
            return last
        }
    }
}

/// A ``RecordSink`` whose answers the test decides, call by call; records every call.
final class ScriptedSink: RecordSink {
    typealias Answer = @Sendable (_ call: Int, _ records: [KafkaProducerMessage]) async -> [Delivery]
    private let calls = Mutex<[[KafkaProducerMessage]]>([])
    private let answer: Answer

    /// - Parameter answer: The outcomes of each call. Default: every record acknowledged.
    init(_ answer: @escaping Answer = { _, records in records.map { _ in .acknowledged } }) {
        self.answer = answer
    }

    func produce(_ records: [KafkaProducerMessage]) async -> [Delivery] {
        let call = calls.withLock { calls in
            calls.append(records)
            return calls.count - 1
        }
        return await answer(call, records)
    }

    /// Every call's records, in call order.
    var received: [[KafkaProducerMessage]] { calls.withLock { $0 } }
}

/// Inputs and a pipeline on fakes.
enum PipelineFixture {
    /// A plain-text article the parser accepts, distinct per `number`.
    static func article(_ number: Int, partition: Int32 = 0, offset: Int64) -> KafkaMessage {
        let words = (0..<60).map { "w\(number)x\($0)" }.joined(separator: " ")
        let text = "Headline of story \(number)\n\nThe council of town \(number) met on Monday. \(words).\n\nA second paragraph about story \(number) with more words: \(words)."
        return KafkaMessage(topic: "in", partition: KafkaPartition(rawValue: partition), offset: KafkaOffset(rawValue: offset),
                            key: Array("article-\(number)".utf8), value: Array(text.utf8))
    }

    /// An input the parser rejects (`binary`): dead-lettered.
    static func binary(partition: Int32 = 0, offset: Int64, bytes: Int = 64) -> KafkaMessage {
        KafkaMessage(topic: "in", partition: KafkaPartition(rawValue: partition), offset: KafkaOffset(rawValue: offset),
                     key: nil, value: Array(repeating: 0, count: bytes))
    }

    static var configuration: WorkerConfiguration {
        var configuration = WorkerConfiguration()
        configuration.kafka.inputTopic = "in"
        configuration.kafka.outputTopic = "out"
        configuration.kafka.dlqTopic = "dlq"
        return configuration
    }

    static func settings(messages: Int = 1000, bytes: Int = 64 << 20, lanes: Int = 4, drain: Duration = .seconds(10)) -> PipelineFlow.Settings {
        var settings = PipelineFlow.Settings(
            budget: InFlightBudget.Limits(messages: messages, bytes: bytes),
            batchMessages: 100, batchBytes: bytes, lanes: lanes, drain: drain
        )
        settings.retryBackoff.base = .milliseconds(1)
        return settings
    }

    static func flow(
        source: any MessageSource, sink: any RecordSink, settings: PipelineFlow.Settings = settings(),
        configuration: WorkerConfiguration = configuration, exporter: PrometheusExporter = PrometheusExporter()
    ) -> PipelineFlow {
        PipelineFlow(
            configuration: configuration, workerID: "w1", settings: settings,
            source: source, sink: sink, log: LocalFingerprintLog(), sequencer: VerdictSequencer(configuration: configuration.dedup.index),
            metrics: metrics(exporter), health: WorkerHealth(), logger: silentLogger
        )
    }

    /// The worker's metrics, exported by `exporter`.
    static func metrics(_ exporter: PrometheusExporter = PrometheusExporter()) -> WorkerMetrics {
        WorkerMetrics(factory: exporter.factory, version: "test", librdkafka: "test")
    }

    /// A logger that writes nothing.
    static var silentLogger: Logger { Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }) }

    /// Waits (polling, up to `limit`: 30 s for a loaded machine) until `condition` holds.
    static func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }
}
