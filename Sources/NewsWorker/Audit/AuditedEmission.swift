import Foundation
import Kafka
import NewsDedup

/// An input message, named by where it is: the worker's records and dead letters point back to it.
struct InputReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    var topic: String
    var partition: Int32
    var offset: Int64

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.topic, lhs.partition, lhs.offset) < (rhs.topic, rhs.partition, rhs.offset)
    }

    var description: String { "\(topic)[\(partition)]@\(offset)" }
}

/// What the audit keeps of one record on an output, duplicates or dead-letter topic: which input it
/// answers, and enough to tell whether a re-emission is the same record.
struct AuditedEmission: Sendable {
    enum Kind: Sendable, Hashable {
        /// An enriched record, with its article id and dedup verdict.
        case record(id: String, verdict: DedupVerdict?)
        /// A dead letter, with its `error.reason`.
        case deadLetter(reason: String)
    }

    /// Where the emission itself is.
    var location: InputReference
    /// The input it names.
    var input: InputReference
    var kind: Kind
    /// Identity of the content, provenance aside: equal for a faithful re-emission (in-process hash).
    var digest: Int
    /// The record's key, as text.
    var key: String?

    /// Why a message on an output or dead-letter topic cannot be traced to an input.
    struct Unreadable: Error, Sendable {
        let location: InputReference
        let reason: String
    }

    /// Reads an enriched record: its `id`, `provenance` and `dedup`; the digest covers every member but
    /// `provenance` (where and when it was processed).
    /// - Throws: ``Unreadable`` when it is not a JSON object with an id and a provenance.
    static func record(_ message: KafkaMessage) throws(Unreadable) -> AuditedEmission {
        let location = message.location
        guard case .object(var members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(message.value)) else {
            throw Unreadable(location: location, reason: "not a JSON object")
        }
        guard let id = members["id"]?.string else { throw Unreadable(location: location, reason: "no id") }
        guard let provenance = members.removeValue(forKey: "provenance"),
              let topic = provenance["topic"]?.string,
              let partition = provenance["partition"]?.number.flatMap({ Int32(exactly: $0) }),
              let offset = provenance["offset"]?.number.flatMap({ Int64(exactly: $0) })
        else { throw Unreadable(location: location, reason: "no provenance topic, partition and offset") }
        let verdict = members["dedup"].flatMap(Self.verdict)
        return AuditedEmission(
            location: location,
            input: InputReference(topic: topic, partition: partition, offset: offset),
            kind: .record(id: id, verdict: verdict),
            digest: JSONValue.object(members).hashValue,
            key: message.keyText
        )
    }

    /// Reads a dead letter: its `source.*` and `error.reason` headers; the digest covers the reason and the
    /// value (the original bytes).
    /// - Throws: ``Unreadable`` when the `source.*` headers are missing or not numbers.
    static func deadLetter(_ message: KafkaMessage) throws(Unreadable) -> AuditedEmission {
        let location = message.location
        guard let topic = message.headerText(DeadLetter.Header.sourceTopic),
              let partition = message.headerText(DeadLetter.Header.sourcePartition).flatMap({ Int32($0) }),
              let offset = message.headerText(DeadLetter.Header.sourceOffset).flatMap({ Int64($0) })
        else { throw Unreadable(location: location, reason: "no source.topic, source.partition and source.offset headers") }
        let reason = message.headerText(DeadLetter.Header.reason) ?? ""
        var hasher = Hasher()
        hasher.combine(reason)
        hasher.combine(message.value)
        return AuditedEmission(
            location: location,
            input: InputReference(topic: topic, partition: partition, offset: offset),
            kind: .deadLetter(reason: reason),
            digest: hasher.finalize(),
            key: message.keyText
        )
    }

    private static func verdict(_ dedup: JSONValue) -> DedupVerdict? {
        guard let statusText = dedup["status"]?.string, let status = DedupVerdict.Status(rawValue: statusText),
              let cluster = dedup["cluster"]?.string
        else { return nil }
        return DedupVerdict(status: status, of: dedup["of"]?.string, cluster: cluster, similarity: dedup["similarity"]?.number ?? 0)
    }
}

extension KafkaMessage {
    var location: InputReference { InputReference(topic: topic, partition: partition.rawValue, offset: offset.rawValue) }

    var keyText: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    func headerText(_ name: String) -> String? {
        headers.last { $0.key == name }?.value.map { String(decoding: $0, as: UTF8.self) }
    }
}
