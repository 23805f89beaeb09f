@testable import NewsCore
import Testing

/// The word hash behind every lexicon lookup: the tokenizer's eight-bytes-at-a-time path must give the
/// same key as folding a string byte by byte, across chunk boundaries, and a plural's stem must be the
/// singular's key.
struct FoldHasherTests {
    /// Words of every length around the eight-byte chunk boundaries.
    static let words = (1...26).map { String("abcdefghijklmnopqrstuvwxyz".prefix($0)) }

    @Test(arguments: words) func eightBytesAtATimeMatchesByteByByte(_ word: String) {
        for text in [word, word.uppercased(), word + "1", "2022" + word] {
            var bytes = Array(text.utf8) + [0x20] + Array(repeating: 0, count: 8)
            let (hasher, stop) = bytes.withUnsafeMutableBufferPointer { buffer in
                AlphanumericRun.scan(UnsafePointer(buffer.baseAddress!), from: 0)
            }
            #expect(stop == text.utf8.count)
            #expect(hasher.count == text.utf8.count)
            #expect(hasher.last == Array(text.lowercased().utf8).last)
            #expect(hasher.value == FoldHasher.hash(text))
        }
    }

    @Test(arguments: words.filter { $0.count >= 2 }) func removingTheLastByteGivesTheShorterWordsKey(_ word: String) {
        let hash = FoldHasher.hash(word)
        let last = word.utf8.last!
        #expect(FoldHasher.removingLast(hash, count: word.utf8.count, last: last) == FoldHasher.hash(String(word.dropLast())))
    }

    @Test func foldingMakesOneKeyAndShortWordsNeverCollide() {
        #expect(FoldHasher.hash("Pékin") == FoldHasher.hash("PEKIN"))
        #expect(FoldHasher.hash("cœur") == FoldHasher.hash("coeur"))
        #expect(FoldHasher.hash("l’") == FoldHasher.hash("l'"))
        // Up to eight bytes the hash is a bijection of the bytes: every two-letter word has its own key.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let keys = Set(letters.flatMap { first in letters.map { FoldHasher.hash(String([first, $0])) } })
        #expect(keys.count == letters.count * letters.count)
    }

    @Test func aPluralCountsWithItsSingularAsAKeyword() {
        // Nine folded bytes (the `s` alone in its chunk) and twelve.
        let facts = Extractor().facts([
            "Les relations reprennent. La relation porte sur les coopérations militaires.",
            "Une coopération nouvelle, des relations longues.",
        ], language: "fr")
        #expect(facts.keywords == ["relations", "coopérations"])
    }
}
