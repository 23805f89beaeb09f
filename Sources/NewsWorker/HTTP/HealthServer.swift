public import Hummingbird
public import Logging
import NIOCore

/// The HTTP endpoint: `/healthz`, `/readyz` and `/metrics`.
public enum HealthServer {
    /// Builds the Hummingbird application (a `Service`: run it in the worker's service group).
    /// - Parameters:
    ///   - listen: Address to bind (127.0.0.1 unless configured otherwise).
    ///   - health: The state the probes report.
    ///   - exporter: The metrics registry served at `/metrics`.
    ///   - onListening: Called with the bound port (useful with port 0).
    public static func application(
        listen: HostAndPort,
        health: WorkerHealth,
        exporter: PrometheusExporter,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/healthz") { _, _ -> Response in
            probe(health.livenessProblem)
        }
        router.get("/readyz") { _, _ -> Response in
            probe(health.readinessProblem)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: exporter.render()))
            )
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: "newsworker"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? listen.port) },
            logger: logger
        )
    }

    private static func probe(_ problem: String?) -> Response {
        Response(
            status: problem == nil ? .ok : .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: (problem ?? "ok") + "\n"))
        )
    }
}
