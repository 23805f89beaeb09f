import Foundation
import Kafka
import TestSupport
import Testing

/// The dashboard and the alerts only query metrics a running worker really serves.
struct DeployMetricsTests {
    /// `newsworker_*` names in a file, histogram suffixes stripped.
    static func referencedMetrics(in path: String) throws -> Set<String> {
        let text = try String(contentsOf: DeployTestSupport.repository.appendingPathComponent(path), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "newsworker_[a-z_]+")
        let range = NSRange(text.startIndex..., in: text)
        return Set(
            regex.matches(in: text, range: range).compactMap { match in
                Range(match.range, in: text).map { baseName(String(text[$0])) }
            }
        )
    }

    static func baseName(_ name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// Metric family names in Prometheus text: `# TYPE` lines and sample names, suffixes stripped.
    static func servedMetrics(in exposition: String) -> Set<String> {
        var names = Set<String>()
        for line in exposition.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
                let parts = line.split(separator: " ")
                if parts.count >= 3 { names.insert(String(parts[2])) }
            } else if !line.hasPrefix("#") {
                let name = line.prefix { $0 != "{" && $0 != " " }
                if !name.isEmpty { names.insert(baseName(String(name))) }
            }
        }
        return names
    }

    /// The contract with the worker (docs/operations.md, "Metrics").
    static let contract: Set<String> = [
        "newsworker_messages_consumed_total", "newsworker_messages_produced_total",
        "newsworker_messages_dead_lettered_total", "newsworker_dedup_verdicts_total",
        "newsworker_processing_duration_seconds", "newsworker_end_to_end_lag_seconds",
        "newsworker_consumer_lag_messages", "newsworker_in_flight_messages",
        "newsworker_dedup_index_articles", "newsworker_dedup_index_bytes",
        "newsworker_kafka_errors_total", "newsworker_ready", "newsworker_offsets_committed_total",
        "newsworker_last_progress_timestamp_seconds", "newsworker_build_info",
    ]

    @Test func dashboardAndAlertsUseOnlyContractedMetrics() throws {
        let dashboard = try Self.referencedMetrics(in: "deploy/grafana/newsworker.json")
        let alerts = try Self.referencedMetrics(in: "deploy/prometheus/alerts.yml")
        #expect(dashboard.subtracting(Self.contract).isEmpty, "not in the contract: \(dashboard.subtracting(Self.contract).sorted())")
        #expect(alerts.subtracting(Self.contract).isEmpty, "not in the contract: \(alerts.subtracting(Self.contract).sorted())")
        // The dashboard shows every metric the worker exports.
        #expect(Self.contract.subtracting(dashboard).isEmpty, "not on the dashboard: \(Self.contract.subtracting(dashboard).sorted())")
    }

    @Test func dashboardIsValidGrafanaJSON() throws {
        let data = try Data(contentsOf: DeployTestSupport.repository.appendingPathComponent("deploy/grafana/newsworker.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(dashboard["uid"] as? String == "newsworker")
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let ids = panels.compactMap { $0["id"] as? Int }
        #expect(ids.count == panels.count && Set(ids).count == ids.count, "panel ids must be unique")
        let queries = panels.flatMap { ($0["targets"] as? [[String: Any]]) ?? [] }.compactMap { $0["expr"] as? String }
        #expect(queries.count >= 20)
        #expect(queries.contains { $0.contains("histogram_quantile(0.99") })
    }

    @Test func parsesPrometheusExposition() {
        let text = """
            # HELP newsworker_ready Whether /readyz passes.
            # TYPE newsworker_ready gauge
            newsworker_ready 1
            # TYPE newsworker_processing_duration_seconds histogram
            newsworker_processing_duration_seconds_bucket{le="0.005"} 3
            newsworker_processing_duration_seconds_sum 0.01
            newsworker_messages_consumed_total{topic="in"} 3
            """
        #expect(
            Self.servedMetrics(in: text)
                == ["newsworker_ready", "newsworker_processing_duration_seconds", "newsworker_messages_consumed_total"]
        )
    }

    /// A live worker: traffic through the pipeline (the seeds twice, so dedup says duplicate, and an empty
    /// message that must be dead-lettered), then the broker goes down so Kafka errors are counted too.
    /// Every name the dashboard or the alerts reference must have been served at /metrics.
    @Test(.timeLimit(.minutes(5)))
    func everyReferencedMetricIsServedByARunningWorker() async throws {
        let referenced = try Self.referencedMetrics(in: "deploy/grafana/newsworker.json")
            .union(Self.referencedMetrics(in: "deploy/prometheus/alerts.yml"))
        let topics = WorkerProcess.Topics(input: "metrics.raw", output: "metrics.enriched", dlq: "metrics.dlq")
        let broker = try await DevBroker(partitions: 2, topics: [topics.input, topics.output, topics.dlq])
        let worker = try WorkerProcess(brokers: broker.bootstrap, group: "g-metrics", topics: topics)
        try await worker.waitFor("/readyz", status: 200, timeout: .seconds(90))

        var messages = (Seeds.all + Seeds.all).enumerated().map { index, seed in
            KafkaProducerMessage(topic: topics.input, key: Array("seed-\(index)".utf8), value: seed.bytes)
        }
        messages.append(KafkaProducerMessage(topic: topics.input, key: Array("empty".utf8), value: []))
        try await TopicClient(brokers: broker.bootstrap).produce(messages)

        var served = Set<String>()
        let processed = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < processed {
            served.formUnion(Self.servedMetrics(in: await worker.get("/metrics").body))
            if await worker.metric("newsworker_messages_consumed_total") >= Double(messages.count),
                referenced.subtracting(served).subtracting(["newsworker_kafka_errors_total"]).isEmpty
            {
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        // Losing the broker makes librdkafka report transport errors: newsworker_kafka_errors_total{code}.
        try await broker.set(up: false)
        let errors = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < errors, !served.contains("newsworker_kafka_errors_total") {
            try await Task.sleep(for: .seconds(1))
            served.formUnion(Self.servedMetrics(in: await worker.get("/metrics").body))
        }
        let missing = referenced.subtracting(served)
        #expect(missing.isEmpty, "referenced by deploy/ but never served at /metrics: \(missing.sorted())")
        #expect(served.isSuperset(of: Self.contract), "contract metrics not served: \(Self.contract.subtracting(served).sorted())")
        try await broker.set(up: true)
        await worker.child.stop()
        await broker.stop()
    }
}
