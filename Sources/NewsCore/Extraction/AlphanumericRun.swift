/// A run of ASCII letters and digits, folded and hashed: the tokenizer's inner loop.
///
/// Eight bytes are classified, folded and hashed at once (``alphanumericBits(_:)``, ``FoldHasher``), so
/// a common word costs one load and a few word operations, with no branch per byte; the run stops at the
/// first byte that is not a letter or digit, which the caller guarantees before the end of the buffer (a
/// line is always followed by a line feed). What a word needs besides (whether it has a lower-case letter,
/// how many letters it has) is worked out once at the end of the word, from its bytes, and only when needed.
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

    /// For each byte of `word` (eight bytes of text, the first in the low byte): 0x80 where it is an ASCII
    /// letter or digit, 0 elsewhere. Range tests on all eight bytes at once: the high bit of each byte is
    /// cleared first, so no sum carries into the next byte.
    @inline(__always)
    static func alphanumericBits(_ word: UInt64) -> UInt64 {
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        let lower = low | 0x2020_2020_2020_2020
        // 0x61…0x7A: adding 0x1F sets the high bit, adding 0x05 does not.
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)
        // 0x30…0x39: adding 0x50 sets the high bit, adding 0x46 does not.
        let digit = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)
        return (letter | digit) & ~word & 0x8080_8080_8080_8080
    }

    /// The eight bytes at `position`.
    /// - Important: They must all be in the buffer (``ArticleText`` pads its text for this).
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ position: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
    }

    /// The leading run of letters and digits of `word`: its length in bytes (0…8) and its bytes folded (letters
    /// in lower case; digits have the 0x20 bit already), the bytes after the run cleared.
    @inline(__always)
    static func run(in word: UInt64) -> (folded: UInt64, length: Int) {
        let stops = ~alphanumericBits(word) & 0x8080_8080_8080_8080
        // The high bit of the first byte that stops the run, moved to the bit below that byte: minus one
        // keeps the bytes before it (all eight when none stops it).
        let kept = ((stops & (0 &- stops)) &>> 7) &- 1
        return ((word | 0x2020_2020_2020_2020) & kept, stops.trailingZeroBitCount &>> 3)
    }

    /// A word's leading run of ASCII letters and digits from `start`, folded into a new hasher; returns the
    /// hasher and where the run stops.
    /// - Important: The byte at `start` must be a letter or a digit, some byte after it neither, and the eight
    ///   bytes from any position before that one in the buffer.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int) -> (FoldHasher, Int) {
        let (folded, length) = run(in: load(base, start))
        var hasher = FoldHasher(chunk: folded, count: length)
        var stop = start &+ length
        if length == 8 { stop = scanLong(base, from: stop, into: &hasher) }
        return (hasher, stop)
    }

    /// ``scan(_:from:into:)`` for the rest of a word of eight bytes or more: kept out of line, so that the
    /// common word's path stays short.
    @inline(never)
    private static func scanLong(_ base: UnsafePointer<UInt8>, from start: Int, into hasher: inout FoldHasher) -> Int {
        scan(base, from: start, into: &hasher)
    }

    /// Folds bytes from `start` into `hasher` while they are ASCII letters or digits; returns where the run
    /// stops.
    /// - Important: Some byte at or after `start` must be neither a letter nor a digit, and the eight bytes
    ///   from any position before that one in the buffer.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int, into hasher: inout FoldHasher) -> Int {
        var position = start
        while true {
            let (folded, length) = run(in: load(base, position))
            if length == 0 { return position }
            hasher = hasher.adding(folded, count: length)
            position &+= length
            if length < 8 { return position }
        }
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
