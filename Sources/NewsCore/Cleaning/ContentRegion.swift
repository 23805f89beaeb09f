/// Finds the article in a page: each line gets a score (long, sentence-like, stopword-rich lines are
/// positive; short, link-like, cruft lines negative) and the article is the contiguous run of lines with
/// the largest total score (a maximum-sum subarray, linear time).
struct ContentRegion {
    /// Scoring weights. Default values are tuned on `shared/extraction-dev` (no per-site rules).
    struct Weights: Sendable {
        /// Words a sentence-like line must exceed to count in favour.
        var proseOffset: Double = 6
        /// Base penalty of a line that does not read as a sentence.
        var fragmentPenalty: Double = 3
        /// Extra penalty per word of such a line.
        var fragmentPerWord: Double = 0.3
        /// Penalty of a cruft phrase line (share widget, ad, credit).
        var cruftPenalty: Double = 2
        /// Penalty of a section break ("Related", "Comments").
        var sectionPenalty: Double = 30
        /// Weight of positive scores after the first section break.
        var afterSectionFactor: Double = 0.5
        /// Penalty per menu separator.
        var separatorPenalty: Double = 3
        /// Penalty of a URL line.
        var urlPenalty: Double = 5
    }

    /// The score of one line.
    /// - Parameters:
    ///   - stopRatio: stopwords per word in the page's language, `nil` when no profile applies.
    static func score(_ line: PageLine, stopRatio: Double?, weights: Weights) -> Double {
        let n = Double(line.words)
        if line.words == 0 { return -1 }
        // Announces links or comments: the article is over (or not begun).
        if line.isSectionBreak { return -weights.sectionPenalty }
        // Widgets, ads and credits inside an article are removed later but do not end it.
        if line.isCruftPhrase { return -weights.cruftPenalty }
        var value: Double
        let prose = line.terminal || line.sentenceEnds > 0
        let stopRich = (stopRatio ?? 0.3) >= 0.18
        if prose && (stopRich || n < 6) {
            value = n - weights.proseOffset
        } else if n >= 15 && stopRich {
            value = n * 0.5 - weights.proseOffset
        } else if prose {
            // Punctuated but poor in function words (lists of names, menus with "vs."): bounded, however long.
            value = min(n, 40) * 0.3 - weights.proseOffset
        } else {
            value = -(weights.fragmentPenalty + weights.fragmentPerWord * min(n, 20))
        }
        if let stopRatio, line.words >= 6, stopRatio < 0.08 { value -= n * 0.5 }
        if line.words >= 4, Double(line.capitalized) > 0.7 * n, !line.terminal { value -= n * 0.3 }
        value -= weights.separatorPenalty * Double(line.separators)
        if line.url { value -= weights.urlPenalty }
        if line.markerStart { value -= 3 }
        return value
    }

    /// The region cut before a comment thread or link list it swallowed: at the first section break
    /// ("Comments", "Related") that is followed, inside the region, by at least two more cruft lines
    /// ("Report this comment", "Posted by", "Read more"), when enough article precedes it.
    static func cutAtThread(_ range: ClosedRange<Int>, lines: [PageLine], scores: UnsafeBufferPointer<Double>) -> ClosedRange<Int> {
        var cruftAfter = 0
        var firstBreakWithThread: Int?
        // Walk backwards counting cruft lines; remember the earliest break with >= 2 cruft lines after it.
        for index in range.reversed() {
            let line = lines[index]
            if line.isSectionBreak && cruftAfter >= 2 { firstBreakWithThread = index }
            if line.isCruftPhrase || line.isSectionBreak { cruftAfter += 1 }
        }
        guard let cut = firstBreakWithThread, cut > range.lowerBound else { return range }
        var before = 0.0
        for index in range.lowerBound..<cut { before += scores[index] }
        return before >= 20 ? range.lowerBound...(cut - 1) : range
    }

    /// The maximum-sum run of `scores`: `(first, last)` inclusive, with its sum; `nil` when every score is negative.
    static func best(_ scores: UnsafeBufferPointer<Double>) -> (range: ClosedRange<Int>, sum: Double)? {
        var bestSum = 0.0
        var bestRange: ClosedRange<Int>?
        var current = 0.0
        var start = 0
        for (index, score) in scores.enumerated() {
            if current <= 0 {
                current = score
                start = index
            } else {
                current += score
            }
            if current > bestSum {
                bestSum = current
                bestRange = start...index
            }
        }
        return bestRange.map { ($0, bestSum) }
    }
}
