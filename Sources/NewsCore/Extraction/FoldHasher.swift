/// A 64-bit hash of a word's *folded* UTF-8: lower case, Latin accents removed, `œ` → `oe`, `’` → `'`.
///
/// Folding makes "Pékin", "PEKIN" and "pekin" one key, so lexicon lookups need no `String` at all.
/// Keys are compared by their 64-bit hash alone: with a few thousand lexicon entries the chance that an
/// unrelated word collides is about 10⁻¹⁵ per token, far below any other error of the extractor; a word of
/// up to eight folded bytes cannot collide at all (see ``value``).
///
/// Bytes are taken eight at a time: they pile up in ``chunk``, and a full chunk is mixed into ``state``
/// only when a ninth byte comes. The tokenizer folds a run of ASCII letters with a few word operations
/// (``adding(_:count:)``) instead of a multiply per byte, and ``Token/stem`` can take the last byte off a
/// finished hash (``removingLast(_:count:)``), because the last byte is always still in the chunk.
struct FoldHasher {
    /// The state before any chunk is mixed in.
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The odd multiplier of ``mix(_:)``, and its inverse modulo 2⁶⁴.
    private static let multiplier: UInt64 = 0xD6E8_FEB8_6659_FD93
    private static let inverseMultiplier: UInt64 = 0xCFEE_444D_8B59_A89B

    /// The full chunks mixed so far.
    private(set) var state: UInt64 = FoldHasher.seed
    /// The bytes after those: one to eight of them once a byte is added, the first in the low byte. Folded
    /// bytes are never 0, so the chunk also tells how many bytes it holds.
    private(set) var chunk: UInt64 = 0
    /// The number of bytes added.
    private(set) var count = 0

    init() {}

    /// A hasher that has taken `count` bytes: `chunk` holds the last `((count - 1) % 8) + 1` of them (all of
    /// them if `count` ≤ 8, with `state` the ``seed``).
    @inline(__always)
    init(state: UInt64 = FoldHasher.seed, chunk: UInt64, count: Int) {
        self.state = state
        self.chunk = chunk
        self.count = count
    }

    /// The last byte added (0 before any).
    @inline(__always)
    var last: UInt8 {
        UInt8(truncatingIfNeeded: chunk >> UInt64(((count &- 1) & 7) &* 8))
    }

    /// A bijection of 64-bit words (an odd multiply, then the high half folded onto the low half), so that
    /// the hash of a word of up to eight bytes is unique, and every bit of the key depends on its bytes.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        let product = x &* multiplier
        return product ^ (product >> 32)
    }

    /// The inverse of ``mix(_:)``.
    @inline(__always)
    static func unmix(_ hash: UInt64) -> UInt64 {
        (hash ^ (hash >> 32)) &* inverseMultiplier
    }

    /// The hash of the bytes added so far.
    @inline(__always)
    var value: UInt64 { Self.mix(state ^ chunk) }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        self = adding(UInt64(byte), count: 1)
    }

    /// This hasher after `bytes` more: the low `count` bytes of `bytes` (1…8; the bytes above them are 0).
    @inline(__always)
    func adding(_ bytes: UInt64, count added: Int) -> FoldHasher {
        // The bytes already in the chunk: 0 only before the first byte.
        let pending = count == 0 ? 0 : ((count &- 1) & 7) &+ 1
        let free = 8 &- pending
        var next = self
        next.count = count &+ added
        if added <= free {
            next.chunk = chunk | (bytes << UInt64(pending &* 8))
        } else {
            // The chunk fills up: mix it in, and keep what did not fit.
            next.state = Self.mix(state ^ (chunk | (bytes << UInt64(pending &* 8))))
            next.chunk = bytes >> UInt64(free &* 8)
        }
        return next
    }

    /// The hash of the bytes added so far and then `byte` (an elided `'`, the period of `M.`).
    @inline(__always)
    func value(adding byte: UInt8) -> UInt64 {
        adding(UInt64(byte), count: 1).value
    }

    /// The hash `hash` of `count` bytes (at least two) without the last of them, `last`.
    @inline(__always)
    static func removingLast(_ hash: UInt64, count: Int, last: UInt8) -> UInt64 {
        let position = (count &- 1) & 7
        let shorter = unmix(hash) ^ (UInt64(last) << UInt64(position &* 8))
        // When the last byte was alone in its chunk, what is left is the state: the hash of a chunk
        // boundary is the state that chunk mixed into.
        return position == 0 ? shorter : mix(shorter)
    }

    /// The hash of a whole string, folded the same way as the tokenizer folds words.
    static func hash(_ text: String) -> UInt64 {
        var hasher = FoldHasher()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                index += Folding.fold(UnsafeBufferPointer(buffer), at: index, into: &hasher)
            }
        }
        return hasher.value
    }

    /// The FNV-1a constants, for the keys of phrases (``combine(_:_:)``) and hashes of raw bytes.
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Combines word hashes into the key of a phrase, starting from ``offset``.
    @inline(__always)
    static func combine(_ phrase: UInt64, _ word: UInt64) -> UInt64 {
        ((phrase ^ word) &* prime) ^ (phrase >> 29)
    }
}
