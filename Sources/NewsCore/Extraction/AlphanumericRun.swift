/// A run of ASCII letters and digits, folded and hashed: the tokenizer's inner loop.
///
/// Each byte costs one load from a 256-entry table, an XOR and a multiply: the loop keeps only the hash
/// and the position in registers, and stops at the first byte that is not a letter or digit, which the
/// caller guarantees before the end of the buffer (a line is always followed by a line feed). What a word
/// needs besides (its last byte, the hash before it, whether it has a lower-case letter, how many letters
/// it has) is worked out once at the end of the word, from its bytes, and only when needed.
enum AlphanumericRun {
    /// The folded form of every byte value: an ASCII letter in lower case, a digit unchanged, 0 for
    /// anything else.
    ///
    /// Built once and never freed, like the lexicon tables: reads involve no reference counting and no
    /// bounds check in the per-byte loop. `nonisolated(unsafe)`: written once before it is published, then
    /// only read.
    nonisolated(unsafe) static let folded: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = byte }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = byte | 0x20 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = byte }
        return UnsafePointer(table)
    }()

    /// The multiplicative inverse of ``FoldHasher/prime`` modulo 2⁶⁴: undoes one step of the hash.
    static let inversePrime: UInt64 = 0xCE96_5057_AFF6_957B

    /// Hashes bytes from `start` into `hash` while they are ASCII letters or digits (folded with
    /// `table`, ``folded``); returns where the run stops.
    /// - Important: Some byte at or after `start` in `base` must be neither a letter nor a digit.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int, hash: inout UInt64, table: UnsafePointer<UInt8>) -> Int {
        var value = hash
        var position = start
        while true {
            let folded = table[Int(base[position])]
            if folded == 0 { break }
            value = (value ^ UInt64(folded)) &* FoldHasher.prime
            position &+= 1
        }
        hash = value
        return position
    }

    /// The hash before the last byte was added: `hash` is `(previous ^ last) &* prime`.
    @inline(__always)
    static func previous(_ hash: UInt64, last: UInt8) -> UInt64 {
        (hash &* inversePrime) ^ UInt64(last)
    }

    /// `true` when `range` of `bytes` holds an ASCII lower-case letter.
    @inline(__always)
    static func hasLower(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for position in range where bytes[position] &- 0x61 < 26 { return true }
        return false
    }

    /// The number of ASCII letters in `range` of `bytes`.
    static func letters(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for position in range where (bytes[position] | 0x20) &- 0x61 < 26 { count += 1 }
        return count
    }
}
