import Synchronization

/// What `/healthz` and `/readyz` report: updated by the pipeline, read by the HTTP server.
public final class WorkerHealth: Sendable {
    private struct State {
        var busySince: ContinuousClock.Instant?
        var pendingOutputs = 0
        /// The last delivery of outputs, or when outputs became pending after none were.
        var lastDelivery = ContinuousClock.now
        var brokerReachable = false
        var assignedPartitions = 0
        var shuttingDown = false
    }

    private let state = Mutex(State())
    /// How long the intake loop may stay on one message, or pending outputs may wait with none delivered,
    /// before `/healthz` fails.
    public let stallLimit: Duration

    /// Creates the health state.
    /// - Parameter stallLimit: Time without progress that makes the worker unhealthy. Default: 60 s.
    public init(stallLimit: Duration = .seconds(60)) {
        self.stallLimit = stallLimit
    }

    /// Records that the pipeline loop started handling a message.
    public func beginWork() { state.withLock { $0.busySince = .now } }
    /// Records that the pipeline loop finished a message and is back to waiting for the next one.
    public func endWork() { state.withLock { $0.busySince = nil } }
    /// Records how many outputs wait for the broker's acknowledgement (queued or being delivered).
    public func setPendingOutputs(_ count: Int) {
        state.withLock { state in
            if state.pendingOutputs == 0, count > 0 { state.lastDelivery = .now }
            state.pendingOutputs = count
        }
    }
    /// Records that the publisher delivered outputs (or dead letters in their place).
    public func recordDelivery() { state.withLock { $0.lastDelivery = .now } }
    /// Records whether the broker answers.
    ///
    /// The broker coming back restarts the clock of pending outputs: they had no chance while it was away.
    public func setBrokerReachable(_ reachable: Bool) {
        state.withLock { state in
            if reachable, !state.brokerReachable { state.lastDelivery = .now }
            state.brokerReachable = reachable
        }
    }
    /// Records how many input partitions this worker holds.
    public func setAssignedPartitions(_ count: Int) { state.withLock { $0.assignedPartitions = count } }
    /// Records that shutdown began.
    public func setShuttingDown() { state.withLock { $0.shuttingDown = true } }

    /// `nil` when alive, else why not: the intake loop is stuck on one message, or outputs are pending and
    /// none was delivered, for longer than ``stallLimit``.
    ///
    /// A loop waiting for messages is alive: an idle worker is healthy. Outputs waiting while the broker
    /// is unreachable do not count (`/readyz` reports that; a restart would not bring the broker back).
    public var livenessProblem: String? {
        let now = ContinuousClock.now
        return state.withLock { state in
            if let since = state.busySince, now - since > stallLimit {
                return "pipeline loop stuck on one message for \(now - since)"
            }
            if state.pendingOutputs > 0, state.brokerReachable, now - state.lastDelivery > stallLimit {
                return "\(state.pendingOutputs) outputs pending, none delivered for \(now - state.lastDelivery)"
            }
            return nil
        }
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
