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

    /// Every key (0 stored as 1) with its value.
    var entries: [(key: UInt64, value: Value)] {
        slots.compactMap { $0.key == 0 ? nil : ($0.key, values[Int($0.value)]) }
    }

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
