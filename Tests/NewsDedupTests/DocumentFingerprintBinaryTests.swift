import NewsDedup
import Testing

struct DocumentFingerprintBinaryTests {
    let fingerprint = DocumentFingerprint(
        id: "001_b179d40b0e97b528", day: -3, dayCount: 31, sourceKey: 0xC0FFEE, shingleCount: 412, contentHash: 0xDEAD_BEEF, threshold: 0x1555_5555,
        samples: [7, 19, 4_000_000_000], passages: [0, 2, 9]
    )

    @Test func roundTrips() throws {
        #expect(try DocumentFingerprint(decoding: fingerprint.encoded()) == fingerprint)
        var undated = fingerprint
        undated.day = nil
        undated.dayCount = 1
        #expect(try DocumentFingerprint(decoding: undated.encoded()) == undated)
    }

    @Test func version1FromThePreviousReleaseIsStillRead() throws {
        // u8 1 · id · has-day 1 · zig-zag day −3 · shingles 412 · hash · threshold · 3 samples · passages.
        let version1: [UInt8] = [1, 3] + Array("abc".utf8) + [1, 5, 0x9C, 0x03, 0xEF, 0xBE, 0xAD, 0xDE, 0x55, 0x55, 0x55, 0x15, 2, 7, 12, 0, 2]
        let decoded = try DocumentFingerprint(decoding: version1)
        #expect(decoded == DocumentFingerprint(
            id: "abc", day: -3, shingleCount: 412, contentHash: 0xDEAD_BEEF, threshold: 0x1555_5555, samples: [7, 19], passages: [0, 2]
        ))
        #expect(fingerprint.encoded()[0] == 2)
    }

    @Test func garbageIsAnErrorNeverATrap() {
        let bytes = fingerprint.encoded()
        for length in 0..<bytes.count {
            #expect(throws: DedupError.self) { try DocumentFingerprint(decoding: Array(bytes.prefix(length))) }
        }
        #expect(throws: DedupError.self) { try DocumentFingerprint(decoding: bytes + [0]) }
        #expect(throws: DedupError.self) { try DocumentFingerprint(decoding: [3] + bytes.dropFirst()) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let noise = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? DocumentFingerprint(decoding: noise)
        }
    }
}
