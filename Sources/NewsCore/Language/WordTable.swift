/// A small open-addressing hash map from 64-bit hashes to 32-bit values, built once and read on hot paths.
///
/// Faster than `Dictionary` for the cleaner's word lookups: no `Hasher`, no bounds or uniqueness checks.
/// Storage is allocated once and never freed: tables live as long as the process (``LanguageTables/shared``).
struct WordTable: @unchecked Sendable {
    // @unchecked: the buffers are written only during `init` (through `insert`, before the value is shared)
    // and are read-only afterwards.
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<UInt32>
    private let mask: Int

    /// Creates a table for about `capacity` keys, at most a quarter full: most words looked up are not in the
    /// table, and with linear probing a miss stops at the first empty slot (about 1.4 probes at a quarter,
    /// 2.5 at half full).
    init(capacity: Int) {
        var size = 16
        while size < capacity * 4 { size <<= 1 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        mask = size - 1
    }

    /// ORs `bits` into the value of `key` (inserting it). Only while building the table.
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
