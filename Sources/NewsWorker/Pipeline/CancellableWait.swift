import Synchronization

/// Waits for an operation that does not stop when cancelled (e.g. acknowledgements a broker still owes),
/// and stops waiting when the waiting task is cancelled.
enum CancellableWait {
    /// The result of `operation`, run in its own task; `fallback` as soon as the calling task is
    /// cancelled (the operation then goes on, its result unused).
    static func value<T: Sendable>(or fallback: T, _ operation: @escaping @Sendable () async -> T) async -> T {
        let result = FirstResult<T>()
        Task { result.resolve(await operation()) }
        return await withTaskCancellationHandler {
            await result.wait()
        } onCancel: {
            result.resolve(fallback)
        }
    }
}

/// A value set once (later sets are ignored), awaited by one task.
private final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var value: T?
        var continuation: CheckedContinuation<T, Never>?
    }
    private let state = Mutex(State())

    func resolve(_ value: T) {
        let waiting = state.withLock { state -> CheckedContinuation<T, Never>? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.continuation = nil }
            return state.continuation
        }
        waiting?.resume(returning: value)
    }

    func wait() async -> T {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> T? in
                if let value = state.value { return value }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
