extension DedupIndex {
    /// A verdict and the samples to post for the new article.
    struct Decision {
        var verdict: DedupVerdict
        var posted: [UInt32]
        var postedPassages: [UInt8]
        /// For each sample of the new article, why it is not evidence (`nil`: it is).
        var discounts: [BoilerplateReason?]
    }

    /// Why a sampled shingle was not counted as evidence.
    public enum BoilerplateReason: String, Sendable, Hashable {
        /// Earlier articles of the same source carry it in several different stories (copies counted once).
        case source
        /// Articles of many different story clusters carry it.
        case stream
    }

    /// Scores a fingerprint against every live article sharing a sample with it.
    func decide(_ fingerprint: DocumentFingerprint, date: ClosedRange<Int>?, liveness: Liveness) -> Decision {
        let samples = fingerprint.samples
        var hits: [UInt64] = []  // slot << 24 | its passage << 16 | sample index
        hits.reserveCapacity(samples.count * max(1, configuration.maxPostingsPerShingle))
        var liveCounts = [Int](repeating: 0, count: samples.count)
        var discounts = [BoilerplateReason?](repeating: nil, count: samples.count)
        var clusters = StoryCounter()
        var sourceStories = StoryCounter()
        store.sequences.withUnsafeBufferPointer { sequences in
            store.streamMinutes.withUnsafeBufferPointer { minutes in
                for (index, key) in samples.enumerated() {
                    var live = 0
                    clusters.reset()
                    sourceStories.reset()
                    shingleTable.forEachValue(of: key) { value in
                        let slot = Int(value >> 8)
                        guard liveness.isLive(sequence: sequences[slot], minute: minutes[slot]) else { return }
                        live += 1
                        hits.append(UInt64(value) << 16 | UInt64(index))
                        clusters.insert(store.clusters[slot])
                        if fingerprint.sourceKey != 0, store.sources[slot] == fingerprint.sourceKey { sourceStories.insert(store.stories[slot]) }
                    }
                    liveCounts[index] = live
                    if sourceStories.count >= max(1, configuration.boilerplateSourceStories) {
                        discounts[index] = .source
                    } else if clusters.count >= max(1, configuration.boilerplateStreamStories) {
                        discounts[index] = .stream
                    }
                }
            }
        }
        let candidates = CandidateHits(grouping: hits)
        let comparedKeys = Fingerprinter.comparedKeys(of: fingerprint)

        var best: (rank: Int, slot: Int, score: Double)?
        var bestUnmatchedScore = 0.0
        for group in 0..<candidates.count {
            let slot = candidates.slots[group]
            let groupHits = candidates.hits(of: group)
            // Once a match is found, a candidate that can neither rank higher nor rank as high and be
            // earlier cannot change the verdict (the best unmatched score only counts without a match).
            if let found = best {
                let bound = rankBound(fingerprint, hits: groupHits.count)
                if bound < found.rank || (bound == found.rank && slot > found.slot) { continue }
            }
            let (rank, score) = evaluate(fingerprint, comparedKeys: comparedKeys, date: date, discounts: discounts, against: slot, hits: groupHits)
            let ranksFirst = best == nil || rank > best!.rank || (rank == best!.rank && slot < best!.slot)
            if rank == 0 || (rank == 1 && ranksFirst && isBridge(slot, candidates: candidates)) {
                bestUnmatchedScore = max(bestUnmatchedScore, score)
            } else if ranksFirst {
                // Slots are in arrival order: the smallest at a level is the earliest.
                best = (rank, slot, score)
            }
        }

        let limit = configuration.maxPostingsPerShingle
        let postedIndices = samples.indices.filter { liveCounts[$0] < limit }
        let posted = postedIndices.map { samples[$0] }
        let postedPassages = postedIndices.map { UInt8(min(255, fingerprint.passages[$0])) }
        guard let best else {
            let similarity = Double(FingerprintRecord.quantize(bestUnmatchedScore)) / 10_000
            return Decision(
                verdict: DedupVerdict(status: .unique, of: nil, cluster: fingerprint.id, similarity: similarity),
                posted: posted,
                postedPassages: postedPassages,
                discounts: discounts
            )
        }
        let matched = store.readNames(at: best.slot)
        let status: DedupVerdict.Status = switch best.rank {
        case 3: .duplicate
        case 2: .nearDuplicate
        default: .sameStory
        }
        return Decision(
            verdict: DedupVerdict(
                status: status,
                of: matched.id,
                cluster: matched.verdict.cluster,
                similarity: Double(FingerprintRecord.quantize(best.score)) / 10_000
            ),
            posted: posted,
            postedPassages: postedPassages,
            discounts: discounts
        )
    }

