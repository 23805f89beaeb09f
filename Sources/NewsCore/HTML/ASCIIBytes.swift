/// Case-insensitive searches for ASCII words in bytes, run on every page: a plain loop over the bytes
/// instead of the standard library's generic substring search (which builds a searcher per call).
enum ASCIIBytes {
    /// `true` when `needle` (ASCII, lower case) occurs in `haystack`, ASCII letters compared in any case.
    static func contains<C: Collection<UInt8>>(_ haystack: C, lowercased needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first else { return true }
            var start = haystack.startIndex
            while let found = haystack[start...].firstIndex(where: { lower($0) == first }) {
                var index = found
                var k = 0
                while k < needle.count, index != haystack.endIndex, lower(haystack[index]) == needle[k] {
                    k += 1
                    haystack.formIndex(after: &index)
                }
                if k == needle.count { return true }
                start = haystack.index(after: found)
            }
            return false
        }
    }

    /// `byte` with A-Z made a-z.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
