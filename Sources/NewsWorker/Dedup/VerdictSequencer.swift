import NewsDedup
import Synchronization

/// The sequence stage: gives every article the verdict of its place in the ``FingerprintLog``.
///
/// Each worker appends the fingerprint of every article it processes to the log and applies the log, in
/// log order, to its own ``DedupIndex``: the verdict of an article is decided when its fingerprint is
/// applied, from the log before it, so it is the same on every worker, whichever worker saw the article.
/// Re-processing after a crash appends the fingerprint again; the index returns the first verdict for a
/// known id, so outputs don't change. The window runs on stream time: the log record's timestamp (set once,
/// when appended; the index never lets it go back). Dates written in articles do not move it.
///
/// Intake announces a batch's articles (``expect(_:)``) before appending their fingerprints, then the
/// batch waits for all its verdicts at once (``verdicts(for:)``): one wait per batch, not per article.
final class VerdictSequencer: Sendable {
    /// The verdicts a batch awaits.
    struct Ticket: Sendable, Hashable {
        fileprivate let id: UInt64
        /// Articles in the batch.
        let count: Int
    }

    private struct Waiting {
        var verdicts: [DedupVerdict?]
        var remaining: Int
        var continuation: CheckedContinuation<[DedupVerdict]?, Never>?
    }

    private struct Board {
        /// Per article id, the (ticket, slot) pairs waiting for its next application, oldest first.
        var waiters: [String: [(ticket: UInt64, slot: Int)]] = [:]
        var tickets: [UInt64: Waiting] = [:]
        var nextTicket: UInt64 = 0
    }

    private let index: Mutex<DedupIndex>
    private let board = Mutex(Board())

    init(configuration: DedupConfiguration) {
        index = Mutex(DedupIndex(configuration: configuration))
    }

    /// Announces that the articles `ids` (a batch, in order) wait for verdicts: call before appending
    /// their fingerprints to the log.
    func expect(_ ids: [String]) -> Ticket {
        board.withLock { board in
            let ticket = board.nextTicket
            board.nextTicket += 1
            board.tickets[ticket] = Waiting(verdicts: Array(repeating: nil, count: ids.count), remaining: ids.count)
            for (slot, id) in ids.enumerated() { board.waiters[id, default: []].append((ticket, slot)) }
            return Ticket(id: ticket, count: ids.count)
        }
    }

    /// Applies fingerprints in log order and hands their verdicts to the batches that wait for them.
    func apply(_ entries: [LoggedFingerprint]) {
        guard !entries.isEmpty else { return }
        let verdicts = index.withLock { index in
            entries.map { index.insert(fingerprint: $0.fingerprint, at: $0.time) }
        }
        let ready = board.withLock { board -> [(CheckedContinuation<[DedupVerdict]?, Never>, [DedupVerdict])] in
            var ready: [(CheckedContinuation<[DedupVerdict]?, Never>, [DedupVerdict])] = []
            for (entry, verdict) in zip(entries, verdicts) {
                let id = entry.fingerprint.id
                // Another worker's article, or a second copy of one already decided.
                guard var waiting = board.waiters[id], !waiting.isEmpty else { continue }
                let (ticket, slot) = waiting.removeFirst()
                board.waiters[id] = waiting.isEmpty ? nil : waiting
                guard var batch = board.tickets[ticket] else { continue }
                batch.verdicts[slot] = verdict
                batch.remaining -= 1
                if batch.remaining == 0, let continuation = batch.continuation {
                    board.tickets[ticket] = nil
                    ready.append((continuation, batch.verdicts.map { $0! }))
                } else {
                    board.tickets[ticket] = batch
                }
            }
            return ready
        }
        for (continuation, verdicts) in ready { continuation.resume(returning: verdicts) }
    }

    /// The verdicts of `ticket`'s articles, in order, once all are applied; `nil` if the calling task is
    /// cancelled first (shutdown gives up on the batch).
    func verdicts(for ticket: Ticket) async -> [DedupVerdict]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let outcome = board.withLock { board -> [DedupVerdict]?? in
                    guard var batch = board.tickets[ticket.id] else { return .some(nil) }
                    if batch.remaining == 0 {
                        board.tickets[ticket.id] = nil
                        return .some(batch.verdicts.map { $0! })
                    }
                    if Task.isCancelled {
                        Self.forget(ticket.id, in: &board)
                        return .some(nil)
                    }
                    batch.continuation = continuation
                    board.tickets[ticket.id] = batch
                    return .none
                }
                if case .some(let verdicts) = outcome { continuation.resume(returning: verdicts) }
            }
        } onCancel: {
            abandon(ticket)
        }
    }

    /// Stops waiting for `ticket` (its batch is given up): a waiting ``verdicts(for:)`` returns `nil`.
    func abandon(_ ticket: Ticket) {
        let continuation = board.withLock { board in Self.forget(ticket.id, in: &board) }
        continuation?.resume(returning: nil)
    }

    private static func forget(_ ticket: UInt64, in board: inout Board) -> CheckedContinuation<[DedupVerdict]?, Never>? {
        guard let batch = board.tickets.removeValue(forKey: ticket) else { return nil }
        if batch.remaining > 0 {
            for (id, waiting) in board.waiters where waiting.contains(where: { $0.ticket == ticket }) {
                let rest = waiting.filter { $0.ticket != ticket }
                board.waiters[id] = rest.isEmpty ? nil : rest
            }
        }
        return batch.continuation
    }

    /// Articles remembered and the bytes the index holds.
    var size: (articles: Int, bytes: Int) {
        let usage = index.withLock { $0.memoryUsage }
        return (usage.articles, usage.totalBytes)
    }
}
