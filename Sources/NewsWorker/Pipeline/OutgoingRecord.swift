import Kafka

/// One record on its way to the broker, and what the publisher sends instead when the broker cannot take it.
///
/// Every record ends on a topic in bounded time, down a ladder of ``Form``s: an output the producer cannot
/// take (larger than `message.max.bytes`, or refused ``RecordFallback/maxRefusals`` times with an error that
/// refuses the record itself) becomes the dead letter of its input, with the original bytes; a dead letter
/// that cannot be taken either becomes its truncated form, which fits by construction. Errors that do not
/// refuse the record (a broker down, a leader moving) are retried without end: they are not the record's.
struct OutgoingRecord: Sendable {
    /// The rungs of the ladder, in order (compared by declaration order).
    enum Form: Sendable, Comparable {
        /// The enriched record, for the output (or duplicates) topic.
        case output
        /// The dead letter: the input's original key, value and headers with `error.*` headers.
        case deadLetter
        /// The truncated dead letter (``DeadLetter/truncated(_:original:limit:)``).
        case truncatedDeadLetter
    }

    /// What the record became after a step down the ladder, for the logs and metrics.
    enum Fallback: Sendable, Equatable {
        /// The output became a dead letter with this reason.
        case deadLettered(DeadLetter.ProduceReason)
        /// The dead letter became its truncated form.
        case truncated
    }

    /// What is sent now.
    private(set) var message: KafkaProducerMessage
    /// Which rung ``message`` is.
    private(set) var form: Form
    /// The input the record comes from.
    let source: KafkaMessage
    /// Refusals of the current form so far.
    private(set) var refusals = 0

    /// An output record of `source`.
    init(output: KafkaProducerMessage, source: KafkaMessage) {
        self.message = output
        self.form = .output
        self.source = source
    }

    /// The dead letter `deadLetter` of `source` (an input the core rejected).
    init(deadLetter: KafkaProducerMessage, source: KafkaMessage) {
        self.message = deadLetter
        self.form = .deadLetter
        self.source = source
    }

    /// Steps down until the producer admits the record; returns the steps taken.
    mutating func fit(_ policy: RecordFallback) -> [Fallback] {
        var steps: [Fallback] = []
        while !policy.limit.admits(message), form < .truncatedDeadLetter {
            let size = RecordSizeLimit.size(of: message)
            steps.append(stepDown(policy, reason: .recordTooLarge, detail: "record is \(size) bytes, the producer's message.max.bytes is \(policy.limit.maxBytes)"))
        }
        return steps
    }

    /// Counts a failed delivery; steps down after ``RecordFallback/maxRefusals`` errors that refuse the
    /// record itself. Returns the step taken, if any.
    mutating func refused(by error: KafkaError, _ policy: RecordFallback) -> Fallback? {
        guard error.code.refusesRecord, form < .truncatedDeadLetter else { return nil }
        refusals += 1
        guard refusals >= policy.maxRefusals else { return nil }
        return stepDown(policy, reason: .produceRejected, detail: "the broker refused the record \(refusals) times: \(error.code.name)")
    }

    private mutating func stepDown(_ policy: RecordFallback, reason: DeadLetter.ProduceReason, detail: String) -> Fallback {
        refusals = 0
        switch form {
        case .output:
            form = .deadLetter
            message = DeadLetter.record(
                for: source, reason: reason.rawValue, stage: DeadLetter.produceStage, detail: detail,
                topic: policy.deadLetterTopic, worker: policy.worker
            )
            return .deadLettered(reason)
        case .deadLetter, .truncatedDeadLetter:
            form = .truncatedDeadLetter
            message = DeadLetter.truncated(message, original: source, limit: policy.limit)
            return .truncated
        }
    }
}

/// Where ``OutgoingRecord``s fall back to, and when.
struct RecordFallback: Sendable {
    /// The dead-letter topic.
    let deadLetterTopic: String
    /// The worker id written in dead letters.
    let worker: String
    /// The producer's record size limit.
    let limit: RecordSizeLimit
    /// Refusals of one form (errors that refuse the record itself) before the next form is sent.
    ///
    /// More than one: a broker that refuses a request once (a fault, an injected error) does not send a
    /// good article to the dead letters. Default: 3.
    var maxRefusals = 3
}