    /// Whether a candidate is no evidence of the new article's story although it tells the same story as
    /// the candidate: the candidate's story cluster started with an article the index still remembers and
    /// with which the new article shares nothing at all. The candidate then bridges two stories (a digest
    /// or a roundup carrying a brief of the cluster's story and the new article's story beside it).
    private func isBridge(_ slot: Int, candidates: CandidateHits) -> Bool {
        let cluster = store.readNames(at: slot).verdict.cluster
        guard !store.hasID(cluster, at: slot), let first = liveSlot(of: cluster) else { return false }
        return !candidates.slots.contains(first)
    }

    /// The highest level a candidate sharing `hits` hits with the fingerprint can reach: a duplicate
    /// matches every sample, a near duplicate at least two, a story ``DedupConfiguration/sameStoryMinShared``.
    private func rankBound(_ fingerprint: DocumentFingerprint, hits: Int) -> Int {
        if hits >= fingerprint.samples.count { return 3 }
        if hits >= 2 { return 2 }
        return hits >= max(1, configuration.sameStoryMinShared) ? 1 : 0
    }

    /// The level (3 duplicate, 2 near duplicate, 1 same story, 0 none) and score of one candidate.
    ///
    /// The samples compared are those both articles sample: at most the lower of the two thresholds, or
    /// the minimum of one of the new article's lead passages, which a candidate samples too when that
    /// passage is in its lead (`comparedKeys`, see ``Fingerprinter/comparedKeys(of:)``).
    private func evaluate(
        _ fingerprint: DocumentFingerprint,
        comparedKeys: [UInt32],
        date: ClosedRange<Int>?,
        discounts: [BoilerplateReason?],
        against slot: Int,
        hits: ArraySlice<UInt64>
    ) -> (rank: Int, score: Double) {
        let candidateThreshold = store.thresholds[slot]
        let threshold = min(fingerprint.threshold, candidateThreshold)
        var matched = 0
        var shared = 0
        var newPassages: UInt64 = 0
        var oldPassages: UInt64 = 0
        for hit in hits {
            let index = Int(hit & 0xFFFF)
            guard comparedKeys[index] <= threshold else { continue }
            matched += 1
            guard discounts[index] == nil else { continue }
            shared += 1
            newPassages |= 1 << (UInt64(fingerprint.passages[index]) & 63)
            oldPassages |= 1 << ((hit >> 16) & 63)
        }
        let candidateSamples = Int(store.sampleCounts[slot])
        if matched == fingerprint.samples.count, matched == candidateSamples,
           store.contentHashes[slot] == fingerprint.contentHash,
           Int(store.shingleCounts[slot]) == fingerprint.shingleCount {
            return (3, 1)
        }
        guard shared > 0 else { return (0, 0) }
        // Boilerplate counts in neither article's size: only the evidence that is left is compared.
        let sharedSpan = Self.span(newPassages)
        var newSamples = 0
        var ownSamples = 0  // outside the passages the shared samples span
        var sampledPassages: UInt64 = 0
        for (index, key) in comparedKeys.enumerated() where key <= threshold && discounts[index] == nil {
            newSamples += 1
            let passage: UInt64 = 1 << (UInt64(fingerprint.passages[index]) & 63)
            sampledPassages |= passage
            if sharedSpan & passage == 0 { ownSamples += 1 }
        }
        let oldSamples = (threshold == candidateThreshold
            ? Double(candidateSamples)
            : Double(candidateSamples) * (Double(threshold) + 1) / (Double(candidateThreshold) + 1)) - Double(matched - shared)
        let containedSmaller = Double(shared) / max(1, min(Double(newSamples), oldSamples))
        let keepsLead = Self.keepsLead(shared: newPassages, sampled: sampledPassages)
        // Two pages of one source whose leads (title, first paragraphs) differ are two articles in one
        // template (header, footer, headline lists), whatever else they share; unless one is nearly all
        // in the other (a page and its own article text). The site's header above a page's own text is
        // no part of its lead: two pages of one site share it whatever their articles.
        if fingerprint.sourceKey != 0, store.sources[slot] == fingerprint.sourceKey, containedSmaller < Self.containedPage,
           !Self.keepsLead(shared: newPassages, sampled: sampledPassages,
                           below: Self.siteHeader(shared: newPassages, sampled: sampledPassages, candidate: oldPassages)) {
            return (0, min(1, containedSmaller))
        }
        // Two events telling one background: what they share is one section (adjacent paragraphs) of
        // both, and each has text of its own beyond it (``ownTextShare`` of its samples at least), while
        // neither is nearly all in the other. That is no copy, however much of the new article the
        // section is (a short event with a long background): what a copy adds to what it copies (a
        // headline, a sentence, cruft) is a small part of it, and a page holds nearly all of its own
        // article. Whether it is one story is for the same_story rules below.
        let oldOwnSamples = oldSamples - Double(shared)
        let isBackground = Self.sections(newPassages) == 1 && Self.sections(oldPassages) == 1
            && containedSmaller < Self.containedPage
            && ownSamples >= 2 && Double(ownSamples) >= Self.ownTextShare * Double(newSamples)
            && oldOwnSamples >= 2 && oldOwnSamples >= Self.ownTextShare * oldSamples
        // near_duplicate: a copy keeps its lead (title, first passages); an article whose lead is mostly
        // its own shares a background section with the earlier one, however long (unless it is nearly
        // all in the other, as a page holds its own article text).
        let containedNew = Double(shared) / Double(max(1, newSamples))
        if shared >= 2, containedNew >= configuration.nearDuplicateContainment, !isBackground,
           keepsLead || containedSmaller >= Self.containedPage {
            return (2, containedNew)
        }
        // same_story: several separate paragraphs of either article (not one reused paragraph, however
        // long, nor one reused section: the same adjacent paragraphs in both, unless one article is
        // nearly all in the other, as a truncated copy is in its full text), compatible dates. A section
        // holding the first text of both (their headline or first paragraph) is their lead, no background
        // (told below each event's own lead): a full story arriving after its short first take, which
        // its cruft keeps from being nearly all in it.
        let newParagraphs = Self.paragraphs(newPassages)
        let isOneSection = Self.sections(newPassages) == 1 && Self.sections(oldPassages) == 1
            && newParagraphs == Self.paragraphs(oldPassages) && containedSmaller < Self.containedPage
            && newPassages & oldPassages & Self.firstText == 0
        // A candidate holding what it shares in one paragraph beyond its lead, and mostly other text,
        // only mentions the new article's story (a roundup's brief of it, however many of the new
        // article's paragraphs the brief condenses): one paragraph, as a reused one is. (``isBridge``
        // cannot see a roundup that is its cluster's first article.)
        let isMention = Self.paragraphs(oldPassages) == 1 && oldPassages & Self.leadMask == 0
            && 2 * oldOwnSamples >= oldSamples
        let passages = isOneSection || isMention ? 1 : max(newParagraphs, Self.paragraphs(oldPassages))
        let score = min(1, containedSmaller)
        if let date, let candidateDate = store.dateRange(at: slot),
           !Self.areCompatible(date, candidateDate, gap: configuration.sameStoryMaxDayGap) {
            return (0, score)
        }
        if shared >= configuration.sameStoryMinShared, score >= configuration.sameStoryContainment,
           passages >= configuration.sameStoryMinPassages {
            return (1, score)
        }
        return (0, score)
    }

