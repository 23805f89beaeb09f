import NewsDedup
import Testing

/// A short copy of a wire story written in short paragraphs (a one-sentence dateline lead, a short
/// quote) is found: the lead's paragraphs are in the story's fingerprint even when none of their few
/// shingles falls under its sampling threshold; the full story arriving after its short first take is
/// found too (issue 15).
struct ShortCopyTests {
    /// A wire story: three one-sentence paragraphs, then the longer body.
    static let story = DedupDocument(
        id: "agency",
        title: "Storm cuts power to thousands along the northern coast",
        paragraphs: [
            "PORTLAND, Maine (AP) — A fast-moving winter storm knocked out power to more than 90,000 homes on Tuesday.",
            "“We have crews out in every county,” a utility spokeswoman said.",
            "Schools in six towns closed early as the wind picked up in the afternoon.",
            "The National Weather Service said gusts reached 70 miles per hour on the islands off the coast, where ferries were cancelled for the rest of the day and fishing boats stayed in the harbour after the coast guard warned of waves of up to 20 feet.",
            "Central Maine Power said most customers should have electricity back by Thursday evening, but warned that some rural roads were blocked by fallen trees and that repairs there could take until the weekend.",
            "The governor declared a state of emergency for the three coastal counties, which frees state money for overtime and lets the transportation department bring in plow drivers from neighbouring states.",
            "In Bangor, a shelter opened at the civic center for residents without heat, and the Red Cross said about 40 people spent the night there, most of them elderly residents of the riverside apartments.",
            "Forecasters expect the storm to move into the Canadian Maritimes overnight, with a second, weaker system bringing snow to the mountains on Friday and colder temperatures through the holiday weekend.",
            "The last storm of this size hit the region in October 2017, when more than 400,000 customers lost power and some waited nearly two weeks for repairs.",
            "State officials urged residents not to run generators indoors after two people were treated for carbon monoxide poisoning in Lewiston on Tuesday night.",
        ],
        day: 19_354,
        source: "wire.example"
    )

    /// Another outlet's short copy: a new headline, the first two paragraphs (the lead sentence and the quote), its own cruft.
    static let shortCopy = outletPage(
        "outlet",
        title: "Winter storm: 90,000 without power",
        ["Share this story"] + story.paragraphs.prefix(2) + ["Read more local news", "Advertisement"]
    )

    /// A page of the outlet `id` (its source `id.example`), the story's day.
    static func outletPage(_ id: String, title: String, _ paragraphs: [String]) -> DedupDocument {
        DedupDocument(id: id, title: title, paragraphs: paragraphs, day: story.day, source: "\(id).example")
    }

    @Test func aShortCopyOfAStoryWithAShortLeadIsANearDuplicate() {
        var index = DedupIndex()
        _ = index.insert(Self.story)
        let verdict = index.insert(Self.shortCopy)
        #expect(verdict.status == DedupVerdict.Status.nearDuplicate)
        #expect(verdict.of == "agency")
    }

    /// Another outlet's short first take: the story's headline, its first three paragraphs, then the
    /// outlet's own lines, a fair part of so short a page.
    static let firstTake = outletPage("first-take", title: story.title!, Array(story.paragraphs.prefix(3)) + [
        "Breaking news alerts from the Riverside Courier sent straight to your phone, free of charge, every hour of the day",
        "The Courier relies on readers like you to keep its reporters on the waterfront and in the council chamber",
        "Riverside Courier websites use cookies to give you a better experience, see our privacy notice for the details",
        "Comments are moderated by the Courier and may take up to an hour to appear; please keep the discussion civil",
    ])

    @Test func theFullStoryAfterItsShortFirstTakeIsTheSameStory() {
        // What they share is one section, the lead of both: no background told by two events.
        var index = DedupIndex()
        _ = index.insert(Self.firstTake)
        let verdict = index.insert(Self.story)
        #expect(verdict.status == DedupVerdict.Status.sameStory, "\(verdict)")
        #expect(verdict.of == "first-take")
    }

    @Test func everyParagraphOfTheLeadHoldsASample() {
        let fingerprint = DedupIndex().fingerprint(Self.story)
        // Title, first and second paragraph: passages 0, 2, 4.
        #expect(Set(fingerprint.passages).isSuperset(of: [0, 2, 4]))
    }
}
