/// Splits text into normalised word tokens and hashes each one.
///
/// Normalisation: lower case; Latin diacritics folded (`é` → `e`, `œ` → `oe`, `ß` → `ss`); combining
/// marks dropped; every character that is not a letter or a digit (apostrophes `'` `’`, quotes `«` `"`,
/// hyphens, punctuation) separates tokens. So `d’Etat` and `d'État` both give `d`, `etat`.
/// Scripts without spaces (Chinese, Japanese) give one token per run of letters.
struct WordTokenizer: Sendable {
    /// Base letters for U+00C0…U+017F, two ASCII characters per code point (space-padded).
    private static let latinFolding: [UInt8] = Array((
        "a a a a a a aec e e e e i i i i d n o o o o o   o u u u u y thss"
            + "a a a a a a aec e e e e i i i i d n o o o o o   o u u u u y thy "
            + "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g "
            + "g g g g h h h h i i i i i i i i i i ijijj j k k k l l l l l l l "
            + "l l l n n n n n n n n n o o o o o o oeoer r r r r r s s s s s s "
            + "s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s "
    ).utf8)

    /// The hashes of the tokens of `text`, in order, appended to `tokens`.
    func appendTokenHashes(of text: String, to tokens: inout [UInt64]) {
        var state = StableHash.seed
        var inToken = false
        @inline(__always) func feed(_ byte: UInt8) {
            state = StableHash.add(byte, to: state)
            inToken = true
        }
        @inline(__always) func endToken() {
            if inToken {
                tokens.append(StableHash.mix(state))
                state = StableHash.seed
                inToken = false
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case 0x30...0x39, 0x61...0x7A: feed(byte)
                case 0x41...0x5A: feed(byte | 0x20)
                default: endToken()
                }
            } else if (0x300...0x36F).contains(value) {
                // A combining mark: part of the previous letter, dropped.
                continue
            } else if (0xC0...0x17F).contains(value) {
                let offset = Int(value - 0xC0) * 2
                let first = Self.latinFolding[offset]
                if first == 0x20 { endToken(); continue }
                feed(first)
                let second = Self.latinFolding[offset + 1]
                if second != 0x20 { feed(second) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in scalar.properties.lowercaseMapping.utf8 { feed(lower) }
            } else {
                endToken()
            }
        }
        endToken()
    }
}
