extension DedupIndex {
    /// A verdict and the samples to post for the new article.
    struct Decision {
        var verdict: DedupVerdict
        var posted: [UInt32]
        var postedPassages: [UInt8]
    }

    /// Scores a fingerprint against every live article sharing a sample with it.
    func decide(_ fingerprint: DocumentFingerprint, day: Int?, isDated: Bool, liveness: Liveness) -> Decision {
        let samples = fingerprint.samples
        var hits: [UInt64] = []  // slot << 24 | its passage << 16 | sample index
        var liveCounts = [Int](repeating: 0, count: samples.count)
        store.sequences.withUnsafeBufferPointer { sequences in
            store.days.withUnsafeBufferPointer { days in
                for (index, key) in samples.enumerated() {
                    var live = 0
                    shingleTable.forEachValue(of: key) { value in
                        let slot = Int(value >> 8)
                        guard liveness.isLive(sequence: sequences[slot], day: days[slot]) else { return }
                        live += 1
                        hits.append(UInt64(value) << 16 | UInt64(index))
                    }
                    liveCounts[index] = live
                }
            }
        }
        hits.sort()

        var best: (rank: Int, slot: Int, score: Double)?
        var bestUnmatchedScore = 0.0
        var start = 0
        while start < hits.count {
            let slot = Int(hits[start] >> 24)
            var end = start + 1
            while end < hits.count, Int(hits[end] >> 24) == slot { end += 1 }
            let (rank, score) = evaluate(fingerprint, day: day, isDated: isDated, against: slot, hits: hits[start..<end])
            if rank == 0 {
                bestUnmatchedScore = max(bestUnmatchedScore, score)
            } else if best == nil || rank > best!.rank {
                // Slots are in arrival order: the first at a level is the earliest.
                best = (rank, slot, score)
            }
            start = end
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
                postedPassages: postedPassages
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
            postedPassages: postedPassages
        )
    }

    /// The level (3 duplicate, 2 near duplicate, 1 same story, 0 none) and score of one candidate.
    private func evaluate(
        _ fingerprint: DocumentFingerprint,
        day: Int?,
        isDated: Bool,
        against slot: Int,
        hits: ArraySlice<UInt64>
    ) -> (rank: Int, score: Double) {
        let candidateThreshold = store.thresholds[slot]
        let threshold = min(fingerprint.threshold, candidateThreshold)
        var shared = 0
        var newPassages: UInt64 = 0
        var oldPassages: UInt64 = 0
        for hit in hits {
            let index = Int(hit & 0xFFFF)
            guard fingerprint.samples[index] <= threshold else { continue }
            shared += 1
            newPassages |= 1 << (UInt64(fingerprint.passages[index]) & 63)
            oldPassages |= 1 << ((hit >> 16) & 63)
        }
        // Shared samples spread over several passages of either article: not one reused paragraph.
        let passages = max(newPassages.nonzeroBitCount, oldPassages.nonzeroBitCount)
        guard shared > 0 else { return (0, 0) }
        let candidateSamples = Int(store.sampleCounts[slot])
        if shared == fingerprint.samples.count, shared == candidateSamples,
           store.contentHashes[slot] == fingerprint.contentHash,
           Int(store.shingleCounts[slot]) == fingerprint.shingleCount {
            return (3, 1)
        }
        let newSamples = Self.count(fingerprint.samples, atMost: threshold)
        let oldSamples = threshold == candidateThreshold
            ? Double(candidateSamples)
            : Double(candidateSamples) * (Double(threshold) + 1) / (Double(candidateThreshold) + 1)
        let containedNew = Double(shared) / Double(max(1, newSamples))
        let containedSmaller = Double(shared) / max(1, min(Double(newSamples), oldSamples))
        if shared >= 2, containedNew >= configuration.nearDuplicateContainment {
            return (2, containedNew)
        }
        let score = min(1, containedSmaller)
        var closeInTime = true
        if isDated, store.isDated(at: slot), let day {
            closeInTime = abs(Int(store.day(at: slot)) - day) <= configuration.sameStoryMaxDayGap
        }
        if closeInTime, shared >= configuration.sameStoryMinShared, score >= configuration.sameStoryContainment,
           passages >= configuration.sameStoryMinPassages {
            return (1, score)
        }
        return (0, score)
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
