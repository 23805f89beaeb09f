import NewsCore
import NewsDedup

/// The encode stage: a parsed input and its verdict → the records to send (JSON output on the topic its
/// verdict routes it to, none for a dropped duplicate, or the dead letter). Pure, so it runs on every core.
struct EncodeStage: Sendable {
    let routing: OutputRouting

    /// The records of `input`; `verdict` is that of its article (`nil` for a dead letter).
    func records(for input: ParsedInput, verdict: DedupVerdict?) -> [OutgoingRecord] {
        switch input.payload {
        case .article(var record, _):
            record.dedup = verdict
            return routing.records(for: record).map { OutgoingRecord(output: $0, source: input.source) }
        case .deadLetter(let record, _):
            return [OutgoingRecord(deadLetter: record, source: input.source)]
        }
    }
}
