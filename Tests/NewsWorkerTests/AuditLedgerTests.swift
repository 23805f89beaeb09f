import Foundation
import Kafka
import NewsDedup
import NewsWorker
import Testing

/// The audit's accounting on in-memory topics: what counts as once, again, dead-lettered, missing,
/// pending, invented and changed.
struct AuditLedgerTests {
    static let input = "in"

    /// An enriched record as the worker writes it (sorted keys), for input `partition`/`offset`.
    static func record(
        _ id: String, partition: Int32 = 0, offset: Int64, at outputOffset: Int64 = 0, status: String = "unique", cluster: String? = nil,
        body: String = "Le corps.", worker: String = "w1", key: String? = nil, inputTopic: String = input
    ) -> KafkaMessage {
        let json = """
            {"body":["\(body)"],"dedup":{"cluster":"\(cluster ?? id)","similarity":0,"status":"\(status)"},"id":"\(id)",\
            "provenance":{"offset":\(offset),"partition":\(partition),"processed_at":"2026-12-05T20:00:0\(outputOffset % 10)Z",\
            "topic":"\(inputTopic)","version":"1.0","worker":"\(worker)"},"schema":"newsworker.article/v1"}
            """
        return KafkaMessage(topic: "out", partition: 0, offset: KafkaOffset(rawValue: outputOffset), key: Array((key ?? id).utf8), value: Array(json.utf8))
    }

    static func deadLetter(partition: Int32 = 0, offset: Int64, at outputOffset: Int64 = 0, reason: String = "binary") -> KafkaMessage {
        let headers = [("error.reason", reason), ("source.topic", input), ("source.partition", "\(partition)"), ("source.offset", "\(offset)")]
        return KafkaMessage(
            topic: "dlq", partition: 0, offset: KafkaOffset(rawValue: outputOffset), key: nil, value: [0, 1, 2],
            headers: headers.map { KafkaHeader(key: $0.0, value: Array($0.1.utf8)) }
        )
    }

    /// A ledger with `count` inputs on partition 0 (offsets from `low`), committed up to `committed`.
    static func ledger(inputs count: Int64, low: Int64 = 0, committed: Int64?, dedup: DedupConfiguration? = nil) -> AuditLedger {
        var ledger = AuditLedger(inputTopic: input, dedup: dedup)
        ledger.addInputPartition(0, watermarks: KafkaWatermarks(low: KafkaOffset(rawValue: low), high: KafkaOffset(rawValue: low + count)), committed: committed.map { KafkaOffset(rawValue: $0) })
        for offset in low..<(low + count) {
            ledger.addInput(KafkaMessage(topic: input, partition: 0, offset: KafkaOffset(rawValue: offset), key: nil, value: Array("article \(offset)".utf8)))
        }
        return ledger
    }

    static let topics = AuditReport.Topics(input: input, outputs: ["out"], deadLetters: "dlq", fingerprintLog: nil, group: "g")

    @Test func everyInputEmittedOnceIsClean() throws {
        var ledger = Self.ledger(inputs: 3, committed: 3)
        ledger.addOutput(Self.record("a", offset: 0))
        ledger.addOutput(Self.record("b", offset: 1, at: 1))
        ledger.addDeadLetter(Self.deadLetter(offset: 2))
        let report = ledger.report(topics: Self.topics)
        #expect(report.totals == counts(inputs: 3, once: 3, deadLettered: 1))
        #expect(report.partitions.map(\.committed) == [3])
        #expect(report.outputRecords == 2 && report.deadLetterRecords == 1 && report.deadLetterReasons == ["binary": 1])
        #expect(report.isClean)
        // The JSON form reads back as the same report.
        #expect(try AuditReport(json: report.json()) == report)
        #expect(report.table.contains("OK: every input accounted for"))
    }

    @Test func identicalReEmissionsAreCountedNotChanged() {
        var ledger = Self.ledger(inputs: 2, committed: 2)
        ledger.addOutput(Self.record("a", offset: 0, at: 0, worker: "w1"))
        // After a crash: same record, another worker and time in its provenance.
        ledger.addOutput(Self.record("a", offset: 0, at: 1, worker: "w2"))
        ledger.addOutput(Self.record("a", offset: 0, at: 2, worker: "w3"))
        ledger.addDeadLetter(Self.deadLetter(offset: 1, at: 0))
        ledger.addDeadLetter(Self.deadLetter(offset: 1, at: 1))
        let report = ledger.report(topics: Self.topics)
        #expect(report.totals == counts(inputs: 2, moreThanOnce: 2, extra: 3, deadLettered: 1))
        #expect(report.changed == 0 && report.isClean)
    }

