import Dispatch
import Synchronization

/// The bounded hand-off between a consumer's poll thread and the tasks iterating its messages.
///
/// The poll thread appends batches and, when `capacity` messages are waiting, sleeps on a
/// semaphore until iterators drain half of them (backpressure: librdkafka is not polled meanwhile).
/// Iterators never block a thread: an empty buffer suspends them on a continuation.
final class MessageBuffer: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<KafkaMessage?, any Error>
    }

    private struct State {
        var items: [KafkaMessage] = []
        var head = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var finished = false
        var failure: KafkaError?
        var pollerWaiting = false
        /// Value bytes of the buffered messages.
        var bytes = 0

        var count: Int { items.count - head }

        /// Whether the poll thread waits for room and the buffer drained to half: it is then woken.
        mutating func pollerMayResume(capacity: Int, maxBytes: Int) -> Bool {
            guard pollerWaiting, count <= capacity / 2, bytes <= maxBytes / 2 else { return false }
            pollerWaiting = false
            return true
        }

        mutating func take() -> KafkaMessage {
            let message = items[head]
            bytes -= message.value.count
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 4096, head * 2 >= items.count {
                items.removeFirst(head)
                head = 0
            }
            return message
        }
    }

    let capacity: Int
    /// Value bytes buffered before the poll thread waits (it always hands over at least one batch).
    let maxBytes: Int
    private let state = Mutex(State())
    private let pollerWakeup = DispatchSemaphore(value: 0)

    init(capacity: Int, maxBytes: Int = .max) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
    }

    // MARK: Poll thread side

    /// How many more messages the poll thread may fetch now (none while ``maxBytes`` are buffered).
    var freeSpace: Int { state.withLock { $0.bytes >= maxBytes ? 0 : capacity - $0.count } }

    /// Sleeps the poll thread until iterators made room, or `timeoutMilliseconds` passed.
    func waitForSpace(timeoutMilliseconds: Int) {
        let mustWait = state.withLock { state -> Bool in
            guard state.count >= capacity || state.bytes >= maxBytes, !state.finished else { return false }
            state.pollerWaiting = true
            return true
        }
        if mustWait { _ = pollerWakeup.wait(timeout: .now() + .milliseconds(timeoutMilliseconds)) }
    }

    /// Wakes the poll thread if it sleeps in ``waitForSpace(timeoutMilliseconds:)`` (used on close).
    func wakePoller() { pollerWakeup.signal() }

    /// Hands messages to waiting iterators first, then buffers the rest.
    func push(_ batch: [KafkaMessage]) {
        guard !batch.isEmpty else { return }
        var resumed: [(CheckedContinuation<KafkaMessage?, any Error>, KafkaMessage)] = []
        state.withLock { state in
            var index = 0
            while index < batch.count, !state.waiters.isEmpty {
                resumed.append((state.waiters.removeFirst().continuation, batch[index]))
                index += 1
            }
            if index < batch.count {
                state.items.append(contentsOf: batch[index...])
                for message in batch[index...] { state.bytes += message.value.count }
            }
        }
        for (continuation, message) in resumed { continuation.resume(returning: message) }
    }

    /// Drops buffered messages of partitions being revoked (someone else will consume them).
    func removeMessages(of partitions: Set<KafkaTopicPartition>) {
        guard !partitions.isEmpty else { return }
        state.withLock { state in
            let live = state.items[state.head...].filter { !partitions.contains($0.topicPartition) }
            state.items = Array(live)
            state.head = 0
            state.bytes = live.reduce(0) { $0 + $1.value.count }
        }
    }

    /// Ends the sequence: iterators get the buffered messages, then `nil` (or `failure` thrown).
    func finish(failure: KafkaError? = nil) {
        let waiters = state.withLock { state -> [Waiter] in
            guard !state.finished else { return [] }
            state.finished = true
            state.failure = failure
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            if let failure { waiter.continuation.resume(throwing: failure) } else { waiter.continuation.resume(returning: nil) }
        }
        pollerWakeup.signal()
    }

    // MARK: Iterator side

    private enum NextAction {
        case message(KafkaMessage, wakePoller: Bool)
        case end(KafkaError?)
        case suspend
    }

    func next() async throws -> KafkaMessage? {
        // Fast path: no suspension when messages are buffered.
        let action = state.withLock { state -> NextAction in
            if state.count > 0 {
                let message = state.take()
                return .message(message, wakePoller: state.pollerMayResume(capacity: capacity, maxBytes: maxBytes))
            }
            if state.finished { return .end(state.failure) }
            return .suspend
        }
        switch action {
        case .message(let message, let wake):
            if wake { pollerWakeup.signal() }
            return message
        case .end(let failure):
            if let failure { throw failure }
            return nil
        case .suspend:
            return try await suspendForNext()
        }
    }

    /// The next message, waiting for one, then those buffered after it, up to `maxMessages` and (beyond
    /// the first) `maxBytes` of values; `nil` at the end (or when the task is cancelled).
    func nextBatch(maxMessages: Int, maxBytes: Int) async throws -> [KafkaMessage]? {
        guard let first = try await next() else { return nil }
        var batch = [first]
        var bytes = first.value.count
        let wake = state.withLock { state -> Bool in
            while batch.count < maxMessages, state.count > 0, bytes + state.items[state.head].value.count <= maxBytes {
                let message = state.take()
                bytes += message.value.count
                batch.append(message)
            }
            return state.pollerMayResume(capacity: capacity, maxBytes: self.maxBytes)
        }
        if wake { pollerWakeup.signal() }
        return batch
    }

    private func suspendForNext() async throws -> KafkaMessage? {
        let id = state.withLock { state -> UInt64 in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<KafkaMessage?, any Error>) in
                let immediate = state.withLock { state -> Result<KafkaMessage?, KafkaError>? in
                    if state.count > 0 { return .success(state.take()) }
                    if state.finished { return state.failure.map { .failure($0) } ?? .success(nil) }
                    if Task.isCancelled { return .success(nil) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    // The poller sleeps only on a full buffer, so an empty one never needs a wakeup here.
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
