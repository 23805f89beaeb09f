/// What one worker publishes about one article so every worker's index can learn it: enough to
/// rebuild the index entry exactly (``DedupIndex/apply(_:)``), including the verdict it got.
///
/// Binary form (``encoded()``), version 2, little-endian, varints LEB128:
///
/// | field | encoding |
/// |---|---|
/// | version | `u8` = 2 |
/// | flags | `u8`: bit 0 has day, bit 1 dated by the article, bit 2 has `of`, bit 3 cluster ≠ `of`, bit 4 has source |
/// | status | `u8`: 0 unique, 1 duplicate, 2 near_duplicate, 3 same_story |
/// | similarity | `u16`, ten-thousandths |
/// | day, days covered | zig-zag varint, varint, if flag bit 0 |
/// | stream minute | varint: when the article entered the stream, minutes since 1970 |
/// | source key | `u32`, if flag bit 4 |
/// | shingle count, sample count | varint, varint |
/// | content hash, threshold | `u32`, `u32` |
/// | id, of, cluster | varint length + UTF-8; `of` if bit 2, cluster if bit 3 (else `of`, or the id) |
/// | posted samples | varint count, then per sample: ascending key as varint delta, `u8` passage |
///
/// About 40 bytes plus the ids for a typical article.
public struct FingerprintRecord: Sendable, Hashable {
    /// The format version this build writes and reads.
    public static let currentVersion: UInt8 = 2

    /// The article id.
    public var id: String
    /// The first day of the article's usable date (`nil` when it had none, or an implausible one).
    public var day: Int?
    /// Whether the article has a usable date (``day`` is set).
    public var isDated: Bool { day != nil }
    /// Days the date covers (1, a month, a year).
    public var dayCount: Int
    /// When the article entered the stream, in minutes since 1970: the window runs on this.
    public var streamMinute: UInt32
    /// The key of the article's source (`0`: unknown).
    public var sourceKey: UInt32
    /// The verdict the article got.
    public var verdict: DedupVerdict
    /// Shingles in the article.
    public var shingleCount: Int
    /// Sampled shingles (some may not be posted, see ``postedSamples``).
    public var sampleCount: Int
    /// Hash of the article's words.
    public var contentHash: UInt32
    /// Inclusive bound of the sampled fingerprints, but for the minimums of lead passages (see
    /// ``DocumentFingerprint/threshold``).
    public var threshold: UInt32
    /// The sampled fingerprints the index links to this article, ascending (shingles already held by
    /// `maxPostingsPerShingle` articles are left out).
    public var postedSamples: [UInt32]
    /// The passage of the article each posted sample first occurs in (capped at 255).
    public var postedPassages: [UInt8]

    /// Creates a record.
    public init(
        id: String,
        day: Int?,
        dayCount: Int = 1,
        streamMinute: UInt32 = 0,
        sourceKey: UInt32 = 0,
        verdict: DedupVerdict,
        shingleCount: Int,
        sampleCount: Int,
        contentHash: UInt32,
        threshold: UInt32,
        postedSamples: [UInt32],
        postedPassages: [UInt8]
    ) {
        self.id = id
        self.day = day
        self.dayCount = max(1, dayCount)
        self.streamMinute = streamMinute
        self.sourceKey = sourceKey
        self.verdict = verdict
        self.shingleCount = shingleCount
        self.sampleCount = sampleCount
        self.contentHash = contentHash
        self.threshold = threshold
        self.postedSamples = postedSamples
        self.postedPassages = postedPassages
    }
}

extension FingerprintRecord {
    /// The record's bytes (format version ``currentVersion``).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// Reads a record.
    /// - Throws: ``DedupError`` when the bytes are truncated, of another version, malformed, or
    ///   followed by extra bytes. Never traps on garbage.
    public init(decoding bytes: [UInt8]) throws(DedupError) {
        var reader = ByteReader(bytes)
        try self.init(reading: &reader)
        guard reader.remaining == 0 else { throw DedupError(.malformed, "\(reader.remaining) bytes after the record") }
    }

