import NewsDedup
@testable import NewsWorker
import Testing

/// Verdicts are those of the log's order, handed to the batch that awaits them.
@Suite(.timeLimit(.minutes(1)))
struct VerdictSequencerTests {
    static let index = DedupIndex()
    static func fingerprint(_ id: String, text: String) -> DocumentFingerprint {
        index.fingerprint(DedupDocument(id: id, title: "Title", paragraphs: [text, text + " again, with more words to go on"]))
    }

    @Test func aBatchGetsItsVerdictsInItsOwnOrderOnceAllAreApplied() async {
        let sequencer = VerdictSequencer(configuration: DedupConfiguration())
        let text = "The council met on Monday and voted on the budget for the coming year in a long session"
        let a = Self.fingerprint("a", text: text)
        let b = Self.fingerprint("b", text: text)
        let ticket = sequencer.expect(["b", "a"])
        let waiting = Task { await sequencer.verdicts(for: ticket) }
        // The log holds a (someone else's order) before b.
        sequencer.apply([LoggedFingerprint(fingerprint: a, time: nil)])
        sequencer.apply([LoggedFingerprint(fingerprint: Self.fingerprint("other", text: "unrelated words here"), time: nil), LoggedFingerprint(fingerprint: b, time: nil)])
        let verdicts = await waiting.value
        #expect(verdicts?.map(\.status) == [.duplicate, .unique], "b comes after a in the log: b is the copy")
    }

    @Test func anAbandonedBatchStopsWaiting() async {
        let sequencer = VerdictSequencer(configuration: DedupConfiguration())
        let ticket = sequencer.expect(["x"])
        let waiting = Task { await sequencer.verdicts(for: ticket) }
        waiting.cancel()
        #expect(await waiting.value == nil)
        #expect(await sequencer.verdicts(for: sequencer.expect([])) == [])
    }
}
