/// An open-addressing multimap from 32-bit keys to 32-bit values (article slot and passage), 8 bytes
/// per entry.
///
/// Linear probing over one flat `[UInt64]` (key in the high half, value in the low half); a key may
/// appear several times. There is no removal: entries of forgotten articles are filtered by the
/// caller and dropped when the index compacts (``rebuilt(keeping:)``).
struct PostingTable: Sendable {
    /// An unused entry (value `UInt32.max` is never used).
    private static let empty = UInt64.max
    /// Grow when more than this share of the entries is used.
    private static let maxLoad = 0.8

    private var entries: [UInt64]
    /// Entries in use.
    private(set) var count = 0

    /// Creates a table sized for `expected` entries.
    init(expected: Int = 0) {
        entries = Array(repeating: Self.empty, count: Self.capacity(for: expected))
    }

    /// Bytes held, counting the allocated capacity.
    var byteCount: Int { entries.capacity * MemoryLayout<UInt64>.stride }

    /// Adds one posting.
    mutating func add(key: UInt32, value: UInt32) {
        if Double(count + 1) > Double(entries.count) * Self.maxLoad {
            grow(to: max(16, entries.count + entries.count / 2))
        }
        insertWithoutGrowing(UInt64(key) << 32 | UInt64(value))
        count += 1
    }

    /// Calls `body` with the value of every posting of `key` (in table order, which callers must not
    /// depend on).
    @inline(__always)
    func forEachValue(of key: UInt32, _ body: (UInt32) -> Void) {
        entries.withUnsafeBufferPointer { buffer in
            let capacity = buffer.count
            var index = Self.bucket(of: key, capacity: capacity)
            while true {
                let entry = buffer[index]
                if entry == Self.empty { return }
                if UInt32(truncatingIfNeeded: entry >> 32) == key {
                    body(UInt32(truncatingIfNeeded: entry))
                }
                index += 1
                if index == capacity { index = 0 }
            }
        }
    }

    /// Calls `body` with every (key, value) posting, in table order.
    func forEachPosting(_ body: (UInt32, UInt32) -> Void) {
        for entry in entries where entry != Self.empty {
            body(UInt32(truncatingIfNeeded: entry >> 32), UInt32(truncatingIfNeeded: entry))
        }
    }

    /// A copy holding only the postings whose value `remap` maps to a new value.
    func rebuilt(expected: Int, keeping remap: (UInt32) -> UInt32?) -> PostingTable {
        var table = PostingTable(expected: expected)
        forEachPosting { key, value in
            if let newValue = remap(value) { table.add(key: key, value: newValue) }
        }
        return table
    }

    private mutating func grow(to capacity: Int) {
        let old = entries
        entries = Array(repeating: Self.empty, count: capacity)
        for entry in old where entry != Self.empty { insertWithoutGrowing(entry) }
    }

    private mutating func insertWithoutGrowing(_ entry: UInt64) {
        let capacity = entries.count
        var index = Self.bucket(of: UInt32(truncatingIfNeeded: entry >> 32), capacity: capacity)
        while entries[index] != Self.empty {
            index += 1
            if index == capacity { index = 0 }
        }
        entries[index] = entry
    }

    /// The home bucket of a key: the key is spread (sampled keys are all small numbers), then mapped
    /// onto `0..<capacity` by multiplication (no power-of-two capacity needed).
    @inline(__always)
    static func bucket(of key: UInt32, capacity: Int) -> Int {
        var mixed = UInt64(key) &* 0x9e37_79b9_7f4a_7c15
        mixed ^= mixed >> 29
        return Int(((mixed >> 32) &* UInt64(capacity)) >> 32)
    }

    private static func capacity(for expected: Int) -> Int {
        max(16, Int(Double(expected) / 0.65) + 1)
    }
}
