import NewsDedup
import TestSupport
import Testing

/// A roundup carrying a brief of one story beside the text of another does not make them one story
/// (issue 15: L3S-GN1's "People today" page joined the NAACP awards story by its one-paragraph brief,
/// then passed that cluster on to the Lohan story it carries in full).
struct StoryBridgeTests {
    /// The Beijing summit (seed 003), the invitation accepted in Saint Petersburg (seed 004), and a weekly
    /// roundup: its own opening, a one-paragraph brief of the summit (the first sentence of five of its
    /// paragraphs), then five paragraphs of the invitation story, a line of its own after the third.
    static func stories() -> (summit: DedupDocument, roundup: DedupDocument, invitation: DedupDocument) {
        let day = 19_354
        let summit = Seeds.document("003")
        let invitation = Seeds.document("004")
        let brief = [2, 3, 5, 6, 7].map { summit.paragraphs[$0].split(separator: ".")[0] + "." }.joined(separator: " ")
        let roundup = DedupDocument(
            id: "roundup",
            title: "La semaine internationale en bref, de Pékin à Moscou et au-delà des frontières",
            paragraphs: ["Voici les informations internationales à retenir de cette semaine, de Pékin à Moscou en passant par Oulan-Bator et Johannesburg.", brief]
                + Array(invitation.paragraphs[4...6])
                + ["Notre correspondant à Moscou revient sur les réactions du Kremlin et de la presse russe dans son analyse."]
                + Array(invitation.paragraphs[7...8]),
            day: day + 1,
            source: "roundup.example"
        )
        return (
            DedupDocument(id: "summit", paragraphs: summit.paragraphs, day: day, source: "paper-a.example"),
            roundup,
            DedupDocument(id: "invitation", paragraphs: invitation.paragraphs, day: day + 1, source: "paper-b.example")
        )
    }

    /// A roundup led by the invitation story (its headline, four of its paragraphs) with the brief of the
    /// summit further down, as L3S-GN1's "People today" page carries the NAACP awards under the Lohan story.
    static func roundupLedBySecondStory() -> DedupDocument {
        let (summit, roundup, invitation) = stories()
        let brief = roundup.paragraphs[1]
        return DedupDocument(
            id: "roundup-led",
            title: invitation.title,
            paragraphs: Array(invitation.paragraphs[0...3]) + [brief] + Array(invitation.paragraphs[4...5]),
            day: summit.day.map { $0 + 1 },
            source: "roundup.example"
        )
    }

    @Test func aStoryBriefedDeepInAnEarlierRoundupStaysOutOfItsCluster() {
        // The roundup comes first and starts the cluster: the bridge rule has no earlier first article to
        // check. The brief is one paragraph of the roundup, beyond its lead: the roundup only mentions the
        // summit, whatever number of the summit's paragraphs the brief condenses.
        let (summit, _, invitation) = Self.stories()
        let roundup = Self.roundupLedBySecondStory()
        var index = DedupIndex()
        #expect(index.insert(roundup).status == .unique)
        let summitVerdict = index.insert(summit)
        #expect(summitVerdict.cluster != "roundup-led", "\(summitVerdict)")
        let invitationVerdict = index.insert(invitation)
        #expect(invitationVerdict.cluster == "roundup-led", "\(invitationVerdict)")
    }

    @Test func theRoundupDoesNotPassTheFirstStorysClusterToTheSecond() {
        let (summit, roundup, invitation) = Self.stories()
        var index = DedupIndex()
        #expect(index.insert(summit).status == .unique)
        // The brief alone tells the summit story: the roundup joins it.
        let roundupVerdict = index.insert(roundup)
        #expect(roundupVerdict.status == .sameStory, "\(roundupVerdict)")
        #expect(roundupVerdict.cluster == "summit")
        // The invitation shares its text with the roundup and nothing with the summit.
        #expect(SimilarityScores(summit, invitation).sharedSamples == 0)
        let verdict = index.insert(invitation)
        #expect(verdict.cluster != "summit", "\(verdict)")
    }
}
