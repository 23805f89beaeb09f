/// What one worker publishes about one article so every worker's index can learn it: enough to
/// rebuild the index entry exactly (``DedupIndex/apply(_:)``), including the verdict it got.
///
/// Binary form (``encoded()``), version 1, little-endian, varints LEB128:
///
/// | field | encoding |
/// |---|---|
/// | version | `u8` = 1 |
/// | flags | `u8`: bit 0 has day, bit 1 dated by the article, bit 2 has `of`, bit 3 cluster ≠ `of` |
/// | status | `u8`: 0 unique, 1 duplicate, 2 near_duplicate, 3 same_story |
/// | similarity | `u16`, ten-thousandths |
/// | day | zig-zag varint, if flag bit 0 |
/// | shingle count, sample count | varint, varint |
/// | content hash, threshold | `u32`, `u32` |
/// | id, of, cluster | varint length + UTF-8; `of` if bit 2, cluster if bit 3 (else `of`, or the id) |
/// | posted samples | varint count, then per sample: ascending key as varint delta, `u8` passage |
///
/// About 40 bytes plus the ids for a typical article.
public struct FingerprintRecord: Sendable, Hashable {
    /// The format version this build writes and reads.
    public static let currentVersion: UInt8 = 1

    /// The article id.
    public var id: String
    /// The day the index filed the article under (its own, or the latest day seen when it had none).
    public var day: Int?
    /// Whether ``day`` is the article's own date (only then does it count for date proximity).
    public var isDated: Bool
    /// The verdict the article got.
    public var verdict: DedupVerdict
    /// Shingles in the article.
    public var shingleCount: Int
    /// Sampled shingles (some may not be posted, see ``postedSamples``).
    public var sampleCount: Int
    /// Hash of the article's words.
    public var contentHash: UInt32
    /// Inclusive bound of the sampled fingerprints.
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
        isDated: Bool,
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
        self.isDated = isDated
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
        writer.byte(flags)
        writer.byte(UInt8(ArticleStore.statusIndex(verdict.status)))
        writer.uint16(Self.quantize(verdict.similarity))
        if let day { writer.signedVarint(Int64(day)) }
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
        guard flags & 0xF0 == 0 else { throw DedupError(.malformed, "unknown flags \(flags)") }
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
        guard flags & 2 == 0 || day != nil else { throw DedupError(.malformed, "dated without a day") }
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
            guard key <= UInt64(threshold) else { throw DedupError(.malformed, "posted sample over the threshold") }
            posted.append(UInt32(key))
            passages.append(try reader.byte())
            previous = key
        }
        self.init(
            id: id,
            day: day,
            isDated: flags & 2 != 0,
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
