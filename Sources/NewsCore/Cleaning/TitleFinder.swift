/// Finds the headline of a page among its lines.
///
/// A rendered page starts with its `<title>` ("Headline - Site name"), and the headline itself is printed
/// again just before the article: the latest line before the article that the first line contains (or
/// that contains it) is the headline. Without such a repeat, the first headline-like line before the
/// article is (a line of a few words, not a sentence, not cruft). Never invents a title.
struct TitleFinder {
    let page: PageText
    let lines: [PageLine]
    /// The word hashes the scan kept (``PageLine/hashStart``).
    let wordHashes: [UInt64]
    let tables: LanguageTables
    /// Lines searched before the article for the repeated headline.
    static let searchWindow = 400

    /// The word hashes of line `index`: the scan's when it kept them, computed otherwise.
    func hashes(_ index: Int) -> ArraySlice<UInt64> {
        let line = lines[index]
        if line.hashStart >= 0 {
            let start = Int(line.hashStart)
            return wordHashes[start..<start + Int(line.words)]
        }
        var result: [UInt64] = []
        result.reserveCapacity(Int(line.words))
        Words.appendHashes(of: page.bytes, from: line.start, to: line.end, to: &result)
        return result[...]
    }

    /// The index of a later line repeating the first line (the page title), or `nil`.
    func find(regionStart: Int) -> Int? {
        guard lines.count > 1, lines[0].words >= 2, lines[0].words <= 60 else { return nil }
        let first = hashes(0)
        let last = min(lines.count - 1, regionStart + 2)
        let lower = max(1, last - Self.searchWindow)
        guard lower <= last else { return nil }
        var best: Int?
        var bestWords = 0
        for index in lower...last {
            let line = lines[index]
            guard line.words >= 2, line.words <= 60, !line.isCruftPhrase else { continue }
            if line.terminal && line.words > 25 { continue }
            let candidate = hashes(index)
            let shared: Int
            if Self.contains(first, candidate) {
                shared = candidate.count
            } else if Self.contains(candidate, first) {
                shared = first.count
            } else {
                continue
            }
            guard shared >= 3 || shared * 2 >= first.count else { continue }
            if shared >= bestWords {
                best = index
                bestWords = shared
            }
        }
        return best
    }

    /// The first headline-like line up to the start of the article, with the page-title suffix removed.
    func headline(regionStart: Int) -> (line: Int, title: String)? {
        let last = min(lines.count - 1, regionStart)
        for index in 0...last {
            let line = lines[index]
            if line.isCruftPhrase || line.isSectionBreak || line.markerStart || line.url { continue }
            if line.words < 3 { continue }
            if line.words > 40 { return nil }
            let text = page.string(line)
            if line.terminal, text.unicodeScalars.last == "." { return nil }
            return (index, text)
        }
        return nil
    }

    /// `true` when line `index` is a short repeat of (part of) the title.
    func isRepeat(of title: ArraySlice<UInt64>, line index: Int) -> Bool {
        let candidate = hashes(index)
        return !candidate.isEmpty && Self.contains(title, candidate)
    }

    /// `true` when `needle` occurs contiguously in `haystack`.
    static func contains(_ haystack: ArraySlice<UInt64>, _ needle: ArraySlice<UInt64>) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let base = haystack.startIndex
        outer: for start in 0...(haystack.count - needle.count) {
            for (k, hash) in needle.enumerated() where haystack[base + start + k] != hash { continue outer }
            return true
        }
        return false
    }
}
