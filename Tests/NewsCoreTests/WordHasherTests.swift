@testable import NewsCore
import Testing

/// ``WordHasher`` hashes words eight bytes at a time on the page scan's fast path and a scalar at a time
/// elsewhere: both must give the same hash, or stopwords and cruft phrases would stop matching.
struct WordHasherTests {
    /// The byte-at-a-time reading of a run: ASCII letters (lower-cased) and digits from the first byte on.
    private static func referenceRun(_ bytes: [UInt8]) -> (chunk: UInt64, count: Int, letters: Int) {
        var chunk: UInt64 = 0
        var count = 0
        var letters = 0
        for byte in bytes {
            let folded = Words.asciiFold[Int(byte)]
            if folded == 0 { break }
            chunk |= UInt64(folded) << UInt64(8 * count)
            count += 1
            if folded >= 0x61 { letters += 1 }
        }
        return (chunk, count, letters)
    }

    private static func run(_ bytes: [UInt8]) -> WordHasher.ASCIIRun {
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << UInt64(8 * index) }
        return WordHasher.ASCIIRun(value)
    }

    @Test func asciiRunClassifiesEveryByteValueAtEveryPosition() {
        var failures = 0
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes = Array("Ab3dEfGh".utf8)
                bytes[position] = UInt8(byte)
                let run = Self.run(bytes)
                let expected = Self.referenceRun(bytes)
                if run.chunk != expected.chunk || run.count != expected.count || run.letters != expected.letters { failures += 1 }
            }
        }
        #expect(failures == 0)
    }

    @Test func asciiRunOfRandomBytesMatchesTheReference() {
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        for _ in 0..<20_000 {
            // Mostly letters and digits, so that runs of every length come up.
            let alphabet = Array("aZ09xY_ -.é\u{7F}".utf8) + [0x80, 0xC3, 0xFF, 0x00, 0x40, 0x5B, 0x60, 0x7B, 0x2F, 0x3A]
            let bytes = (0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let run = Self.run(bytes)
            let expected = Self.referenceRun(bytes)
            if run.chunk != expected.chunk || run.count != expected.count || run.letters != expected.letters { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test func howBytesAreAddedDoesNotChangeTheHash() {
        let word = Array("anticonstitutionnellement2024".utf8)
        for length in 1...word.count {
            let bytes = Array(word[..<length])
            var oneByOne = WordHasher()
            for byte in bytes { oneByOne.add(UInt64(byte), count: 1) }
            for size in 1...8 {
                var chunked = WordHasher()
                var index = 0
                while index < bytes.count {
                    let end = min(index + size, bytes.count)
                    var chunk: UInt64 = 0
                    for (offset, byte) in bytes[index..<end].enumerated() { chunk |= UInt64(byte) << UInt64(8 * offset) }
                    chunked.add(chunk, count: end - index)
                    index = end
                }
                #expect(chunked.finish == oneByOne.finish, "length \(length), chunks of \(size)")
            }
        }
    }

    @Test func wordsOfEveryLengthHashApart() {
        var seen = Set<UInt64>()
        var count = 0
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        for length in 1...20 {
            for shift in 0..<26 {
                let word = String(decoding: (0..<length).map { letters[($0 + shift) % 26] }, as: UTF8.self)
                seen.insert(Words.hashes(of: word)[0])
                count += 1
            }
        }
        #expect(seen.count == count)
        #expect(Words.hashes(of: "abcdefgh") != Words.hashes(of: "abcdefg"))
    }

    /// The page scan (eight bytes at a time, two-byte letters inline, other scripts a scalar at a time) and
    /// `Words.hashes(of:)` (a scalar at a time) agree word for word, wherever the words fall.
    @Test func pageScanAndPhraseTablesHashWordsAlike() {
        let lines = [
            "Le Président d'ÉLYSÉE a reçu 12 délégués, mardi 4 février à Pékin.",
            "Łódź, œuvre, ŒUVRE et Straße; Москва и Пекин; 東京と北京.",
            "abcdefgh ABCDEFGHIJKLMNOP anticonstitutionnellement 2022-12 x",
            "Photo/AFP — Partager cet article : www.example.com/a-b?c=d#e",
            "z",
            "fin",
        ]
        let page = lines.joined(separator: "\n")
        var text = page
        let scanned: [[UInt64]] = text.withUTF8 { bytes in
            let scan = PageScanner(tables: LanguageTables.shared).scan(bytes, from: 0)
            return scan.lines.map { line in
                Array(scan.wordHashes[Int(line.hashStart)..<Int(line.hashStart) + Int(line.words)])
            }
        }
        #expect(scanned.count == lines.count)
        for (line, hashes) in zip(lines, scanned) {
            #expect(hashes == Words.hashes(of: line), "\(line)")
        }
    }
}
