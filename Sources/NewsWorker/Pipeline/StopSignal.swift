import Synchronization

/// A one-way signal that any number of tasks can await.
final class StopSignal: Sendable {
    private struct State {
        var fired = false
        var waiting = SuspendedTasks<Void, Void>()
    }
    private let state = Mutex(State())

    func fire() {
        let waiting = state.withLock { state in
            state.fired = true
            return state.waiting.removeAllContinuations()
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Returns once fired, or when the calling task is cancelled.
    func wait() async {
        await state.suspend(in: \.waiting, request: (), cancelled: ()) { $0.fired ? () : nil }
    }
}
