/// Tests on eight bytes at once, held in a `UInt64` (little-endian: the first byte lowest), each answer
/// in bit 7 of the byte it is about: the scanners' way past runs of ordinary text without a branch per byte.
///
/// Every sum below is taken on bytes of at most 0x7F plus at most 0x80, so no carry crosses into the next
/// byte and every answer is exact.
enum EightBytes {
    /// 0x01 in every byte: `ones &* b` is byte `b` in every byte.
    static let ones: UInt64 = 0x0101_0101_0101_0101
    /// Bit 7 of every byte.
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each byte equal to `value`.
    @inline(__always)
    static func equal(_ word: UInt64, _ value: UInt8) -> UInt64 {
        let difference = word ^ (UInt64(value) &* ones)
        return ~(((difference & ~high) &+ ~high) | difference) & high
    }

    /// Bit 7 of each byte below 0x20 (the C0 controls).
    @inline(__always)
    static func controls(_ word: UInt64) -> UInt64 {
        ~(((word & ~high) &+ 0x60 &* ones) | word) & high
    }

    /// The number of leading bytes before the first byte marked in `marks` (8 when none is).
    @inline(__always)
    static func bytesBefore(_ marks: UInt64) -> Int {
        marks.trailingZeroBitCount &>> 3
    }
}
