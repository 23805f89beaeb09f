@testable import NewsCore
import TestSupport
import Testing

/// The decoder's own UTF-8 check decides which bytes become a String without the standard library checking
/// them again, so it must accept exactly what `String(validating:)` accepts: every edge of the well-formed
/// ranges, and a large sample of random byte strings biased towards multi-byte sequences.
struct UTF8ValidationTests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let ours = InputDecoder.scanUTF8(bytes)
        let standard = String(validating: bytes, as: UTF8.self)
        guard (ours.invalidOffset == nil) == (standard != nil) else { return false }
        if let standard {
            let text = bytes.withUnsafeBufferPointer { String(wellFormedUTF8: $0, isASCII: ours.isASCII) }
            return text == standard && ours.isASCII == bytes.allSatisfy { $0 < 0x80 }
        }
        // The offset is where the valid prefix ends.
        let offset = ours.invalidOffset!
        return String(validating: bytes[..<offset], as: UTF8.self) != nil
    }

    @Test func everyLeadAndContinuationEdge() {
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                              0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0x41]
        for a in edges {
            for b in edges {
                for c in edges {
                    #expect(Self.agrees([a, b, c]), "\([a, b, c])")
                    #expect(Self.agrees([0x61, a, b, c, 0x80, 0x62]), "\([a, b, c])")
                }
            }
        }
    }

    @Test func randomBytesAgreeWithTheStandardLibrary() {
        var generator = TestRandom(seed: 20_261_124)
        let alphabet: [UInt8] = [0x20, 0x61, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 12)
            let bytes = (0..<count).map { _ in
                generator.next() % 4 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            #expect(Self.agrees(bytes), "\(bytes)")
        }
    }

    /// ASCII is skipped eight bytes at a time: a multi-byte or broken sequence at every offset of texts of
    /// every length up to 40 bytes, so that it falls at each position of a block and in the tail.
    @Test func sequencesAtEveryOffsetOfAsciiText() {
        let sequences: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0x80], [0xE2, 0x80], [0xFF]]
        for length in 0...40 {
            let ascii = [UInt8](repeating: 0x61, count: length)
            #expect(Self.agrees(ascii), "\(length)")
            for offset in 0...length {
                for sequence in sequences {
                    var bytes = ascii
                    bytes.insert(contentsOf: sequence, at: offset)
                    #expect(Self.agrees(bytes), "\(bytes)")
                }
            }
        }
    }
}
