/// FNV-1a hash of a word's *folded* UTF-8: lower case, Latin accents removed, `œ` → `oe`, `’` → `'`.
///
/// Folding makes "Pékin", "PEKIN" and "pekin" one key, so lexicon lookups need no `String` at all.
/// Keys are compared by their 64-bit hash alone: with a few thousand lexicon entries the chance that an
/// unrelated word collides is about 10⁻¹⁵ per token, far below any other error of the extractor.
struct FoldHasher {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of the bytes added so far.
    private(set) var value: UInt64 = FoldHasher.offset
    /// The hash before the last byte (the key of the word without its final letter).
    private(set) var previous: UInt64 = FoldHasher.offset
    /// The last byte added.
    private(set) var last: UInt8 = 0
    /// The number of folded bytes added.
    private(set) var count = 0

    /// Creates a hasher, optionally continuing from a hash already computed.
    init(value: UInt64 = FoldHasher.offset) {
        self.value = value
        self.previous = value
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        previous = value
        value = (value ^ UInt64(byte)) &* Self.prime
        last = byte
        count &+= 1
    }

    /// The key that also matches the singular: the hash without a final `s` or `x` on words of 5+ letters.
    var stem: UInt64 { count > 4 && (last == 0x73 || last == 0x78) ? previous : value }

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

    /// Combines word hashes into the key of a phrase.
    @inline(__always)
    static func combine(_ phrase: UInt64, _ word: UInt64) -> UInt64 {
        ((phrase ^ word) &* prime) ^ (phrase >> 29)
    }
}
