/// The 64-bit hash of a word's lower-cased UTF-8 bytes (``Words``), taken eight bytes at a time.
///
/// The bytes are cut into little-endian chunks of eight; each whole chunk is mixed in with one multiply, and
/// the bytes left after them (none to seven, zero-padded: words hold no NUL byte, so padding is unambiguous)
/// are mixed in and the result finalised by ``finish``. A word of up to seven ASCII letters (most words)
/// is thus one load, a mask and two multiplies (``WordHasher/ASCIIRun``), with no loop over its bytes and so
/// no branch that mispredicts where the word ends; bytes can also be added one scalar at a time, with the
/// same result, for the rarer letters outside ASCII.
struct WordHasher {
    /// The hash of the whole chunks added so far.
    private var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// The bytes after the last whole chunk (0...7 of them), the first in the low byte.
    private var pending: UInt64 = 0
    /// Bytes in ``pending``, 0...7.
    private var pendingCount = 0

    static let multiplier: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    init() {}

    /// A hasher holding a run of fewer than eight bytes.
    @inline(__always)
    init(_ run: ASCIIRun) {
        pending = run.chunk
        pendingCount = run.count
    }

    /// The word's hash. Only for a word of at least one byte (the caller knows whether a word is open).
    @inline(__always)
    var finish: UInt64 {
        let mixed = (hash ^ pending) &* Self.multiplier
        return mixed ^ (mixed &>> 29)
    }

    /// Adds `count` bytes (1...8), zero-padded in `chunk`.
    @inline(__always)
    mutating func add(_ chunk: UInt64, count: Int) {
        // Masked shifts only: `pendingCount` is at most 7.
        let joined = pending | chunk &<< UInt64(pendingCount &* 8)
        let total = pendingCount &+ count
        if total < 8 {
            pending = joined
            pendingCount = total
        } else {
            // A whole chunk: mixed in now, the bytes past it kept (a shift by 8 × (8 - pendingCount), in two).
            hash = (hash ^ joined) &* Self.multiplier
            pending = (chunk &>> 8) &>> UInt64((7 &- pendingCount) &* 8)
            pendingCount = total &- 8
        }
    }

    /// Adds the UTF-8 bytes of `scalar`.
    @inline(__always)
    mutating func add(scalar: UInt32) {
        let (chunk, count) = Self.utf8(scalar)
        add(chunk, count: count)
    }

    /// The UTF-8 bytes of `scalar` in a chunk, and their count.
    @inline(__always)
    static func utf8(_ scalar: UInt32) -> (UInt64, Int) {
        let s = UInt64(scalar)
        if s < 0x80 { return (s, 1) }
        if s < 0x800 { return ((0xC0 | s >> 6) | (0x80 | s & 0x3F) << 8, 2) }
        if s < 0x1_0000 { return ((0xE0 | s >> 12) | (0x80 | s >> 6 & 0x3F) << 8 | (0x80 | s & 0x3F) << 16, 3) }
        return ((0xF0 | s >> 18) | (0x80 | s >> 12 & 0x3F) << 8 | (0x80 | s >> 6 & 0x3F) << 16 | (0x80 | s & 0x3F) << 24, 4)
    }

    /// The hash of a one-scalar word (an ideograph).
    static func hash(scalar: UInt32) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(scalar: scalar)
        return hasher.finish
    }
}

extension WordHasher {
    /// Up to eight bytes read at once, and which of them start a run of ASCII letters and digits: the word
    /// scanners' fast path, by bit arithmetic on the eight bytes together (no table, no branch per byte).
    struct ASCIIRun {
        /// The bytes, letters in lower case, cut after the run (zero-padded).
        let chunk: UInt64
        /// The run's length, 0...8 (8: it may go on in the next bytes).
        let count: Int
        /// The run's ASCII letters (digits are the rest).
        let letters: Int

        /// The run at the start of the little-endian `bytes`.
        @inline(__always)
        init(_ bytes: UInt64) {
            let ones = EightBytes.ones
            let ascii = ~bytes & EightBytes.high
            // Letters: 0x61...0x7A once folded to lower case; digits 0x30...0x39.
            let low = bytes & ~EightBytes.high
            let folded = low | (0x20 &* ones)
            let letter = (folded &+ (0x1F &* ones)) & ~(folded &+ (0x05 &* ones)) & ascii
            let digit = (low &+ (0x50 &* ones)) & ~(low &+ (0x46 &* ones)) & ascii
            let stops = ~(letter | digit) & EightBytes.high
            let count = EightBytes.bytesBefore(stops)
            // Bytes of the run: every bit below the first stop's byte (all of them when there is none), from
            // the first stop's bit alone (0x80 in its byte).
            let kept = ((stops & (0 &- stops)) &>> 7) &- 1
            chunk = (bytes | letter &>> 2) & kept
            self.count = count
            // A count by multiplication, not `nonzeroBitCount`: the baseline x86-64 target has no `popcnt`.
            letters = Int(truncatingIfNeeded: (((letter & kept) &>> 7) &* ones) &>> 56)
        }
    }
}
