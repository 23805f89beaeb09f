public import Kafka
public import NewsDedup

/// The facts `newsworker audit` collects from the topics, and the report they add up to.
///
/// Feed it the input partitions' bounds and committed offsets, the input messages, the records on the
/// output (and duplicates) topics, the dead letters and the fingerprint log, in any order; then ask for
/// ``report(topics:)``. Pure and in memory: it keeps a few words per message, never the values.
///
/// An input is *emitted* when an output record's `provenance` or a dead letter's `source.*` headers name
/// it; *missing* when nothing names it although the group committed past it (the worker moved on without
/// an output: lost); *pending* when nothing names it yet and the group has not committed past it. An
/// output or dead letter naming no input that exists is *invented*. A re-emission (a second record for
/// one input, or one article id) is *changed* when it differs from the first: content (provenance
/// aside), verdict, outcome (record or dead letter), or its key is not its id.
public struct AuditLedger: Sendable {
    private struct InputPartition: Sendable {
        var watermarks = KafkaWatermarks(low: 0, high: 0)
        var committed: Int64?
        var offsets: Set<Int64> = []
    }

    private struct Emissions: Sendable {
        var first: AuditedEmission
        var count = 1
    }

    private let inputTopic: String
    private var partitions: [Int32: InputPartition] = [:]
    private var emissions: [InputReference: Emissions] = [:]
    private var firstVerdicts: [String: (verdict: DedupVerdict?, location: InputReference)] = [:]
    private var unreadable: [AuditedEmission.Unreadable] = []
    private var changed: [AuditReport.Finding] = []
    private var changedCount = 0
    private var outputRecords = 0
    private var deadLetterRecords = 0
    private var deadLetterReasons: [String: Int] = [:]
    private var fingerprints = 0
    /// The fingerprint log replayed in order; `nil` when verdicts are not checked.
    private var replay: DedupIndex?
    private var replayed: [String: DedupVerdict] = [:]

    /// - Parameters:
    ///   - inputTopic: The topic the worker consumes.
    ///   - dedup: The workers' dedup settings, to replay the fingerprint log with and check every emitted
    ///     verdict; `nil` when there is no log, or it no longer starts at offset 0 (retention).
    public init(inputTopic: String, dedup: DedupConfiguration?) {
        self.inputTopic = inputTopic
        self.replay = dedup.map { DedupIndex(configuration: $0) }
    }

    /// Declares an input partition: its offsets from `low` to `high` are audited; inputs before
    /// `committed` (the next offset the group will read) with no output are missing.
    public mutating func addInputPartition(_ partition: KafkaPartition, watermarks: KafkaWatermarks, committed: KafkaOffset?) {
        partitions[partition.rawValue, default: InputPartition()].watermarks = watermarks
        partitions[partition.rawValue]?.committed = committed.flatMap { $0.rawValue >= 0 ? $0.rawValue : nil }
    }

    /// Records an input message (of a partition declared with ``addInputPartition(_:watermarks:committed:)``).
    public mutating func addInput(_ message: KafkaMessage) {
        partitions[message.partition.rawValue, default: InputPartition()].offsets.insert(message.offset.rawValue)
    }

    /// Records a message of the output topic (or the duplicates topic).
    public mutating func addOutput(_ message: KafkaMessage) {
        outputRecords += 1
        do throws(AuditedEmission.Unreadable) {
            add(try AuditedEmission.record(message))
        } catch {
            unreadable.append(error)
        }
    }

    /// Records a message of the dead-letter topic.
    public mutating func addDeadLetter(_ message: KafkaMessage) {
        deadLetterRecords += 1
        do throws(AuditedEmission.Unreadable) {
            let deadLetter = try AuditedEmission.deadLetter(message)
            if case .deadLetter(let reason) = deadLetter.kind { deadLetterReasons[reason, default: 0] += 1 }
            add(deadLetter)
        } catch {
            unreadable.append(error)
        }
    }

    /// Records the next message of the fingerprint log (in log order): applied to the replayed index, the
    /// way every worker applies it, so the first verdict of each id is the one the workers computed.
    public mutating func addFingerprint(_ message: KafkaMessage) {
        fingerprints += 1
        guard replay != nil, let fingerprint = try? DocumentFingerprint(decoding: message.value) else { return }
        let verdict = replay!.insert(fingerprint: fingerprint)
        if replayed[fingerprint.id] == nil { replayed[fingerprint.id] = verdict }
    }

