/// An open-addressing table from a 64-bit key to a value: a lookup is a multiply, a mask and a compare.
///
/// Slots hold only the key and the index of the value, 16 bytes each, so a probe touches one cache line;
/// values live densely in ``values``. Key 0 is reserved as "empty" and stored as 1 instead.
struct HashTable<Value: Sendable>: Sendable {
    fileprivate struct Slot: Sendable {
        var key: UInt64 = 0
        var value: Int32 = -1
    }

    fileprivate private(set) var slots: [Slot]
    fileprivate private(set) var mask: Int
    /// The stored values, in insertion order.
    private(set) var values: [Value] = []

    /// The number of keys.
    var count: Int { values.count }

    /// Creates a table with room for `capacity` keys at half load.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored under `key`.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let key = key == 0 ? 1 : key
        return slots.withUnsafeBufferPointer { slots in
            var index = Self.slot(key, mask)
            while true {
                let slot = slots[index]
                if slot.key == key { return values[Int(slot.value)] }
                if slot.key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Stores `value` under `key`, or combines it with the value already there.
    mutating func insert(_ key: UInt64, _ value: Value, combine: (inout Value, Value) -> Void) {
        let key = key == 0 ? 1 : key
        if (count + 1) * 2 > slots.count { grow() }
        var index = Self.slot(key, mask)
        while true {
            let stored = slots[index]
            if stored.key == key {
                combine(&values[Int(stored.value)], value)
                return
            }
            if stored.key == 0 {
                slots[index] = Slot(key: key, value: Int32(values.count))
                values.append(value)
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = [Slot](repeating: Slot(), count: size)
        let newMask = size - 1
        for slot in slots where slot.key != 0 {
            var index = Self.slot(slot.key, newMask)
            while grown[index].key != 0 { index = (index + 1) & newMask }
            grown[index] = slot
        }
        slots = grown
        mask = newMask
    }
}

extension HashTable {
    /// A read-only copy of the table in raw memory, for lookups without reference counting.
    ///
    /// - Parameter empty: The value stored in empty slots (never returned).
    /// - Important: The memory is never freed. Only make one for tables that live as long as the process
    ///   (the static ``LexiconIndex`` tables).
    func frozen(empty: Value) -> FrozenHashTable<Value> {
        let frozenSlots = UnsafeMutableBufferPointer<FrozenHashTable<Value>.Slot>.allocate(capacity: slots.count)
        let filter = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: FrozenHashTable<Value>.filterWords)
        filter.initialize(repeating: 0)
        for (position, slot) in slots.enumerated() {
            let value = slot.key == 0 ? empty : values[Int(slot.value)]
            (frozenSlots.baseAddress! + position).initialize(to: .init(key: slot.key, value: value))
            if slot.key != 0 {
                let bit = FrozenHashTable<Value>.filterBit(slot.key)
                filter[bit.word] |= bit.mask
            }
        }
        return FrozenHashTable(slots: UnsafeBufferPointer(frozenSlots), filter: UnsafeBufferPointer(filter), mask: mask)
    }
}

/// A ``HashTable`` frozen into raw memory that is never freed: lookups touch no reference counts.
///
/// An 8 KiB bit filter in front answers "not there" for most unknown words without touching the slots,
/// which keeps lookups of ordinary words in the first-level cache. A slot holds its value beside its key,
/// so that a found word costs one cache line, not two.
/// `@unchecked Sendable`: the memory is written once before the value exists and only read afterwards.
struct FrozenHashTable<Value>: @unchecked Sendable {
    struct Slot {
        var key: UInt64
        var value: Value
    }

    static var filterWords: Int { 1024 }

    @inline(__always)
    static func filterBit(_ key: UInt64) -> (word: Int, mask: UInt64) {
        (Int(truncatingIfNeeded: key >> 54), 1 << ((key >> 48) & 63))
    }

    let slots: UnsafeBufferPointer<Slot>
    let filter: UnsafeBufferPointer<UInt64>
    let mask: Int

    /// The value stored under `key`.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let found = slot(of: key)
        return found < 0 ? nil : slots[found].value
    }

    /// The index in ``slots`` of the slot holding `key`, or -1.
    @inline(__always)
    func slot(of key: UInt64) -> Int {
        let key = key == 0 ? 1 : key
        let bit = Self.filterBit(key)
        guard filter[bit.word] & bit.mask != 0 else { return -1 }
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let stored = slots[index].key
            if stored == key { return index }
            if stored == 0 { return -1 }
            index = (index + 1) & mask
        }
    }
}
