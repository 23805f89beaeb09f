/// What `newsworker audit` found: every input accounted for, or not. Encodes as the `--json` output
/// (snake_case keys); ``table`` is the human form.
public struct AuditReport: Codable, Sendable, Hashable {
    /// The topics read.
    public var topics: Topics
    /// One row per input partition, in partition order.
    public var partitions: [Partition]
    /// The rows summed.
    public var totals: Counts
    /// Records read on the output (and duplicates) topics.
    public var outputRecords: Int
    /// Records read on the dead-letter topic.
    public var deadLetterRecords: Int
    /// Dead letters read, by `error.reason`.
    public var deadLetterReasons: [String: Int]
    /// Records read on the fingerprint log.
    public var fingerprints: Int
    /// Outputs and dead letters that name no input that exists (or cannot be read at all).
    public var invented: Int
    /// Outputs and dead letters naming an input older than the input topic's low watermark (deleted by
    /// retention): they cannot be checked, and are not counted as invented.
    public var beyondRetention: Int
    /// Re-emissions that differ from the first emission: content (provenance aside), verdict, outcome
    /// (record vs dead letter) or key.
    public var changed: Int
    /// Emitted verdicts that differ from those a replay of the fingerprint log gives (0 when not checked).
    public var verdictMismatches: Int
    /// Whether verdicts were checked against a replay of the fingerprint log (it must be read from offset 0).
    public var verdictsChecked: Bool
    /// The first few of each finding, to start an investigation from.
    public var examples: Examples

    /// Nothing missing, invented or changed, and every verdict the one the log gives.
    public var isClean: Bool { totals.missing == 0 && invented == 0 && changed == 0 && verdictMismatches == 0 }

    /// The topics read.
    public struct Topics: Codable, Sendable, Hashable {
        public var input: String
        /// The output topic and, when duplicates are routed, the duplicates topic.
        public var outputs: [String]
        public var deadLetters: String
        /// The shared fingerprint log (`nil` in local dedup mode).
        public var fingerprintLog: String?
        /// The consumer group whose committed offsets separate missing from pending inputs.
        public var group: String

        public init(input: String, outputs: [String], deadLetters: String, fingerprintLog: String?, group: String) {
            self.input = input
            self.outputs = outputs
            self.deadLetters = deadLetters
            self.fingerprintLog = fingerprintLog
            self.group = group
        }
    }

    /// How the inputs of one partition (or all) came out.
    public struct Counts: Codable, Sendable, Hashable {
        /// Input messages read.
        public var inputs = 0
        /// Inputs with exactly one output record or dead letter.
        public var emittedOnce = 0
        /// Inputs with two or more.
        public var emittedMoreThanOnce = 0
        /// Records beyond the first, summed over inputs emitted more than once.
        public var extraEmissions = 0
        /// Inputs answered by dead letters (included in the two counts above).
        public var deadLettered = 0
        /// Inputs before the group's committed offset with nothing emitted: lost.
        public var missing = 0
        /// Inputs at or after the committed offset with nothing emitted yet: the worker will consume them.
        public var pending = 0

        public init() {}

        mutating func add(_ other: Counts) {
            inputs += other.inputs
            emittedOnce += other.emittedOnce
            emittedMoreThanOnce += other.emittedMoreThanOnce
            extraEmissions += other.extraEmissions
            deadLettered += other.deadLettered
            missing += other.missing
            pending += other.pending
        }
    }

    /// One input partition.
    public struct Partition: Codable, Sendable, Hashable {
        public var partition: Int32
        /// The oldest offset kept.
        public var lowWatermark: Int64
        /// The next offset to be written: the audit covers `low..<high`.
        public var highWatermark: Int64
        /// The group's committed offset, if it committed one.
        public var committed: Int64?
        public var counts: Counts
    }

    /// An output or dead letter found at `location` that names `input`, and why it is a finding.
    public struct Finding: Codable, Sendable, Hashable {
        /// `topic[partition]@offset` of the record concerned.
        public var location: String
        /// `topic[partition]@offset` of the input it names, or an article id.
        public var subject: String
        public var reason: String
    }

    /// The first ``limit`` findings of each kind.
    public struct Examples: Codable, Sendable, Hashable {
        public static let limit = 20
        /// `topic[partition]@offset` of missing inputs.
        public var missing: [String] = []
        public var invented: [Finding] = []
        public var changed: [Finding] = []
        public var verdictMismatches: [Finding] = []
        public init() {}
    }
}