    private mutating func add(_ emission: AuditedEmission) {
        if case .record(let id, _) = emission.kind, emission.key != id {
            noteChange(emission, subject: id, "key \(emission.key.map { "\"\($0)\"" } ?? "null") is not the article id")
        }
        if let problem = verdictChange(emission) {
            noteChange(emission, subject: emission.subject, problem)
        } else if let first = emissions[emission.input]?.first, let problem = Self.difference(from: first, to: emission) {
            noteChange(emission, subject: emission.input.description, problem)
        }
        emissions[emission.input, default: Emissions(first: emission, count: 0)].count += 1
    }

    /// A verdict that differs from the first one emitted for the same article id.
    private mutating func verdictChange(_ emission: AuditedEmission) -> String? {
        guard case .record(let id, let verdict) = emission.kind else { return nil }
        guard let first = firstVerdicts[id] else {
            firstVerdicts[id] = (verdict, emission.location)
            return nil
        }
        guard !Self.same(first.verdict, verdict) else { return nil }
        return "verdict \(Self.describe(verdict)), first \(Self.describe(first.verdict)) at \(first.location)"
    }

    private static func difference(from first: AuditedEmission, to later: AuditedEmission) -> String? {
        switch (first.kind, later.kind) {
        case (.record, .deadLetter(let reason)): return "dead-lettered (\(reason)) after a record at \(first.location)"
        case (.deadLetter(let reason), .record): return "a record after a dead letter (\(reason)) at \(first.location)"
        case (.deadLetter(let firstReason), .deadLetter(let reason)) where firstReason != reason:
            return "dead-letter reason \(reason), first \(firstReason) at \(first.location)"
        default:
            return first.digest == later.digest ? nil : "content differs from the first emission at \(first.location)"
        }
    }

    private mutating func noteChange(_ emission: AuditedEmission, subject: String, _ reason: String) {
        changedCount += 1
        if changed.count < AuditReport.Examples.limit {
            changed.append(AuditReport.Finding(location: emission.location.description, subject: subject, reason: reason))
        }
    }

    static func same(_ a: DedupVerdict?, _ b: DedupVerdict?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.status == b.status && a.of == b.of && a.cluster == b.cluster && abs(a.similarity - b.similarity) < 1e-6
    }

    static func describe(_ verdict: DedupVerdict?) -> String {
        guard let verdict else { return "none" }
        return "\(verdict.status.rawValue)\(verdict.of.map { " of \($0)" } ?? "") (cluster \(verdict.cluster), similarity \(verdict.similarity))"
    }

    // MARK: The report

    /// Adds the facts up.
    public func report(topics: AuditReport.Topics) -> AuditReport {
        var examples = AuditReport.Examples()
        examples.changed = changed
        var rows: [AuditReport.Partition] = []
        var totals = AuditReport.Counts()
        for (number, partition) in partitions.sorted(by: { $0.key < $1.key }) {
            var counts = AuditReport.Counts()
            for offset in partition.offsets.sorted() {
                counts.inputs += 1
                let reference = InputReference(topic: inputTopic, partition: number, offset: offset)
                guard let emitted = emissions[reference] else {
                    if let committed = partition.committed, offset < committed {
                        counts.missing += 1
                        if examples.missing.count < AuditReport.Examples.limit { examples.missing.append(reference.description) }
                    } else {
                        counts.pending += 1
                    }
                    continue
                }
                if emitted.count == 1 { counts.emittedOnce += 1 } else { counts.emittedMoreThanOnce += 1 }
                counts.extraEmissions += emitted.count - 1
                if case .deadLetter = emitted.first.kind { counts.deadLettered += 1 }
            }
            totals.add(counts)
            rows.append(AuditReport.Partition(
                partition: number, lowWatermark: partition.watermarks.low.rawValue, highWatermark: partition.watermarks.high.rawValue,
                committed: partition.committed, counts: counts
            ))
        }

        var invented = unreadable.count
        var beyondRetention = 0
        for failure in unreadable.prefix(AuditReport.Examples.limit) {
            examples.invented.append(AuditReport.Finding(location: failure.location.description, subject: "", reason: failure.reason))
        }
        for (reference, emitted) in emissions.sorted(by: { $0.key < $1.key }) {
            let reason: String
            if reference.topic != inputTopic {
                reason = "names topic \(reference.topic), not the input topic \(inputTopic)"
            } else if let partition = partitions[reference.partition] {
                if reference.offset < partition.watermarks.low.rawValue {
                    beyondRetention += emitted.count
                    continue
                }
                guard !partition.offsets.contains(reference.offset) else { continue }
                reason = reference.offset >= partition.watermarks.high.rawValue ? "names an offset past the input's end" : "names an offset with no input message"
            } else {
                reason = "names a partition the input topic does not have"
            }
            invented += emitted.count
            if examples.invented.count < AuditReport.Examples.limit {
                examples.invented.append(AuditReport.Finding(location: emitted.first.location.description, subject: reference.description, reason: reason))
            }
        }

        var mismatches = 0
        if replay != nil {
            for (id, first) in firstVerdicts.sorted(by: { $0.key < $1.key }) {
                let expected = replayed[id]
                guard expected == nil || !Self.same(expected, first.verdict) else { continue }
                mismatches += 1
                if examples.verdictMismatches.count < AuditReport.Examples.limit {
                    let reason = expected.map { "emitted \(Self.describe(first.verdict)), the log gives \(Self.describe($0))" }
                        ?? "not in the fingerprint log"
                    examples.verdictMismatches.append(AuditReport.Finding(location: first.location.description, subject: id, reason: reason))
                }
            }
        }

        return AuditReport(
            topics: topics, partitions: rows, totals: totals,
            outputRecords: outputRecords, deadLetterRecords: deadLetterRecords, deadLetterReasons: deadLetterReasons, fingerprints: fingerprints,
            invented: invented, beyondRetention: beyondRetention, changed: changedCount,
            verdictMismatches: mismatches, verdictsChecked: replay != nil, examples: examples
        )
    }
}

extension AuditedEmission {
    /// What a change is about: the article id of a record, the input of a dead letter.
    var subject: String {
        if case .record(let id, _) = kind { return id }
        return input.description
    }
}
