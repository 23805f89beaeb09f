public import CoreMetrics
import Prometheus

/// Owns a Prometheus registry and renders it as the text format served at `/metrics`.
public struct PrometheusExporter: Sendable {
    private let registry: PrometheusCollectorRegistry
    /// The factory to create ``WorkerMetrics`` on.
    public let factory: any MetricsFactory

    /// Creates an exporter with its own registry (no global bootstrap: several workers may share a process).
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["newsworker_end_to_end_lag_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
            .seconds(15), .seconds(60), .seconds(300), .seconds(900), .seconds(3600), .seconds(86400),
        ]
        factory.durationHistogramBuckets["newsworker_processing_duration_seconds"] = [
            .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
            .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
        ]
        self.factory = factory
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        registry.emitToString()
    }
}
