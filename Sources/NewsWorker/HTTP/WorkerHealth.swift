import Synchronization

/// What `/healthz` and `/readyz` report: updated by the pipeline, read by the HTTP server.
public final class WorkerHealth: Sendable {
    private struct State {
        var busySince: ContinuousClock.Instant?
        var brokerReachable = false
        var assignedPartitions = 0
        var shuttingDown = false
    }

    private let state = Mutex(State())
    /// How long the pipeline loop may go without a tick before `/healthz` fails.
    public let stallLimit: Duration

    /// Creates the health state.
    /// - Parameter stallLimit: Loop silence that makes the worker unhealthy. Default: 60 s.
    public init(stallLimit: Duration = .seconds(60)) {
        self.stallLimit = stallLimit
    }

    /// Records that the pipeline loop started handling a message.
    public func beginWork() { state.withLock { $0.busySince = .now } }
    /// Records that the pipeline loop finished a message and is back to waiting for the next one.
    public func endWork() { state.withLock { $0.busySince = nil } }
    /// Records whether the broker answers.
    public func setBrokerReachable(_ reachable: Bool) { state.withLock { $0.brokerReachable = reachable } }
    /// Records how many input partitions this worker holds.
    public func setAssignedPartitions(_ count: Int) { state.withLock { $0.assignedPartitions = count } }
    /// Records that shutdown began.
    public func setShuttingDown() { state.withLock { $0.shuttingDown = true } }

    /// `nil` when alive, else why not: the pipeline loop is stuck on one message for longer than ``stallLimit``.
    ///
    /// A loop waiting for messages is alive: an idle worker is healthy.
    public var livenessProblem: String? {
        guard let since = state.withLock({ $0.busySince }) else { return nil }
        let stuck = ContinuousClock.now - since
        return stuck > stallLimit ? "pipeline loop stuck on one message for \(stuck)" : nil
    }

    /// `nil` when ready, else why not.
    public var readinessProblem: String? {
        state.withLock { state in
            if state.shuttingDown { return "shutting down" }
            if !state.brokerReachable { return "broker unreachable" }
            if state.assignedPartitions == 0 { return "no partitions assigned" }
            return nil
        }
    }
}
