/// A ``HashTable`` frozen into raw memory that is never freed, for lookups with no branch on the key and no
/// reference counting: the tokenizer looks every word up, and half of them are in the lexicon, so a
/// "found?" branch would be mispredicted on every other word.
///
/// Two-choice cuckoo hashing: a key sits in one of two slots, both worked out from the key alone, so a
/// lookup reads both keys and picks the value with conditional moves (``value(_:)``); a key not there picks
/// slot 0, which holds no key and the empty value. Keys are kept apart from values, so the key
/// reads stay in few cache lines. Key 0 is reserved as "empty" and stored as 1 instead.
/// `@unchecked Sendable`: the memory is written once before the value exists and only read afterwards.
struct FrozenHashTable<Value>: @unchecked Sendable {
    /// The key of each slot, 0 for none; slot 0 never holds one.
    private let keys: UnsafeBufferPointer<UInt64>
    /// The value of each slot; slot 0's is the empty value.
    private let values: UnsafeBufferPointer<Value>
    /// 64 minus the bits of a slot number: slots are the top bits of two products.
    private let shift: UInt64

    /// Multipliers for the two slots of a key.
    private static var firstMultiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }
    private static var secondMultiplier: UInt64 { 0xC2B2_AE3D_27D4_EB4F }

    /// Freezes `entries` (distinct keys); `empty` is what ``value(_:)`` gives for a key not there.
    init(_ entries: [(key: UInt64, value: Value)], empty: Value) {
        // Cuckoo hashing with two choices holds up to half full. As small as that allows: the keys are read
        // for every word of every article, and should stay in the first-level cache.
        var bits = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let stored = entries.map { Self.stored($0.key) }
        var placed = Self.place(stored, bits: bits)
        while placed == nil {
            bits += 1
            placed = Self.place(stored, bits: bits)
        }
        let slots = placed!
        // Slot `s` is stored at `s + 1`: index 0 holds no key and the empty value, so that a lookup that
        // finds nothing picks 0, a constant the compiler selects without a branch.
        let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: slots.count + 1)
        let values = UnsafeMutableBufferPointer<Value>.allocate(capacity: slots.count + 1)
        keys[0] = 0
        (values.baseAddress!).initialize(to: empty)
        for (slot, entry) in slots.enumerated() {
            keys[slot + 1] = entry < 0 ? 0 : Self.stored(entries[entry].key)
            (values.baseAddress! + slot + 1).initialize(to: entry < 0 ? empty : entries[entry].value)
        }
        self.keys = UnsafeBufferPointer(keys)
        self.values = UnsafeBufferPointer(values)
        self.shift = UInt64(64 - bits)
    }

    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 {
        key == 0 ? 1 : key
    }

    @inline(__always)
    private static func slots(_ key: UInt64, shift: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: (key &* firstMultiplier) &>> shift), Int(truncatingIfNeeded: (key &* secondMultiplier) &>> shift))
    }

    /// The entry index in each of `1 << bits` slots (-1 for none), or `nil` if the keys did not fit.
    private static func place(_ keys: [UInt64], bits: Int) -> [Int]? {
        let shift = UInt64(64 - bits)
        var slots = [Int](repeating: -1, count: 1 << bits)
        for entry in keys.indices {
            var moving = entry
            var slot = Self.slots(keys[moving], shift: shift).0
            // Kick the occupant over to its other slot, a bounded number of times.
            for _ in 0..<(4 * bits + 16) {
                let (first, second) = Self.slots(keys[moving], shift: shift)
                if slots[first] < 0 { slots[first] = moving; moving = -1; break }
                if slots[second] < 0 { slots[second] = moving; moving = -1; break }
                slot = slot == first ? second : first
                swap(&moving, &slots[slot])
            }
            if moving >= 0 { return nil }
        }
        return slots
    }

    /// The value stored under `key`, or the empty value: two key reads and conditional moves, no branch.
    @inline(__always)
    func value(_ key: UInt64) -> Value {
        let key = Self.stored(key)
        let (first, second) = Self.slots(key, shift: shift)
        var slot = 0
        slot = keys[second &+ 1] == key ? second &+ 1 : slot
        slot = keys[first &+ 1] == key ? first &+ 1 : slot
        return values[slot]
    }

    /// The value stored under `key`.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let key = Self.stored(key)
        let (first, second) = Self.slots(key, shift: shift)
        if keys[first &+ 1] == key { return values[first &+ 1] }
        if keys[second &+ 1] == key { return values[second &+ 1] }
        return nil
    }
}

extension HashTable {
    /// This table frozen for lookups; `empty` is what ``FrozenHashTable/value(_:)`` gives for a missing key.
    func frozen(empty: Value) -> FrozenHashTable<Value> {
        FrozenHashTable(entries, empty: empty)
    }
}
