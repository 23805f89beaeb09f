/// How `worker.shutdown_grace_seconds` is shared among the steps of a graceful shutdown, so that the
/// whole stays within it and the process exits 0 whatever is stuck.
///
/// Half for the publisher to deliver what is in flight (then it stops: the rest stays uncommitted and is
/// processed again by the partitions' next owner), 15 % to flush the producer, 10 % (at most 5 s) to
/// stop it; the last quarter is left for the final commit, leaving the group and stopping the endpoint.
/// ``ShutdownBackstop`` ends the process one second past the grace if a step is stuck even so.
struct ShutdownBudget: Sendable, Hashable {
    /// Delivering in-flight outputs.
    let drain: Duration
    /// Flushing the producer (fingerprints, last acknowledgements).
    let flush: Duration
    /// Stopping the producer (flush what is left, then purge).
    let producerShutdown: Duration

    init(grace seconds: Double) {
        let grace = Duration.milliseconds(Int64(max(0, seconds) * 1000))
        drain = grace * 0.5
        flush = max(.milliseconds(200), grace * 0.15)
        producerShutdown = min(.seconds(5), max(.milliseconds(200), grace * 0.1))
    }
}
