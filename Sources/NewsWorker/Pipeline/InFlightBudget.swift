import Synchronization

/// Bounds the work between intake and commit, by messages and by bytes: intake waits for room before it
/// takes on more, so a burst of large inputs holds at most ``Limits/bytes`` (plus one batch when a single
/// batch is larger than that: it is admitted alone), not ``Limits/messages`` times their size.
final class InFlightBudget: Sendable {
    /// The bounds.
    struct Limits: Sendable, Hashable {
        /// Messages in flight, at most.
        var messages: Int
        /// Input bytes in flight, at most (a single larger batch is admitted alone).
        var bytes: Int
    }

    /// What is in flight now.
    struct Usage: Sendable, Hashable {
        var messages = 0
        var bytes = 0
    }

    private struct State {
        var used = Usage()
        /// Each waits for room for its request.
        var waiting = SuspendedTasks<Bool, Usage>()
        /// Fired when nothing is in flight any more (created by the first ``drained()`` that waits).
        var drain: StopSignal?
        var closed = false

        func fits(_ request: Usage, _ limits: Limits) -> Bool {
            used.messages == 0 || (used.messages + request.messages <= limits.messages && used.bytes + request.bytes <= limits.bytes)
        }

        mutating func take(_ request: Usage) {
            used.messages += request.messages
            used.bytes += request.bytes
        }

        /// Admits waiters in order while they fit; returns the continuations to resume.
        mutating func admitWaiting(_ limits: Limits) -> [CheckedContinuation<Bool, Never>] {
            var admitted: [CheckedContinuation<Bool, Never>] = []
            while let first = waiting.first, fits(first.request, limits) {
                take(waiting.removeFirst().request)
                admitted.append(first.continuation)
            }
            return admitted
        }
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits) {
        self.limits = Limits(messages: max(1, limits.messages), bytes: max(1, limits.bytes))
    }

    /// What is in flight now.
    var usage: Usage { state.withLock { $0.used } }

    /// Takes room for `messages` of `bytes`, waiting (in order of arrival) until it is free.
    /// - Returns: `false`, taking nothing, when the calling task is cancelled or the budget closed first.
    func acquire(messages: Int, bytes: Int) async -> Bool {
        let request = Usage(messages: messages, bytes: bytes)
        let limits = limits
        return await state.suspend(in: \.waiting, request: request, cancelled: false) { state in
            if state.closed { return false }
            guard state.waiting.isEmpty, state.fits(request, limits) else { return nil }
            state.take(request)
            return true
        }
    }

    /// Gives back room taken by ``acquire(messages:bytes:)``.
    func release(messages: Int, bytes: Int) {
        let (admitted, drained) = state.withLock { state in
            state.used.messages -= messages
            state.used.bytes -= bytes
            let admitted = state.admitWaiting(limits)
            guard state.used.messages == 0 else { return (admitted, StopSignal?.none) }
            defer { state.drain = nil }
            return (admitted, state.drain)
        }
        for waiter in admitted { waiter.resume(returning: true) }
        drained?.fire()
    }

    /// Waits until nothing is in flight (or the calling task is cancelled).
    func drained() async {
        let signal = state.withLock { state -> StopSignal? in
            guard state.used.messages > 0, !state.closed else { return nil }
            if state.drain == nil { state.drain = StopSignal() }
            return state.drain
        }
        await signal?.wait()
    }

    /// Gives up what is in flight (shutdown past its deadline): waiters are refused, drain waiters released.
    func close() {
        let (refused, drained) = state.withLock { state in
            state.closed = true
            state.used = Usage()
            defer { state.drain = nil }
            return (state.waiting.removeAllContinuations(), state.drain)
        }
        for waiter in refused { waiter.resume(returning: false) }
        drained?.fire()
    }
}
