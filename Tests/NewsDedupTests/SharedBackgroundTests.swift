import NewsDedup
import TestSupport
import Testing

/// Different events sharing a background section stay apart even when a trimmed copy of one event is
/// mostly that background (issue 15: the false merges of `newsbench dedup-eval`'s hard background kind).
struct SharedBackgroundTests {
    /// Three adjacent paragraphs of seed 000 (sanctions, Xi Jinping's praise, Chinese television): the
    /// background both events repeat.
    static func background() -> [String] {
        let lines = Seeds.document("000").paragraphs
        return ["Confrontée", "Pour sa part", "En évoquant"].map { prefix in lines.first { $0.hasPrefix(prefix) }! }
    }

    /// The paragraphs of a seed starting with these prefixes, in that order.
    static func paragraphs(of seed: String, _ prefixes: [String]) -> [String] {
        let lines = Seeds.document(seed).paragraphs
        return prefixes.map { prefix in lines.first { $0.hasPrefix(prefix) }! }
    }

    /// Event A: the Beijing summit (seed 003), the background after its lead. Event B: the invitation
    /// accepted in Saint Petersburg (seed 004), likewise. B's copy keeps B's lead, the background and one
    /// more paragraph: mostly background.
    static func events() -> (a: DedupDocument, b: DedupDocument, bCopy: DedupDocument) {
        let day = 19_354
        var a = paragraphs(of: "003", ["Une rencontre au sommet", "Le président russe s'est ainsi", "Après le Kirghizstan", "De cet entretien", "\"Le volume des échanges"])
        a.insert(contentsOf: background(), at: 1)
        var b = paragraphs(of: "004", ["Le dirigeant russe Vladimir Poutine a déclaré", "La Chine et la Russie se décrivent", "Ils se sont encore", "« J’ai été heureux", "En mars, le dirigeant"])
        b.insert(contentsOf: background(), at: 1)
        return (
            DedupDocument(id: "summit", paragraphs: a, day: day, source: "paper-a.example"),
            DedupDocument(id: "invitation", paragraphs: b, day: day + 1, source: "paper-b.example"),
            DedupDocument(id: "invitation-copy", paragraphs: Array(b.prefix(5)), day: day + 1, source: "copies.example")
        )
    }

    @Test func aCopyThatIsMostlyTheSharedBackgroundIsNotACopyOfTheOtherEvent() {
        let (a, b, bCopy) = Self.events()
        // The hard case: most of the copy is in the other event (the background), its lead is not.
        let scores = SimilarityScores(a, bCopy)
        #expect(scores.secondInFirst >= 0.7, "\(scores)")
        var index = DedupIndex()
        #expect(index.insert(a).status == .unique)
        let copyVerdict = index.insert(bCopy)
        #expect(copyVerdict.status == .unique, "\(copyVerdict)")
        // The full event after its truncated copy: the copy is nearly all in it, one story.
        let eventVerdict = index.insert(b)
        #expect(eventVerdict.of == "invitation-copy", "\(eventVerdict)")
        #expect(eventVerdict.status == .sameStory)
    }

    @Test func twoEventsAndACopyFormTwoClustersInEveryOrder() {
        let (a, b, bCopy) = Self.events()
        for order in Seeds.permutations([a, b, bCopy]) {
            var index = DedupIndex()
            var cluster: [String: String] = [:]
            for document in order { cluster[document.id] = index.insert(document).cluster }
            #expect(cluster["invitation"] == cluster["invitation-copy"], "\(order.map(\.id))")
            #expect(cluster["summit"] != cluster["invitation"], "\(order.map(\.id))")
        }
    }

    @Test func aBackgroundUnderEachEventsOneSentenceLeadStaysApart() {
        // Under a one-sentence first paragraph the background is the second text of both events, right
        // below their leads: it holds the first text of neither, so it is no lead they share.
        var (a, b, _) = Self.events()
        a.paragraphs[0] = "Vladimir Poutine est arrivé mardi à Pékin pour un sommet avec Xi Jinping."
        b.paragraphs[0] = "Vladimir Poutine a reçu une invitation à Saint-Pétersbourg, a annoncé le Kremlin."
        for order in [[a, b], [b, a]] {
            var index = DedupIndex()
            _ = index.insert(order[0])
            let verdict = index.insert(order[1])
            #expect(verdict.status == .unique, "\(order.map(\.id)): \(verdict)")
        }
    }

    @Test func aTrimmedCopyOfOneEventStillJoinsIt() {
        // The copy shares most of its own event (not a minority of it): a copy, whatever background it holds.
        let (_, b, bCopy) = Self.events()
        var index = DedupIndex()
        _ = index.insert(b)
        let verdict = index.insert(bCopy)
        #expect(verdict.status == .nearDuplicate)
        #expect(verdict.of == "invitation")
    }
}
