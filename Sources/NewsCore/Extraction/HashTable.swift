/// An open-addressing table from a 64-bit key to a value: a lookup is a multiply, a mask and a compare.
///
/// Key 0 is reserved as "empty" and stored as 1 instead.
struct HashTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    /// Creates a table with room for `capacity` keys at half load.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
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
        var index = Self.slot(key, mask)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Stores `value` under `key`, or combines it with the value already there.
    mutating func insert(_ key: UInt64, _ value: Value, combine: (inout Value, Value) -> Void) {
        let key = key == 0 ? 1 : key
        if (count + 1) * 2 > keys.count { grow() }
        var index = Self.slot(key, mask)
        while true {
            let stored = keys[index]
            if stored == key {
                combine(&values[index]!, value)
                return
            }
            if stored == 0 {
                keys[index] = key
                values[index] = value
                count += 1
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        self = HashTable(capacity: keys.count)
        for (key, value) in old { insert(key, value!) { _, _ in } }
    }
}
