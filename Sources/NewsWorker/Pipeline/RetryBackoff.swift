/// The pause before retrying something that keeps failing (the fingerprint log refusing appends, records not
/// delivered): after the n-th failure in a row ``base`` × 2ⁿ (n at most 6), at most ``limit``. With the
/// defaults: 200 ms, 400 ms, 800 ms, 1.6 s, 3.2 s, then 5 s.
struct RetryBackoff: Sendable {
    /// The pause after a first failure is twice this. Default: 100 ms
    var base: Duration = .milliseconds(100)
    /// The longest pause. Default: 5 s
    var limit: Duration = .seconds(5)
    /// Failures counted so far.
    private(set) var failures = 0

    /// Counts one more failure and returns the pause before the next attempt.
    mutating func failed() -> Duration {
        failures += 1
        return min(limit, base * (1 << min(failures, 6)))
    }
}

extension RetryBackoff {
    /// Runs `operation` until it succeeds, pausing as a ``RetryBackoff`` says after each failure, which
    /// `failed` hears first (with the number of failures so far).
    /// - Returns: `false` when the calling task is cancelled first.
    static func retry<Failure: Error>(
        _ operation: () async throws(Failure) -> Void,
        failed: (Failure, _ failures: Int) -> Void
    ) async -> Bool {
        var backoff = RetryBackoff()
        while !Task.isCancelled {
            do throws(Failure) {
                try await operation()
                return true
            } catch {
                let pause = backoff.failed()
                failed(error, backoff.failures)
                do {
                    try await Task.sleep(for: pause)
                } catch {
                    return false
                }
            }
        }
        return false
    }
}