    /// The passages of an article's lead (title, first paragraphs): the first
    /// ``Fingerprinter/leadPassages`` passage numbers, those whose smallest key is always sampled.
    static let leadMask: UInt64 = (1 << UInt64(Fingerprinter.leadPassages)) - 1

    /// The passage of an article's first text (its headline, or its first paragraph without one).
    static let firstText: UInt64 = 1

    /// Whether the new article keeps its lead in a candidate: at least half the paragraphs sampled in its
    /// lead, not counting the passages in `header`, hold shared samples.
    static func keepsLead(shared: UInt64, sampled: UInt64, below header: UInt64 = 0) -> Bool {
        let lead = leadMask & ~header
        return 2 * paragraphs(shared & lead) >= paragraphs(sampled & lead)
    }

    /// The shared passages above the new article's first passage of its own, when they are a site's
    /// header above two different articles: the shared text resumes after the pages' own texts at
    /// different distances below it (``headerShift`` passage numbers apart at least), where an edited copy
    /// (a rewritten paragraph under the shared title) resumes at the same distance in both.
    /// - Parameters:
    ///   - shared: the new article's passages holding shared samples.
    ///   - sampled: the new article's passages holding samples that count as evidence.
    ///   - candidate: the candidate's passages holding shared samples.
    static func siteHeader(shared: UInt64, sampled: UInt64, candidate: UInt64) -> UInt64 {
        let own = sampled & ~shared
        guard own != 0 else { return 0 }
        let header = shared & ((1 << own.trailingZeroBitCount) - 1)
        guard header != 0 else { return 0 }
        let candidateHeader = firstParagraphs(candidate, count: paragraphs(header))
        guard let newGap = gap(below: header, in: shared), let oldGap = gap(below: candidateHeader, in: candidate),
              abs(newGap - oldGap) < headerShift else { return header }
        return 0
    }