    func write(to writer: inout ByteWriter) {
        writer.byte(Self.currentVersion)
        var flags: UInt8 = 0
        if day != nil { flags |= 1 }
        if isDated { flags |= 2 }
        if verdict.of != nil { flags |= 4 }
        let clusterFollows = verdict.cluster != (verdict.of ?? id)
        if clusterFollows { flags |= 8 }
        if sourceKey != 0 { flags |= 16 }
        writer.byte(flags)
        writer.byte(UInt8(ArticleStore.statusIndex(verdict.status)))
        writer.uint16(Self.quantize(verdict.similarity))
        if let day {
            writer.signedVarint(Int64(day))
            writer.varint(UInt64(dayCount))
        }
        writer.varint(UInt64(streamMinute))
        if sourceKey != 0 { writer.uint32(sourceKey) }
        writer.varint(UInt64(shingleCount))
        writer.varint(UInt64(sampleCount))
        writer.uint32(contentHash)
        writer.uint32(threshold)
        writer.string(id)
        if let of = verdict.of { writer.string(of) }
        if clusterFollows { writer.string(verdict.cluster) }
        writer.varint(UInt64(postedSamples.count))
        var previous: UInt32 = 0
        for (key, passage) in zip(postedSamples, postedPassages) {
            writer.varint(UInt64(key &- previous))
            writer.byte(passage)
            previous = key
        }
    }

    init(reading reader: inout ByteReader) throws(DedupError) {
        let version = try reader.byte()
        guard version == Self.currentVersion else {
            throw DedupError(.unsupportedVersion, "fingerprint record version \(version), expected \(Self.currentVersion)")
        }
        let flags = try reader.byte()
        guard flags & 0xE0 == 0 else { throw DedupError(.malformed, "unknown flags \(flags)") }
        let statusIndex = try reader.byte()
        guard statusIndex < 4 else { throw DedupError(.malformed, "unknown status \(statusIndex)") }
        let status = ArticleStore.status(at: Int(statusIndex))
        let similarity = try reader.uint16()
        guard similarity <= 10_000 else { throw DedupError(.malformed, "similarity \(similarity) over 10000") }
        var day: Int?
        if flags & 1 != 0 {
            let value = try reader.signedVarint()
            guard (Int64(Int32.min) + 1...Int64(Int32.max)).contains(value) else { throw DedupError(.malformed, "day \(value) out of range") }
            day = Int(value)
        }
        guard (flags & 2 != 0) == (day != nil) else { throw DedupError(.malformed, "dated flag disagrees with the day") }
        let dayCount = day != nil ? try reader.count(atMost: 366) : 1
        guard dayCount >= 1 else { throw DedupError(.malformed, "date covering 0 days") }
        let streamMinute = try reader.varint()
        guard streamMinute <= UInt64(UInt32.max) else { throw DedupError(.malformed, "stream minute \(streamMinute)") }
        let sourceKey = flags & 16 != 0 ? try reader.uint32() : 0
        guard flags & 16 == 0 || sourceKey != 0 else { throw DedupError(.malformed, "source key 0 with its flag") }
        let shingleCount = try reader.count(atMost: Int(UInt16.max))
        let sampleCount = try reader.count(atMost: Int(UInt16.max))
        let contentHash = try reader.uint32()
        let threshold = try reader.uint32()
        let id = try reader.string()
        let of = flags & 4 != 0 ? try reader.string() : nil
        guard (of == nil) == (status == .unique) else { throw DedupError(.malformed, "status \(status) with of=\(of ?? "nil")") }
        let cluster = flags & 8 != 0 ? try reader.string() : (of ?? id)
        let postedCount = try reader.count(atMost: min(sampleCount, reader.remaining))
        var posted: [UInt32] = []
        var passages: [UInt8] = []
        posted.reserveCapacity(postedCount)
        passages.reserveCapacity(postedCount)
        var previous: UInt64 = 0
        for index in 0..<postedCount {
            let delta = try reader.varint()
            guard index == 0 || delta > 0 else { throw DedupError(.malformed, "posted samples not ascending") }
            let key = previous + delta
            guard key <= UInt64(UInt32.max) else { throw DedupError(.malformed, "posted sample \(key) over 32 bits") }
            let passage = try reader.byte()
            guard key <= UInt64(threshold) || Int(passage) < Fingerprinter.leadPassages else {
                throw DedupError(.malformed, "posted sample over the threshold outside the lead")
            }
            posted.append(UInt32(key))
            passages.append(passage)
            previous = key
        }
        self.init(
            id: id,
            day: day,
            dayCount: dayCount,
            streamMinute: UInt32(streamMinute),
            sourceKey: sourceKey,
            verdict: DedupVerdict(status: status, of: of, cluster: cluster, similarity: Double(similarity) / 10_000),
            shingleCount: shingleCount,
            sampleCount: sampleCount,
            contentHash: contentHash,
            threshold: threshold,
            postedSamples: posted,
            postedPassages: passages
        )
    }

    /// A similarity in ten-thousandths, the precision verdicts carry.
    static func quantize(_ similarity: Double) -> UInt16 {
        UInt16((min(1, max(0, similarity)) * 10_000).rounded())
    }
}
