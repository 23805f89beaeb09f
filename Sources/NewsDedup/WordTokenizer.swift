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
        var text = text
        text.withUTF8 { appendTokenHashes(ofUTF8: $0, to: &tokens) }
    }

    /// The same over valid UTF-8 bytes, decoded by hand (ASCII and Latin letters need no lookup).
    private func appendTokenHashes(ofUTF8 bytes: UnsafeBufferPointer<UInt8>, to tokens: inout [UInt64]) {
        var state = StableHash.seed
        var inToken = false
        var index = 0
        let count = bytes.count
        Self.latinFolding.withUnsafeBufferPointer { folding in
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    var byte = lead
                    if byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                    if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) {
                        state = StableHash.add(byte, to: state)
                        inToken = true
                    } else if inToken {
                        tokens.append(StableHash.mix(state))
                        state = StableHash.seed
                        inToken = false
                    }
                    continue
                }
                // Decode one multi-byte scalar (the string is valid UTF-8).
                var value: UInt32
                if lead < 0xE0 {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                if value >= 0x300, value <= 0x36F {
                    // A combining mark: part of the previous letter, dropped.
                    continue
                }
                if value >= 0xC0, value <= 0x17F {
                    let offset = Int(value - 0xC0) * 2
                    let first = folding[offset]
                    if first != 0x20 {
                        state = StableHash.add(first, to: state)
                        let second = folding[offset + 1]
                        if second != 0x20 { state = StableHash.add(second, to: state) }
                        inToken = true
                        continue
                    }
                } else if let scalar = Unicode.Scalar(value),
                          scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for lower in scalar.properties.lowercaseMapping.utf8 { state = StableHash.add(lower, to: state) }
                    inToken = true
                    continue
                }
                if inToken {
                    tokens.append(StableHash.mix(state))
                    state = StableHash.seed
                    inToken = false
                }
            }
        }
        if inToken { tokens.append(StableHash.mix(state)) }
    }
}
