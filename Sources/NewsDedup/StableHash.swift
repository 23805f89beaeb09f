/// A fixed 64-bit hash, identical in every process and on every platform.
///
/// Swift's `Hasher` is seeded per process, so fingerprints and decisions never use it: they use this
/// FNV-1a byte hash with a MurmurHash3 finaliser, and the same finaliser to combine values.
enum StableHash {
    /// The FNV-1a 64-bit offset basis.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Feeds one byte into an FNV-1a state.
    @inline(__always)
    static func add(_ byte: UInt8, to state: UInt64) -> UInt64 {
        (state ^ UInt64(byte)) &* prime
    }

    /// The MurmurHash3 64-bit finaliser: spreads every input bit over the output.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Combines an accumulated hash with one more value, order-sensitively.
    @inline(__always)
    static func combine(_ state: UInt64, _ value: UInt64) -> UInt64 {
        mix(state ^ (value &+ 0x9e37_79b9_7f4a_7c15 &+ (state << 6) &+ (state >> 2)))
    }

    /// The hash of a byte sequence.
    static func bytes(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var state = seed
        for byte in bytes { state = add(byte, to: state) }
        return mix(state)
    }

    /// The hash of a string's UTF-8 bytes.
    static func string(_ text: String) -> UInt64 {
        bytes(text.utf8)
    }
}
