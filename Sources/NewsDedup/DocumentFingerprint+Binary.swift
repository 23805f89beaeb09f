/// The bytes of a ``DocumentFingerprint``: what workers append to the shared fingerprint log so that every
/// index decides in one order.
///
/// Version 2, little-endian, LEB128 varints: `u8 version=2 · id (varint length + UTF-8) · u8 has-day ·
/// zig-zag varint day (if has-day) · varint days covered (if has-day) · u32 source key ·
/// varint shingle count · u32 content hash · u32 threshold · varint sample count · samples as ascending
/// varint deltas · passages as varints`. Version 1 (no days covered, no source key) is still read, so a
/// log written by the previous release replays; the previous release cannot read version 2.
extension DocumentFingerprint {
    /// The format version this build writes.
    public static let currentVersion: UInt8 = 2

    /// The fingerprint's bytes (format version ``currentVersion``).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.byte(Self.currentVersion)
        writer.string(id)
        writer.byte(day == nil ? 0 : 1)
        if let day {
            writer.signedVarint(Int64(day))
            writer.varint(UInt64(dayCount))
        }
        writer.uint32(sourceKey)
        writer.varint(UInt64(shingleCount))
        writer.uint32(contentHash)
        writer.uint32(threshold)
        writer.varint(UInt64(samples.count))
        var previous: UInt32 = 0
        for sample in samples {
            writer.varint(UInt64(sample &- previous))
            previous = sample
        }
        for passage in passages { writer.varint(UInt64(passage)) }
        return writer.bytes
    }

    /// Reads a fingerprint.
    /// - Throws: ``DedupError`` when the bytes are truncated, of another version, malformed, or followed
    ///   by extra bytes. Never traps on garbage.
    public init(decoding bytes: [UInt8]) throws(DedupError) {
        var reader = ByteReader(bytes)
        let version = try reader.byte()
        guard version == 1 || version == Self.currentVersion else {
            throw DedupError(.unsupportedVersion, "fingerprint version \(version), expected \(Self.currentVersion)")
        }
        let id = try reader.string()
        let hasDay = try reader.byte()
        guard hasDay <= 1 else { throw DedupError(.malformed, "day flag \(hasDay)") }
        let day = hasDay == 1 ? Int(try reader.signedVarint()) : nil
        let dayCount = day != nil && version >= 2 ? try reader.count(atMost: 366) : 1
        guard dayCount >= 1 else { throw DedupError(.malformed, "date covering 0 days") }
        let sourceKey = version >= 2 ? try reader.uint32() : 0
        let shingleCount = try reader.count(atMost: 1 << 20)
        let contentHash = try reader.uint32()
        let threshold = try reader.uint32()
        let count = try reader.count(atMost: 1 << 16)
        var samples: [UInt32] = []
        samples.reserveCapacity(count)
        var value: UInt32 = 0
        for _ in 0..<count {
            let delta = try reader.varint()
            guard delta <= UInt64(UInt32.max) else { throw DedupError(.malformed, "sample delta \(delta)") }
            value &+= UInt32(delta)
            samples.append(value)
        }
        var passages: [UInt16] = []
        passages.reserveCapacity(count)
        for _ in 0..<count { passages.append(UInt16(try reader.count(atMost: Int(UInt16.max)))) }
        guard reader.remaining == 0 else { throw DedupError(.malformed, "\(reader.remaining) bytes after the fingerprint") }
        self.init(
            id: id, day: day, dayCount: dayCount, sourceKey: sourceKey, shingleCount: shingleCount, contentHash: contentHash, threshold: threshold,
            samples: samples, passages: passages
        )
    }
}
