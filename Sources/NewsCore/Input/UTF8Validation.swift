/// UTF-8 validation of payloads, done once.
///
/// `String(validating:as:)` costs about nine instructions a byte; the loop here about one on ASCII text,
/// and the checked bytes are then copied into a String without the standard library checking them again.
/// (Skipping ASCII sixteen bytes at a time and then going through a mixed block byte by byte took more
/// time: most blocks of a non-English page have a letter above 0x7F, and each byte test is then a branch
/// the processor cannot predict. Eight bytes at a time, jumping straight to the first byte above 0x7F, has
/// one such branch per non-ASCII character, no more than a plain byte loop.)
extension InputDecoder {
    /// Throws `invalidUTF8`, naming the offset of the first byte that breaks UTF-8, unless `bytes` are
    /// well-formed; returns whether they are all ASCII (for ``Swift/String/init(wellFormedUTF8:isASCII:)``).
    static func validateUTF8(_ bytes: [UInt8]) throws(ParseError) -> Bool {
        let scan = scanUTF8(bytes)
        if let offset = scan.invalidOffset {
            throw ParseError(.invalidUTF8, stage: .decode, "invalid UTF-8 at byte \(offset)")
        }
        return scan.isASCII
    }

    /// The offset of the first byte that breaks UTF-8 (`nil` when the bytes are valid), and whether the bytes
    /// before it are all ASCII.
    ///
    /// ASCII eight bytes at a time; multi-byte sequences are checked against the well-formed ranges of the
    /// Unicode standard (table 3-7), as the standard library's decoder does.
    static func scanUTF8(_ bytes: [UInt8]) -> (invalidOffset: Int?, isASCII: Bool) {
        bytes.withUnsafeBufferPointer { buffer -> (invalidOffset: Int?, isASCII: Bool) in
            let n = buffer.count
            guard let base = buffer.baseAddress else { return (nil, true) }
            var isASCII = true
            var i = 0
            let raw = UnsafeRawPointer(base)
            while i < n {
                // ASCII eight bytes at a time, straight to the first byte above 0x7F: one test per eight
                // bytes, and one mispredicted exit per non-ASCII character, as a byte loop has.
                while i &+ 8 <= n {
                    let high = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                    if high != 0 {
                        i &+= UInt64(littleEndian: high).trailingZeroBitCount >> 3
                        break
                    }
                    i &+= 8
                }
                guard i < n else { break }
                let b0 = base[i]
                if b0 < 0x80 { i += 1; continue }
                isASCII = false
                @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                    i + k < n && base[i + k] >= low && base[i + k] <= high
                }
                switch b0 {
                case 0xC2...0xDF:
                    guard continuation(1) else { return (i, false) }
                    i += 2
                case 0xE0:
                    guard continuation(1, 0xA0), continuation(2) else { return (i, false) }
                    i += 3
                case 0xE1...0xEC, 0xEE...0xEF:
                    guard continuation(1), continuation(2) else { return (i, false) }
                    i += 3
                case 0xED:
                    guard continuation(1, 0x80, 0x9F), continuation(2) else { return (i, false) }
                    i += 3
                case 0xF0:
                    guard continuation(1, 0x90), continuation(2), continuation(3) else { return (i, false) }
                    i += 4
                case 0xF1...0xF3:
                    guard continuation(1), continuation(2), continuation(3) else { return (i, false) }
                    i += 4
                case 0xF4:
                    guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { return (i, false) }
                    i += 4
                default:
                    return (i, false)
                }
            }
            return (nil, isASCII)
        }
    }
}

extension String {
    /// A String of `utf8`, which must be well-formed UTF-8 (``InputDecoder/validateUTF8(_:)`` said so, or it
    /// is a range of such bytes that starts and ends on scalar boundaries): copied without the standard
    /// library checking it again. `isASCII`, when known, spares looking for the ASCII flag that gives the
    /// String its fast paths.
    init(wellFormedUTF8 utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool? = nil) {
        guard #available(macOS 26.0, *) else {
            self.init(decoding: utf8, as: UTF8.self)
            return
        }
        // Unchecked is sound by this initializer's precondition.
        if let isASCII {
            self.init(copying: unsafe UTF8Span(unchecked: utf8.span, isKnownASCII: isASCII))
        } else {
            var span = unsafe UTF8Span(unchecked: utf8.span)
            _ = span.checkForASCII()
            self.init(copying: span)
        }
    }
}
