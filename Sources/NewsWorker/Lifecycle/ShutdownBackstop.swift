import Foundation
import Logging
import ServiceLifecycle

/// Ends the process with status 0 when a graceful shutdown outlasts its grace by ``margin``.
///
/// The shutdown steps share the grace (``ShutdownBudget``) and normally end well within it; a step stuck
/// even so (a blocking librdkafka call on a dead cluster) would otherwise leave ServiceLifecycle to trap
/// (SIGILL, status 132). Whatever was not committed is processed again by the partitions' next owner, as
/// after any stop. The timer is a thread of its own: it fires even when every task is blocked.
struct ShutdownBackstop: Service {
    /// Time past the grace before the process ends.
    static let margin = Duration.seconds(1)

    let grace: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        guard Task.isShuttingDownGracefully else { return }
        let limit = grace + Self.margin
        let logger = logger
        let thread = Thread {
            Thread.sleep(forTimeInterval: Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18)
            logger.error("shutdown took longer than worker.shutdown_grace_seconds; exiting now, uncommitted inputs will be processed again", metadata: ["grace": "\(limit - Self.margin)"])
            fflush(nil)
            _exit(0)
        }
        thread.name = "shutdown-backstop"
        thread.start()
    }
}