    @Test func reEmissionsThatDifferAreChanged() {
        var ledger = Self.ledger(inputs: 4, committed: 4)
        ledger.addOutput(Self.record("a", offset: 0, at: 0))
        ledger.addOutput(Self.record("a", offset: 0, at: 1, status: "duplicate", cluster: "z"))  // verdict
        ledger.addOutput(Self.record("b", offset: 1, at: 2))
        ledger.addOutput(Self.record("b", offset: 1, at: 3, body: "Un autre corps."))  // content
        ledger.addOutput(Self.record("c", offset: 2, at: 4))
        ledger.addDeadLetter(Self.deadLetter(offset: 2))  // outcome
        ledger.addOutput(Self.record("d", offset: 3, at: 5, key: "not-d"))  // key
        let report = ledger.report(topics: Self.topics)
        #expect(report.changed == 4)
        #expect(!report.isClean)
        let reasons = report.examples.changed.map(\.reason)
        #expect(reasons.contains { $0.hasPrefix("verdict duplicate") })
        #expect(reasons.contains { $0.hasPrefix("content differs") })
        #expect(reasons.contains { $0.hasPrefix("dead-lettered (binary) after a record") })
        #expect(reasons.contains { $0.contains("is not the article id") })
    }

    @Test func committedInputsWithoutOutputAreMissingLaterOnesPending() {
        var ledger = Self.ledger(inputs: 5, committed: 3)
        ledger.addOutput(Self.record("a", offset: 0))
        ledger.addOutput(Self.record("d", offset: 3, at: 1))
        let report = ledger.report(topics: Self.topics)
        #expect(report.totals == counts(inputs: 5, once: 2, missing: 2, pending: 1))
        #expect(report.examples.missing == ["in[0]@1", "in[0]@2"])
        #expect(!report.isClean)
        #expect(report.table.contains("FAILED"))

        // Without any committed offset nothing can be called lost yet.
        var uncommitted = Self.ledger(inputs: 2, committed: nil)
        uncommitted.addOutput(Self.record("a", offset: 0))
        let pending = uncommitted.report(topics: Self.topics)
        #expect(pending.totals == counts(inputs: 2, once: 1, pending: 1))
        #expect(pending.isClean)
    }

    @Test func outputsNamingNoInputAreInvented() {
        var ledger = Self.ledger(inputs: 2, low: 5, committed: 7)
        ledger.addOutput(Self.record("a", offset: 5, at: 0))
        ledger.addOutput(Self.record("b", offset: 6, at: 1))
        ledger.addOutput(Self.record("x", offset: 9, at: 2))  // past the input's end
        ledger.addOutput(Self.record("y", partition: 3, offset: 0, at: 3))  // no such partition
        ledger.addOutput(Self.record("z", offset: 0, at: 4, inputTopic: "elsewhere"))
        ledger.addOutput(KafkaMessage(topic: "out", partition: 0, offset: 5, key: nil, value: Array("not json".utf8)))
        ledger.addDeadLetter(KafkaMessage(topic: "dlq", partition: 0, offset: 0, key: nil, value: [1]))  // no source headers
        ledger.addOutput(Self.record("old", offset: 2, at: 6))  // deleted by retention: not checkable
        let report = ledger.report(topics: Self.topics)
        #expect(report.invented == 5)
        #expect(report.beyondRetention == 1)
        #expect(report.totals == counts(inputs: 2, once: 2))
        #expect(Set(report.examples.invented.map(\.reason)) == [
            "names an offset past the input's end", "names a partition the input topic does not have",
            "names topic elsewhere, not the input topic in", "not a JSON object", "no source.topic, source.partition and source.offset headers",
        ])
        #expect(!report.isClean)
    }

    @Test func verdictsAreCheckedAgainstAReplayOfTheFingerprintLog() {
        let index = DedupIndex()
        let text = ["Le président a annoncé mardi une réforme des retraites qui sera présentée au Parlement en mars prochain."]
        let log = [
            index.fingerprint(DedupDocument(id: "a", paragraphs: text)),
            index.fingerprint(DedupDocument(id: "b", paragraphs: text)),
        ]
        var ledger = Self.ledger(inputs: 3, committed: 3, dedup: DedupConfiguration())
        for (offset, fingerprint) in log.enumerated() {
            ledger.addFingerprint(KafkaMessage(topic: "fp", partition: 0, offset: KafkaOffset(rawValue: Int64(offset)), key: nil, value: fingerprint.encoded()))
        }
        ledger.addOutput(Self.record("a", offset: 0, at: 0))
        // "b" is a copy of "a": the log says duplicate of a, the record claims unique.
        ledger.addOutput(Self.record("b", offset: 1, at: 1))
        // "c" never went through the log.
        ledger.addOutput(Self.record("c", offset: 2, at: 2))
        let report = ledger.report(topics: Self.topics)
        #expect(report.verdictsChecked)
        #expect(report.fingerprints == 2)
        #expect(report.verdictMismatches == 2)
        #expect(report.examples.verdictMismatches.map(\.subject) == ["b", "c"])
        #expect(report.examples.verdictMismatches.first?.reason.contains("the log gives duplicate of a") == true)
        #expect(report.examples.verdictMismatches.last?.reason == "not in the fingerprint log")
    }

    func counts(inputs: Int, once: Int = 0, moreThanOnce: Int = 0, extra: Int = 0, deadLettered: Int = 0, missing: Int = 0, pending: Int = 0) -> AuditReport.Counts {
        var counts = AuditReport.Counts()
        counts.inputs = inputs
        counts.emittedOnce = once
        counts.emittedMoreThanOnce = moreThanOnce
        counts.extraEmissions = extra
        counts.deadLettered = deadLettered
        counts.missing = missing
        counts.pending = pending
        return counts
    }
}
