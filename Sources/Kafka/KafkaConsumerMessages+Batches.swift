extension KafkaConsumerMessages {
    /// The next messages in consumption order: waits for one, then takes those already buffered after it
    /// without waiting, up to `maxMessages` and, beyond the first, `maxBytes` of values. Few under light
    /// load (low latency), many under heavy load (one hand-off for many messages).
    ///
    /// Use either this or iteration, from one task at a time.
    /// - Returns: At least one message; `nil` once the consumer closed, or when the calling task is cancelled.
    /// - Throws: The fatal ``KafkaError`` that ended the consumer.
    public func nextBatch(maxMessages: Int, maxBytes: Int = .max) async throws -> [KafkaMessage]? {
        try await buffer.nextBatch(maxMessages: Swift.max(1, maxMessages), maxBytes: maxBytes)
    }
}
