extension DedupIndex {
    /// The first bytes of every snapshot: `NWDX`.
    static let snapshotMagic: [UInt8] = Array("NWDX".utf8)
    /// The snapshot format this build writes and reads.
    public static let snapshotVersion: UInt8 = 3

    /// The index as bytes: every remembered article as a ``FingerprintRecord`` with its sequence
    /// number, plus the window state, guarded by a checksum.
    ///
    /// Layout (version 3): `NWDX`, `u8` version, `u64` fingerprint-settings hash, `u64` next
    /// sequence, `u8` has-stream-time + varint stream minute, the verdict memory (``VerdictMemory``,
    /// oldest first), varint article count, then per article varint sequence, varint record length,
    /// record bytes (``FingerprintRecord`` version 2); finally `u64` FNV-1a checksum of all preceding
    /// bytes. Versions 1 (windows on article dates) and 2 (no verdict memory) are refused with
    /// ``DedupError/Code/unsupportedVersion``: rebuild the index from the fingerprint log.
    public func snapshot() -> [UInt8] {
        // The posted samples of each article, gathered from the table.
        var postings: [[UInt64]] = Array(repeating: [], count: store.count)
        shingleTable.forEachPosting { key, value in postings[Int(value >> 8)].append(UInt64(key) << 8 | UInt64(value & 0xFF)) }
        let slots = liveSlots()

        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Self.snapshotMagic)
        writer.byte(Self.snapshotVersion)
        writer.uint64(configuration.fingerprintSettingsHash)
        writer.uint64(nextSequence)
        if let streamMinute {
            writer.byte(1)
            writer.varint(UInt64(streamMinute))
        } else {
            writer.byte(0)
        }
        verdicts.write(to: &writer)
        writer.varint(UInt64(slots.count))
        for slot in slots {
            let entry = store.entry(at: slot, nextSequence: nextSequence)
            let posted = postings[slot].sorted()
            let record = FingerprintRecord(
                id: entry.id,
                day: entry.day,
                dayCount: entry.dayCount,
                streamMinute: entry.streamMinute,
                sourceKey: entry.sourceKey,
                verdict: entry.verdict,
                shingleCount: entry.shingleCount,
                sampleCount: entry.sampleCount,
                contentHash: entry.contentHash,
                threshold: entry.threshold,
                postedSamples: posted.map { UInt32(truncatingIfNeeded: $0 >> 8) },
                postedPassages: posted.map { UInt8(truncatingIfNeeded: $0) }
            )
            let bytes = record.encoded()
            writer.varint(entry.sequence)
            writer.varint(UInt64(bytes.count))
            writer.bytes.append(contentsOf: bytes)
        }
        writer.uint64(StableHash.bytes(writer.bytes))
        return writer.bytes
    }

    /// Restores an index from ``snapshot()`` bytes.
    /// - Parameters:
    ///   - snapshot: The bytes.
    ///   - configuration: The configuration to run with; its fingerprint settings must match the
    ///     snapshot's. Thresholds, window and cap may differ.
    /// - Throws: ``DedupError`` on truncated, corrupt or foreign bytes. Never traps on garbage.
    public init(snapshot bytes: [UInt8], configuration: DedupConfiguration = DedupConfiguration()) throws(DedupError) {
        let headerSize = Self.snapshotMagic.count + 1
        guard bytes.count >= headerSize + 8 else { throw DedupError(.truncated, "snapshot of \(bytes.count) bytes") }
        guard bytes.prefix(Self.snapshotMagic.count).elementsEqual(Self.snapshotMagic) else {
            throw DedupError(.malformed, "not a dedup index snapshot (bad magic)")
        }
        let version = bytes[Self.snapshotMagic.count]
        guard version == Self.snapshotVersion else {
            throw DedupError(.unsupportedVersion, "snapshot version \(version), expected \(Self.snapshotVersion)")
        }
        var tail = ByteReader(bytes, from: bytes.count - 8)
        let checksum = try tail.uint64()
        guard checksum == StableHash.bytes(bytes[..<(bytes.count - 8)]) else {
            throw DedupError(.checksumMismatch, "snapshot checksum does not match")
        }
        var reader = ByteReader(bytes, from: headerSize, to: bytes.count - 8)
        guard try reader.uint64() == configuration.fingerprintSettingsHash else {
            throw DedupError(.configurationMismatch, "snapshot made with other fingerprint settings")
        }
        self.init(configuration: configuration)
        let next = try reader.varintOrUInt64()
        let hasTime = try reader.byte()
        guard hasTime <= 1 else { throw DedupError(.malformed, "bad stream-time flag") }
        if hasTime == 1 {
            let minute = try reader.varint()
            guard minute <= UInt64(UInt32.max) else { throw DedupError(.malformed, "stream minute \(minute)") }
            streamMinute = UInt32(minute)
        }
        verdicts = try VerdictMemory(reading: &reader, budget: configuration.verdictMemoryBytes)
        let count = try reader.count(atMost: reader.remaining)
        store.reserve(count)
        var previous: UInt64?
        for _ in 0..<count {
            let sequence = try reader.varint()
            guard sequence < next, previous.map({ sequence > $0 }) ?? true else {
                throw DedupError(.malformed, "sequence numbers out of order")
            }
            previous = sequence
            let length = try reader.count(atMost: reader.remaining)
            let start = reader.offset
            try reader.skip(length)
            var recordReader = ByteReader(bytes, from: start, to: start + length)
            let record = try FingerprintRecord(reading: &recordReader)
            guard recordReader.remaining == 0 else { throw DedupError(.malformed, "bytes after a record") }
            remember(record, sequence: sequence, intoVerdictMemory: false)
        }
        guard reader.remaining == 0 else { throw DedupError(.malformed, "\(reader.remaining) bytes after the articles") }
        nextSequence = next
    }
}

extension ByteReader {
    /// The fixed 8-byte next-sequence field.
    fileprivate mutating func varintOrUInt64() throws(DedupError) -> UInt64 { try uint64() }
}
