import Foundation
import Kafka
import Logging
import NewsDedup

/// Gives every article its dedup verdict so that all workers of a group agree on it.
///
/// In *shared* mode (the default, `dedup.shared_log_topic` set) each worker appends the fingerprint of
/// every article it processes to partition 0 of the shared log topic, and every worker applies that log,
/// in log order, to its own ``DedupIndex``. The log is the single order of all articles: the verdict of an
/// article is decided when its fingerprint is applied, from the log before it, so it is the same on every
/// worker, whichever worker saw the article. Re-processing after a crash appends the fingerprint again;
/// the index returns the first verdict for a known id, so outputs don't change.
///
/// The index's window runs on stream time: the log record's timestamp (set once, when the fingerprint was
/// appended, so the same on every replica; the index never lets it go back, so it is monotone in log order).
/// Dates written in articles do not move it.
///
/// In *local* mode (empty topic) fingerprints are applied at once to this worker's index, at the wall-clock
/// time: verdicts then depend on which worker saw which articles.
actor DedupSequencer {
    private var index: DedupIndex
    /// Verdicts this worker awaits, by article id: how many submissions are pending for the id.
    private var awaited: [String: Int] = [:]
    /// Verdicts decided for awaited ids before anyone asked.
    private var decided: [String: [DedupVerdict]] = [:]
    private var waiters: [String: [(ticket: UInt64, continuation: CheckedContinuation<DedupVerdict?, Never>)]] = [:]
    private var nextTicket: UInt64 = 0
    /// Fingerprints sent to the shared log and not yet read back from it, by send id: sent again if their
    /// delivery fails (``resend(failedSend:)``), or the articles would wait for their verdicts forever.
    private var unconfirmed: [UInt64: DocumentFingerprint] = [:]
    /// The send ids of ``unconfirmed`` fingerprints, by article id, oldest first.
    private var sends: [String: [UInt64]] = [:]
    private let log: Log?
    private let logger: Logger

    /// Where the shared log lives.
    struct Log: Sendable {
        let topic: String
        let producer: KafkaProducer
    }

    init(configuration: DedupConfiguration, log: Log?, logger: Logger) {
        self.index = DedupIndex(configuration: configuration)
        self.log = log
        self.logger = logger
    }

    /// Hands a fingerprint to the sequencer: appended to the shared log, or applied at once when local.
    func submit(_ fingerprint: DocumentFingerprint) async throws(KafkaError) {
        awaited[fingerprint.id, default: 0] += 1
        guard let log else {
            apply(fingerprint, at: StreamTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded())))
            return
        }
        do {
            try await send(fingerprint, to: log)
        } catch {
            release(fingerprint.id)
            throw error
        }
    }

    /// Sends a fingerprint to the shared log, remembering it until it is read back.
    private func send(_ fingerprint: DocumentFingerprint, to log: Log) async throws(KafkaError) {
        let record = KafkaProducerMessage(topic: log.topic, partition: 0, key: Array(fingerprint.id.utf8), value: fingerprint.encoded())
        let id = try await log.producer.send(record)
        unconfirmed[id] = fingerprint
        sends[fingerprint.id, default: []].append(id)
    }

    /// Sends again the fingerprint whose send `id` was not delivered, or not acknowledged by the broker (the
    /// producer's ``KafkaProducerEvent/deliveryFailed(_:)`` and ``KafkaProducerEvent/deliveryImplicitlyAcknowledged(_:)``). A fingerprint that reaches the log twice is harmless: its
    /// second application finds no one waiting. Any other `id` (not a fingerprint's send) is ignored.
    func resend(failedSend id: UInt64) async throws(KafkaError) {
        guard let log, let fingerprint = unconfirmed[id] else { return }
        // Forgotten only once sent again: if this send throws, the caller tries `id` again.
        try await send(fingerprint, to: log)
        unconfirmed[id] = nil
        forget(send: id, of: fingerprint.id)
    }

    /// Drops send `id` of article `article` from the fingerprints awaiting confirmation.
    private func forget(send id: UInt64, of article: String) {
        guard var ids = sends[article], let position = ids.firstIndex(of: id) else { return }
        ids.remove(at: position)
        sends[article] = ids.isEmpty ? nil : ids
    }

    /// The verdict of a submitted `id`, waiting until its fingerprint has been applied; `nil` if the task is
    /// cancelled first (shutdown gives up on it; the verdict, when it comes, is kept for a later ask).
    func verdict(for id: String) async -> DedupVerdict? {
        if var ready = decided[id], !ready.isEmpty {
            let verdict = ready.removeFirst()
            decided[id] = ready.isEmpty ? nil : ready
            release(id)
            return verdict
        }
        let ticket = nextTicket
        nextTicket += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
                } else {
                    waiters[id, default: []].append((ticket, continuation))
                }
            }
        } onCancel: {
            Task { await self.stopWaiting(for: id, ticket: ticket) }
        }
    }

    /// Resumes the cancelled wait `ticket` for `id` with `nil`.
    private func stopWaiting(for id: String, ticket: UInt64) {
        guard var waiting = waiters[id], let position = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        let waiter = waiting.remove(at: position)
        waiters[id] = waiting.isEmpty ? nil : waiting
        waiter.continuation.resume(returning: nil)
    }

    private func release(_ id: String) {
        let left = (awaited[id] ?? 1) - 1
        awaited[id] = left > 0 ? left : nil
    }

    /// Applies one fingerprint in log order, at its stream time, and wakes whoever waits for its verdict.
    func apply(_ fingerprint: DocumentFingerprint, at time: StreamTime?) {
        let verdict = index.insert(fingerprint: fingerprint, at: time)
        // Read back from the log: its oldest send is confirmed.
        if let id = sends[fingerprint.id]?.first {
            unconfirmed[id] = nil
            forget(send: id, of: fingerprint.id)
        }
        guard awaited[fingerprint.id] != nil else { return }  // Another worker's article.
        if var waiting = waiters[fingerprint.id], !waiting.isEmpty {
            let waiter = waiting.removeFirst()
            waiters[fingerprint.id] = waiting.isEmpty ? nil : waiting
            release(fingerprint.id)
            waiter.continuation.resume(returning: verdict)
        } else {
            decided[fingerprint.id, default: []].append(verdict)
        }
    }

    /// Applies the shared log from its beginning until the consumer closes.
    func follow(_ messages: KafkaConsumerMessages) async throws {
        for try await message in messages {
            do throws(DedupError) {
                let time = message.timestamp.map { StreamTime(millisecondsSince1970: $0.millisecondsSinceEpoch) }
                apply(try DocumentFingerprint(decoding: message.value), at: time)
            } catch {
                logger.warning("unreadable record on the fingerprint log skipped", metadata: ["offset": "\(message.offset)", "error": "\(error)"])
            }
        }
    }

    /// Articles remembered and the bytes the index holds.
    var size: (articles: Int, bytes: Int) {
        let usage = index.memoryUsage
        return (usage.articles, usage.totalBytes)
    }
}
