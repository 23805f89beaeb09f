import Synchronization

/// The hand-off from intake to the lanes that finish batches: in order, any number of takers, ended by
/// ``finish()``. Unbounded by itself: intake takes room in an ``InFlightBudget`` before it pushes.
final class BatchQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var head = 0
        var takers = SuspendedTasks<Element?, Void>()
        var finished = false

        mutating func take() -> Element? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            return item
        }
    }

    private let state = Mutex(State())

    init() {}

    /// Queues `item`, or hands it to a waiting taker.
    func push(_ item: Element) {
        let taker = state.withLock { state -> CheckedContinuation<Element?, Never>? in
            guard state.takers.isEmpty else { return state.takers.removeFirst().continuation }
            state.items.append(item)
            return nil
        }
        taker?.resume(returning: item)
    }

    /// The next item, waiting for one; `nil` once finished and empty, or when the calling task is cancelled.
    func next() async -> Element? {
        await state.suspend(in: \.takers, request: (), cancelled: nil) { state -> Element?? in
            if let item = state.take() { return .some(item) }
            return state.finished ? .some(nil) : .none
        }
    }

    /// No more pushes: takers get what is queued, then `nil`.
    func finish() {
        let takers = state.withLock { state in
            state.finished = true
            return state.takers.removeAllContinuations()
        }
        for taker in takers { taker.resume(returning: nil) }
    }
}
