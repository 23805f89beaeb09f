/// Case and accent folding of UTF-8, one scalar at a time, as used for every lexicon key.
enum Folding {
    /// An ASCII letter lower-cased; every other byte unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The base letters of U+00C0…U+00FF (second byte 0x80…0xBF after 0xC3); 0 keeps the scalar.
    static let latin1Base: [UInt8] = Array("aaaaaaeceeeeiiiidnooooo\0ouuuuyts".utf8)
        + Array("aaaaaaeceeeeiiiidnooooo\0ouuuuyty".utf8)

    /// ``latin1Base`` in raw memory that is never freed, for the tokenizer's loops: reads involve no
    /// reference counting. `nonisolated(unsafe)`: written once before it is published, then only read.
    nonisolated(unsafe) static let latin1Letters: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: latin1Base.count)
        table.initialize(from: latin1Base, count: latin1Base.count)
        return UnsafePointer(table)
    }()

    /// Adds the folded form of the scalar at `index` to `hasher`; returns the scalar's length in bytes.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into hasher: inout FoldHasher) -> Int {
        let lead = bytes[index]
        if lead < 0x80 {
            hasher.add(lower(lead))
            return 1
        }
        let length = scalarLength(lead)
        guard index + length <= bytes.count else {
            hasher.add(lead)
            return 1
        }
        let second = bytes[index + 1]
        if lead == 0xC3, second >= 0x80, second <= 0xBF {
            let base = latin1Base[Int(second - 0x80)]
            switch second {
            case 0x86, 0xA6: hasher.add(0x61); hasher.add(0x65)  // æ
            case 0x9F: hasher.add(0x73); hasher.add(0x73)  // ß
            default:
                if base == 0 {
                    hasher.add(lead); hasher.add(second)
                } else {
                    hasher.add(base)
                }
            }
            return 2
        }
        if lead == 0xC5, second == 0x92 || second == 0x93 {  // Œ œ
            hasher.add(0x6F); hasher.add(0x65)
            return 2
        }
        if lead == 0xE2, second == 0x80, bytes[index + 2] == 0x99 {  // ’
            hasher.add(0x27)
            return 3
        }
        if lead == 0xD0, second >= 0x90, second <= 0xAF {  // Cyrillic А…Я → а…я
            hasher.add(second >= 0xA0 ? 0xD1 : 0xD0)
            hasher.add(second >= 0xA0 ? second - 0x20 : second + 0x20)
            return 2
        }
        for offset in 0..<length { hasher.add(bytes[index + offset]) }
        return length
    }

    /// The length of the UTF-8 sequence starting with `lead`.
    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// `true` for an upper-case first letter (ASCII, Latin-1, `Œ`, Cyrillic).
    @inline(__always)
    static func isUpper(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead >= 65 && lead <= 90 }
        guard index + 1 < bytes.count else { return false }
        let second = bytes[index + 1]
        switch lead {
        case 0xC3: return second >= 0x80 && second <= 0x9E && second != 0x97
        case 0xC4, 0xC5: return second & 1 == 0  // Latin Extended-A pairs: upper case first
        case 0xD0: return second >= 0x80 && second <= 0xAF
        default: return false
        }
    }

    /// `true` for a lower-case letter (ASCII, Latin-1, `œ`, Cyrillic).
    @inline(__always)
    static func isLower(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead >= 97 && lead <= 122 }
        guard index + 1 < bytes.count else { return false }
        let second = bytes[index + 1]
        switch lead {
        case 0xC3: return second >= 0x9F && second != 0xB7
        case 0xC4, 0xC5: return second & 1 == 1
        case 0xD0: return second >= 0xB0
        case 0xD1: return second <= 0x8F
        default: return false
        }
    }
}
