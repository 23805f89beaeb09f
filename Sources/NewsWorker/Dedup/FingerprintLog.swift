import Kafka
import NewsDedup

/// A fingerprint as the log orders it, with its stream time (when it was appended).
struct LoggedFingerprint: Sendable {
    var fingerprint: DocumentFingerprint
    var time: StreamTime?
}

/// The single order of all articles' fingerprints that every worker of a group applies to its own index,
/// so that verdicts agree whichever worker saw an article: a seam. In production ``KafkaFingerprintLog``
/// (partition 0 of `dedup.shared_log_topic`), or ``LocalFingerprintLog`` (one worker's own order).
protocol FingerprintLog: Sendable {
    /// Appends fingerprints, in order; returns once the log has taken them (not once they are back).
    /// - Throws: ``FingerprintAppendError`` when the log cannot take them now: the caller appends the
    ///   rest again, later.
    func append(_ fingerprints: ArraySlice<DocumentFingerprint>) async throws(FingerprintAppendError)
    /// Calls `apply` with the log's fingerprints in log order, from its beginning, batch by batch, until
    /// the log closes or the calling task is cancelled.
    func follow(_ apply: @escaping @Sendable ([LoggedFingerprint]) -> Void) async throws
}

/// Fingerprints the log could not take: the first ``appended`` were taken.
struct FingerprintAppendError: Error {
    /// How many of the fingerprints were taken before the failure.
    var appended: Int
    /// Why the next one was not.
    var cause: KafkaError
}
