import Synchronization

/// Tasks suspended until a ``Mutex``-guarded state hands them a value, in order of arrival: the waiting
/// part of ``StopSignal``, ``BatchQueue`` and ``InFlightBudget``.
///
/// It lives inside the guarded state; ``Mutex/suspend(in:request:cancelled:ready:)`` suspends a task in it
/// and takes it out again, with `cancelled`, when the task is cancelled. Whoever hands out values removes
/// the entries under the lock and resumes their continuations after it.
struct SuspendedTasks<Value: Sendable, Request: Sendable>: Sendable {
    /// One suspended task: what it asked for and how to resume it.
    struct Entry: Sendable {
        fileprivate let id: UInt64
        let request: Request
        let continuation: CheckedContinuation<Value, Never>
    }

    private var entries: [Entry] = []
    private var nextID: UInt64 = 0

    var isEmpty: Bool { entries.isEmpty }
    /// The longest waiting.
    var first: Entry? { entries.first }

    mutating func removeFirst() -> Entry { entries.removeFirst() }

    /// The continuations of every task, removed.
    mutating func removeAllContinuations() -> [CheckedContinuation<Value, Never>] {
        defer { entries = [] }
        return entries.map(\.continuation)
    }

    fileprivate mutating func makeID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    fileprivate mutating func append(_ entry: Entry) { entries.append(entry) }

    fileprivate mutating func remove(id: UInt64) -> Entry? {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return nil }
        return entries.remove(at: index)
    }
}

extension Mutex where Value: ~Copyable {
    /// Returns what `ready` gives under the lock, or else suspends the calling task in `tasks` until it is
    /// handed a value; `cancelled` when the task is cancelled first (then it leaves `tasks`).
    ///
    /// `ready` is checked once more just before suspending, under the lock that hands out values, so no
    /// hand-out is missed between the check and the suspension.
    func suspend<Result: Sendable, Request: Sendable>(
        in tasks: any WritableKeyPath<Value, SuspendedTasks<Result, Request>> & Sendable,
        request: Request,
        cancelled: Result,
        ready: (inout Value) -> Result?
    ) async -> Result {
        let id = withLock { $0[keyPath: tasks].makeID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate = withLock { state -> Result? in
                    if let value = ready(&state) { return value }
                    if Task.isCancelled { return cancelled }
                    state[keyPath: tasks].append(.init(id: id, request: request, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            withLock { $0[keyPath: tasks].remove(id: id) }?.continuation.resume(returning: cancelled)
        }
    }
}
