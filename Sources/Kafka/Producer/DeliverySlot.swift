import Synchronization

/// Where a delivery report goes: one awaiting caller, or a slot of a batch.
final class DeliverySlot: Sendable {
    enum Target {
        case single(SingleDelivery)
        case batch(BatchDelivery)
    }
    let id: UInt64
    let target: Target
    init(id: UInt64, target: Target) {
        self.id = id
        self.target = target
    }
}

/// The report of one `produce(_:)` call, which may arrive before the caller waits.
final class SingleDelivery: Sendable {
    private struct State {
        var report: KafkaDeliveryReport?
        var continuation: CheckedContinuation<KafkaDeliveryReport, Never>?
    }
    private let state = Mutex(State())

    func complete(_ report: KafkaDeliveryReport) {
        let continuation = state.withLock { state -> CheckedContinuation<KafkaDeliveryReport, Never>? in
            guard let continuation = state.continuation else {
                state.report = report
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(returning: report)
    }

    func wait() async -> KafkaDeliveryReport {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> KafkaDeliveryReport? in
                if let report = state.report { return report }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Collects the reports of one `produce([...])` call.
final class BatchDelivery: Sendable {
    private struct State {
        var reports: [KafkaDeliveryReport?]
        var remaining: Int
        var continuation: CheckedContinuation<[KafkaDeliveryReport], Never>?
        var abandoned = false
    }
    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(reports: Array(repeating: nil, count: count), remaining: count))
    }

    func complete(_ report: KafkaDeliveryReport) {
        let finished = state.withLock { state -> (CheckedContinuation<[KafkaDeliveryReport], Never>, [KafkaDeliveryReport])? in
            state.reports[Int(report.id)] = report
            state.remaining -= 1
            guard state.remaining == 0, !state.abandoned, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.reports.map { $0! })
        }
        if let (continuation, reports) = finished { continuation.resume(returning: reports) }
    }

    func abandon(from index: Int) {
        state.withLock { state in
            state.abandoned = true
            state.remaining -= state.reports.count - index
        }
    }

    func wait() async -> [KafkaDeliveryReport] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [KafkaDeliveryReport]? in
                if state.remaining == 0 { return state.reports.map { $0! } }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
