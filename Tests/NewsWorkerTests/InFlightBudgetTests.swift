@testable import NewsWorker
import Testing

/// Room for work in flight, by messages and by bytes.
@Suite(.timeLimit(.minutes(1)))
struct InFlightBudgetTests {
    @Test func waitsForBytesEvenWhenCountsFit() async {
        let budget = InFlightBudget(limits: .init(messages: 100, bytes: 10))
        #expect(await budget.acquire(messages: 1, bytes: 8))
        let second = Task { await budget.acquire(messages: 1, bytes: 8) }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(budget.usage == InFlightBudget.Usage(messages: 1, bytes: 8), "the second waits")
        budget.release(messages: 1, bytes: 8)
        #expect(await second.value)
        #expect(budget.usage == InFlightBudget.Usage(messages: 1, bytes: 8))
    }

    @Test func aBatchLargerThanTheBudgetIsAdmittedAlone() async {
        let budget = InFlightBudget(limits: .init(messages: 10, bytes: 10))
        #expect(await budget.acquire(messages: 1, bytes: 50))
        #expect(budget.usage.bytes == 50)
    }

    @Test func cancelledWaitTakesNothing() async {
        let budget = InFlightBudget(limits: .init(messages: 1, bytes: 10))
        #expect(await budget.acquire(messages: 1, bytes: 1))
        let waiting = Task { await budget.acquire(messages: 1, bytes: 1) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        #expect(await waiting.value == false)
        budget.release(messages: 1, bytes: 1)
        #expect(budget.usage == InFlightBudget.Usage())
    }

    @Test func drainedWaitsForEverythingAndCloseReleases() async {
        let budget = InFlightBudget(limits: .init(messages: 10, bytes: 100))
        #expect(await budget.acquire(messages: 2, bytes: 2))
        let drained = Task { await budget.drained() }
        budget.release(messages: 1, bytes: 1)
        budget.close()
        await drained.value
        #expect(await budget.acquire(messages: 1, bytes: 1) == false, "closed: nothing more is admitted")
    }
}
