import Foundation
import NewsDedup

/// The fingerprint log of a worker that dedups on its own (`dedup.shared_log_topic` empty): fingerprints
/// are applied in the order this worker appends them, at the wall-clock time. Verdicts then depend on
/// which worker saw which articles. Also the in-memory log of the pipeline's unit tests.
final class LocalFingerprintLog: FingerprintLog {
    private let entries: AsyncStream<[LoggedFingerprint]>
    private let continuation: AsyncStream<[LoggedFingerprint]>.Continuation
    private let now: @Sendable () -> StreamTime

    /// - Parameter now: The stream time given to appended fingerprints. Default: the wall clock.
    init(now: @escaping @Sendable () -> StreamTime = { StreamTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded())) }) {
        (entries, continuation) = AsyncStream.makeStream(of: [LoggedFingerprint].self)
        self.now = now
    }

    func append(_ fingerprints: ArraySlice<DocumentFingerprint>) async throws(FingerprintAppendError) {
        let time = now()
        continuation.yield(fingerprints.map { LoggedFingerprint(fingerprint: $0, time: time) })
    }

    /// Applies appended fingerprints (one follower at a time).
    func follow(_ apply: @escaping @Sendable ([LoggedFingerprint]) -> Void) async throws {
        for await batch in entries { apply(batch) }
    }
}