    /// Passage numbers apart from which the shared text resumes at different places in two pages (see
    /// ``siteHeader(shared:sampled:candidate:)``): more than two short paragraphs added or dropped.
    static let headerShift = 5

    /// The passages of the first `count` paragraphs in a set of passage bits.
    static func firstParagraphs(_ passages: UInt64, count: Int) -> UInt64 {
        var rest = passages
        for _ in 0..<count where rest != 0 {
            let lowest = rest & (~rest &+ 1)
            rest &= rest &+ lowest  // drops the lowest run of passages
        }
        return passages & ~rest
    }

    /// How many passage numbers lie from the highest of `top` to the next passage of `passages`, if any.
    static func gap(below top: UInt64, in passages: UInt64) -> Int? {
        guard top != 0 else { return nil }
        let highest = 63 - top.leadingZeroBitCount
        let rest = highest == 63 ? 0 : passages >> (highest + 1)
        guard rest != 0 else { return nil }
        return rest.trailingZeroBitCount + 1
    }

    /// The paragraphs in a set of passage bits: runs of consecutive passages are one paragraph.
    static func paragraphs(_ passages: UInt64) -> Int {
        (passages & ~(passages << 1)).nonzeroBitCount
    }

    /// The sections in a set of passage bits: runs of adjacent paragraphs (one unused number apart).
    static func sections(_ passages: UInt64) -> Int {
        paragraphs(passages | (passages << 1 & passages >> 1))
    }
    /// The share of its samples outside a shared background section from which a new article tells an
    /// event of its own (see ``evaluate``): well above what a copy adds (a headline, a closing sentence).
    static let ownTextShare = 0.15

    /// The passages from the lowest to the highest of a set of passage bits.
    static func span(_ passages: UInt64) -> UInt64 {
        guard passages != 0 else { return 0 }
        let high = 63 - passages.leadingZeroBitCount
        let upTo: UInt64 = high == 63 ? .max : (1 << (high + 1)) - 1
        return upTo & ~((1 << passages.trailingZeroBitCount) - 1)
    }

    /// The share of the smaller article found in the other above which two pages of one source are one
    /// article whatever their leads: a page and its own text, a re-crawl.
    static let containedPage = 0.8

    /// Whether two dates, each the days it covers, can be the same event: at most `gap` days apart.
    static func areCompatible(_ first: ClosedRange<Int>, _ second: ClosedRange<Int>, gap: Int) -> Bool {
        first.lowerBound - gap <= second.upperBound && second.lowerBound - gap <= first.upperBound
    }

    /// How many of the ascending `samples` are at most `bound`.
    static func count(_ samples: [UInt32], atMost bound: UInt32) -> Int {
        var low = 0
        var high = samples.count
        while low < high {
            let middle = (low + high) / 2
            if samples[middle] <= bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
