/// A small open-addressing hash map from 64-bit hashes to 32-bit values, built once and read on hot paths.
///
/// Faster than `Dictionary` for the cleaner's word lookups (no `Hasher`, no generics at the call site).
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private let mask: Int

    /// Creates a table for about `capacity` keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// ORs `bits` into the value of `key` (inserting it).
    mutating func insert(_ key: UInt64, bits: UInt32) {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key >> 7) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] |= bits
    }

    /// The value of `key`, or 0.
    @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key >> 7) & mask
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
