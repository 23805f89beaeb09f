import NewsDedup

/// The bytes of a ``DocumentFingerprint`` on the shared fingerprint log (topic `dedup.shared_log_topic`).
///
/// Version 1, little-endian, LEB128 varints:
/// `u8 version=1 · varint id length · id UTF-8 · u8 has-day · zig-zag varint day (if has-day) ·
/// varint shingle count · u32 content hash · u32 threshold · varint sample count ·
/// samples as ascending varint deltas · passages as varints`.
/// About 40 bytes plus the id. Decoding never traps: malformed bytes give `nil`.
enum FingerprintLogCodec {
    static let version: UInt8 = 1

    static func encode(_ fingerprint: DocumentFingerprint) -> [UInt8] {
        var bytes: [UInt8] = [version]
        bytes.reserveCapacity(32 + fingerprint.id.utf8.count + fingerprint.samples.count * 4)
        let id = Array(fingerprint.id.utf8)
        appendVarint(UInt64(id.count), to: &bytes)
        bytes += id
        if let day = fingerprint.day {
            bytes.append(1)
            appendVarint(UInt64(bitPattern: Int64((day << 1) ^ (day >> 63))), to: &bytes)
        } else {
            bytes.append(0)
        }
        appendVarint(UInt64(fingerprint.shingleCount), to: &bytes)
        appendUInt32(fingerprint.contentHash, to: &bytes)
        appendUInt32(fingerprint.threshold, to: &bytes)
        appendVarint(UInt64(fingerprint.samples.count), to: &bytes)
        var previous: UInt32 = 0
        for sample in fingerprint.samples {
            appendVarint(UInt64(sample &- previous), to: &bytes)
            previous = sample
        }
        for passage in fingerprint.passages { appendVarint(UInt64(passage), to: &bytes) }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> DocumentFingerprint? {
        var reader = Reader(bytes: bytes)
        guard reader.byte() == version,
            let idLength = reader.varint(), idLength <= 4096, let idBytes = reader.take(Int(idLength)),
            let id = String(validating: idBytes, as: UTF8.self),
            let hasDay = reader.byte(), hasDay <= 1
        else { return nil }
        var day: Int?
        if hasDay == 1 {
            guard let zigzag = reader.varint() else { return nil }
            day = Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        }
        guard let shingles = reader.varint(), shingles <= 1 << 20,
            let contentHash = reader.uint32(), let threshold = reader.uint32(),
            let count = reader.varint(), count <= 1 << 16
        else { return nil }
        var samples: [UInt32] = []
        samples.reserveCapacity(Int(count))
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let delta = reader.varint(), delta <= UInt64(UInt32.max) else { return nil }
            value &+= UInt32(delta)
            samples.append(value)
        }
        var passages: [UInt16] = []
        passages.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let passage = reader.varint(), passage <= UInt64(UInt16.max) else { return nil }
            passages.append(UInt16(passage))
        }
        guard reader.isAtEnd else { return nil }
        return DocumentFingerprint(
            id: id, day: day, shingleCount: Int(shingles), contentHash: contentHash, threshold: threshold,
            samples: samples, passages: passages
        )
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, bytes.count - position >= count else { return nil }
            defer { position += count }
            return bytes[position..<position + count]
        }

        mutating func uint32() -> UInt32? {
            guard let slice = take(4) else { return nil }
            return slice.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while shift < 64, let next = byte() {
                result |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return result }
                shift += 7
            }
            return nil
        }
    }
}
