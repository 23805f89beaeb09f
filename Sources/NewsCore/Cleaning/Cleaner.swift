/// Separates an article from its page cruft: share widgets, ads, sliders, captions, related links, footers.
///
/// Works on the text alone (no DOM), line by line, on UTF-8 bytes: every line gets shallow text features
/// (``PageLine``), the article is the densest run of sentence-like lines (``ContentRegion``), and cruft
/// phrases from the language data (``LanguageProfile``) are removed inside it. Removed lines are kept, in
/// page order, in ``CleanedText/boilerplate`` (bylines and source footers are read from there).
/// Linear in the size of the text; never traps.
public struct Cleaner: Sendable {
    /// Scoring weights of the content region.
    var weights = ContentRegion.Weights()

    /// Creates a cleaner.
    public init() {}

    /// Cleans a page of text.
    /// - Parameters:
    ///   - text: The decoded page text, one block per line.
    ///   - title: A headline known from elsewhere (envelope, page metadata), if any: used as one line, its runs
    ///     of whitespace made one space and its ends trimmed (a blank one counts as none).
    ///   - language: A declared language, if any; detected otherwise.
    ///   - declaredArticle: UTF-8 byte range of `text` that the page's markup declares as its article (HTML):
    ///     its lines of three words or more that are not datelines are kept next to the article region found,
    ///     cruft phrases still removed. `nil` (text input): the region alone decides.
    public func clean(_ text: String, title: String? = nil, language: String? = nil, declaredArticle: Range<Int>? = nil) -> CleanedText {
        var text = text
        text.makeContiguousUTF8()
        let page = text
        let title = title.flatMap(InputDecoder.singleLine)
        return text.utf8.withContiguousStorageIfAvailable {
            clean(PageText(text: page, bytes: $0), title: title, language: language, declaredArticle: declaredArticle)
        } ?? text.withUTF8 { clean(PageText(text: page, bytes: $0), title: title, language: language, declaredArticle: declaredArticle) }
    }

    private func clean(_ page: PageText, title givenTitle: String?, language declared: String?, declaredArticle: Range<Int>?) -> CleanedText {
        let bytes = page.bytes
        let tables = LanguageTables.shared
        var result = CleanedText()
        // 1. The crawler's `date YYYY-MM` header, if the first line starts with one.
        var from = 0
        while from < bytes.count, PageScanner.spaceWidth(bytes, at: from, end: bytes.count) > 0 || bytes[from] == 0x0A || bytes[from] == 0x0D {
            from += max(1, PageScanner.spaceWidth(bytes, at: from, end: bytes.count))
        }
        let firstLineEnd = PageScanner.lineEnd(bytes, from: from)
        if let header = HeaderDate.parse(bytes, start: from, end: firstLineEnd) {
            result.headerDate = header.date
            result.boilerplate.append(page.normalized(from, header.headerEnd))
            from = header.headerEnd
        }
        // 2. Lines and their features; the language.
        let scan = PageScanner(tables: tables).scan(bytes, from: from)
        let lines = scan.lines
        let language = declared.flatMap { $0.isEmpty ? nil : $0 } ?? scan.evidence.language(tables: tables)
        result.language = language
        guard !lines.isEmpty else {
            result.title = givenTitle
            return result
        }
        // Per-line scores and verdicts on the stack (on the heap only for pages of very many lines): two arrays
        // fewer per page. Both element types are trivial, so assigning into the fresh buffers initialises them.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: lines.count) { scores in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: lines.count) { keep in
                let profile = tables.profiles.firstIndex { $0.code == language }
                var afterSection = false
                for (index, line) in lines.enumerated() {
                    let ratio = profile.map { Double(line.stopwordHits[$0]) / Double(max(1, line.words)) }
                    var score = ContentRegion.score(line, stopRatio: ratio, weights: weights)
                    // After "Related" or "Comments", text is less likely to be the article: count it for less.
                    if afterSection && score > 0 { score *= weights.afterSectionFactor }
                    if line.isSectionBreak { afterSection = true }
                    scores[index] = score
                }
                // 3. The article region.
                keep.initialize(repeating: false)
                let region = ContentRegion.best(UnsafeBufferPointer(scores))
                if var region, region.sum >= 10 {
                    region.range = ContentRegion.cutAtThread(region.range, lines: lines, scores: UnsafeBufferPointer(scores))
                    for index in region.range { keep[index] = true }
                } else {
                    // Too little text to tell article from page: keep every line with words that is not cruft.
                    for index in lines.indices where lines[index].words > 0 { keep[index] = true }
                }
                if let declaredArticle {
                    // Not a dateline ("Jan 17, 2008 04:05 PM", "Associated Press - January 2, 2008 7:33 AM ET")
                    // nor a signature of one or two words ("aja/PAP", a reporter's name): pages put them inside
                    // the article body, readers do not count them as its text.
                    for index in lines.indices where declaredArticle.contains(lines[index].start) {
                        let line = lines[index]
                        if line.words >= 3, line.terminal || line.numbers * 3 < line.words { keep[index] = true }
                    }
                }
                // 4. The title.
                let titles = TitleFinder(page: page, lines: lines, wordHashes: scan.wordHashes, tables: tables)
                var titleLine: Int?
                if let givenTitle {
                    result.title = givenTitle
                } else {
                    titleLine = titles.find(regionStart: region?.range.lowerBound ?? 0)
                    if let titleLine {
                        result.title = page.string(lines[titleLine])
                        keep[titleLine] = false
                    } else if let candidate = titles.headline(regionStart: region?.range.lowerBound ?? 0) {
                        result.title = candidate.title
                        titleLine = candidate.line
                        keep[candidate.line] = false
                    }
                }
                // A title from a line has that line's words (its spaces at most collapsed).
                let titleHashes = titleLine.map { titles.hashes($0) } ?? result.title.map { Words.hashes(of: $0)[...] } ?? []
                // 5. Cruft inside the region.
                var afterBreak = false
                for index in lines.indices where keep[index] {
                    let line = lines[index]
                    let prose = line.terminal && line.words >= 8
                    if line.isSectionBreak {
                        afterBreak = true
                        keep[index] = false
                        continue
                    }
                    if afterBreak {
                        if prose || line.words >= 25 { afterBreak = false } else { keep[index] = false; continue }
                    }
                    if line.words == 0 || line.isCruftPhrase || (line.markerStart && !prose) || (line.url && !prose) || (line.separators >= 2 && !prose) {
                        keep[index] = false
                        continue
                    }
                    if !titleHashes.isEmpty, !line.terminal, line.words <= 12,
                       titles.isRepeat(of: titleHashes, line: index) {
                        keep[index] = false
                    }
                }
                if let titleLine { result.words += Int(lines[titleLine].words) } else if result.title != nil { result.words += titleHashes.count }
                // 6. Output, in page order.
                var kept = 0
                for index in lines.indices where keep[index] && index != titleLine { kept += 1 }
                result.paragraphs.reserveCapacity(kept)
                result.boilerplate.reserveCapacity(result.boilerplate.count + lines.count - kept)
                for index in lines.indices {
                    if index == titleLine { continue }
                    let text = page.string(lines[index])
                    if keep[index] {
                        result.words += Int(lines[index].words)
                        result.paragraphs.append(text)
                    } else {
                        result.boilerplate.append(text)
                    }
                }
                return result
            }
        }
    }
}
