/// The scores between two documents, exact and as the index estimates them: for operators tuning
/// thresholds (`newsworker similarity A B`) and for evaluations.
public struct SimilarityScores: Sendable, Hashable {
    /// Distinct shingles of the first and second document.
    public var shingles: (first: Int, second: Int) { (firstShingles, secondShingles) }
    /// Distinct shingles of the first document.
    public var firstShingles: Int
    /// Distinct shingles of the second document.
    public var secondShingles: Int
    /// Distinct shingles in both.
    public var sharedShingles: Int
    /// Exact Jaccard similarity of the shingle sets.
    public var jaccard: Double
    /// Exact share of the first document's shingles found in the second.
    public var firstInSecond: Double
    /// Exact share of the second document's shingles found in the first.
    public var secondInFirst: Double
    /// Sampled shingles shared, as the index compares them: under the lower of the two thresholds, or
    /// the minimum of one of the second document's lead passages.
    public var sharedSamples: Int
    /// Separate passages of the second document holding shared samples.
    public var sharedPassages: Int
    /// What the index says about the second document after seeing the context, then the first.
    public var verdict: DedupVerdict
    /// The passages of the second document whose shared samples were not counted as evidence, because
    /// the context (and the first document) showed them to be boilerplate.
    public var discounted: [DiscountedPassage]

    /// A passage of the second document holding shared samples that the index discounted.
    public struct DiscountedPassage: Sendable, Hashable {
        /// The paragraph (or title) the passage lies in.
        public var text: String
        /// Shared samples discounted in it.
        public var samples: Int
        /// Why: the source repeats it across stories, or many stories carry it.
        public var reason: DedupIndex.BoilerplateReason
    }

    /// Scores `second` against `first`, in an index that saw `context` (earlier articles of the stream,
    /// e.g. other pages of the same site) before them.
    public init(
        _ first: DedupDocument,
        _ second: DedupDocument,
        context: [DedupDocument] = [],
        configuration: DedupConfiguration = DedupConfiguration()
    ) {
        let fingerprinter = Fingerprinter(configuration: configuration)
        let a = Set(fingerprinter.shingles(of: first).shingles.map(\.hash))
        let b = Set(fingerprinter.shingles(of: second).shingles.map(\.hash))
        let shared = a.intersection(b).count
        firstShingles = a.count
        secondShingles = b.count
        sharedShingles = shared
        jaccard = a.isEmpty && b.isEmpty ? 0 : Double(shared) / Double(a.union(b).count)
        firstInSecond = a.isEmpty ? 0 : Double(shared) / Double(a.count)
        secondInFirst = b.isEmpty ? 0 : Double(shared) / Double(b.count)

        let fa = fingerprinter.fingerprint(first)
        let fb = fingerprinter.fingerprint(second)
        let threshold = min(fa.threshold, fb.threshold)
        let sampledA = Set(fa.samples)
        let comparedB = Fingerprinter.comparedKeys(of: fb)
        let sharedIndices = fb.samples.indices.filter { comparedB[$0] <= threshold && sampledA.contains(fb.samples[$0]) }
        sharedSamples = sharedIndices.count
        sharedPassages = Set(sharedIndices.map { fb.passages[$0] }).count
        var index = DedupIndex(configuration: configuration)
        for document in context { _ = index.insert(document) }
        _ = index.insert(first)
        var renamed = second
        if renamed.id == first.id { renamed.id += "'" }
        let probe = index.fingerprint(renamed)
        let decision = index.decide(probe, date: index.usableDate(day: probe.day, dayCount: probe.dayCount), liveness: index.liveness)
        verdict = index.liveSlot(of: renamed.id).map { index.store.readNames(at: $0).verdict } ?? decision.verdict
        let passageTexts = fingerprinter.passageTexts(of: renamed)
        var found: [DiscountedPassage] = []
        for offset in sharedIndices {
            guard let reason = decision.discounts[offset] else { continue }
            let text = passageTexts[min(Int(probe.passages[offset]), passageTexts.count - 1)]
            if let existing = found.firstIndex(where: { $0.text == text && $0.reason == reason }) {
                found[existing].samples += 1
            } else {
                found.append(DiscountedPassage(text: text, samples: 1, reason: reason))
            }
        }
        discounted = found
    }

    /// Equal when every score is.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.firstShingles == rhs.firstShingles && lhs.secondShingles == rhs.secondShingles
            && lhs.sharedShingles == rhs.sharedShingles && lhs.sharedSamples == rhs.sharedSamples
            && lhs.sharedPassages == rhs.sharedPassages && lhs.verdict == rhs.verdict && lhs.discounted == rhs.discounted
    }

    /// Hashes the counts and the verdict.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(sharedShingles)
        hasher.combine(sharedSamples)
        hasher.combine(verdict)
    }
}
