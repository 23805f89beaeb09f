@testable import NewsWorker
import Testing

/// `/healthz` fails when work is pending and nothing progresses; `/readyz` when the broker is away.
struct WorkerHealthTests {
    static func healthy(stallLimit: Duration = .milliseconds(50)) -> WorkerHealth {
        let health = WorkerHealth(stallLimit: stallLimit)
        health.setBrokerReachable(true)
        health.setAssignedPartitions(2)
        return health
    }

    @Test func idleWorkerIsHealthy() async throws {
        let health = Self.healthy()
        try await Task.sleep(for: .milliseconds(120))
        #expect(health.livenessProblem == nil)
        #expect(health.readinessProblem == nil)
    }

    @Test func pendingOutputsWithoutDeliveryMakeItUnhealthy() async throws {
        let health = Self.healthy()
        health.setPendingOutputs(7)
        #expect(health.livenessProblem == nil)
        try await Task.sleep(for: .milliseconds(120))
        let problem = try #require(health.livenessProblem)
        #expect(problem.contains("7 outputs pending, none delivered"))
        health.recordDelivery()
        #expect(health.livenessProblem == nil)
    }

    @Test func pendingOutputsWhileTheBrokerIsAwayAreNotALivenessProblem() async throws {
        let health = Self.healthy()
        health.setPendingOutputs(3)
        health.setBrokerReachable(false)
        try await Task.sleep(for: .milliseconds(120))
        #expect(health.livenessProblem == nil)
        #expect(health.readinessProblem == "broker unreachable")
        // Back: the outputs get a full stall limit to move.
        health.setBrokerReachable(true)
        #expect(health.livenessProblem == nil)
    }

    @Test func outputsPendingAfterAnIdleSpellGetAFullStallLimit() async throws {
        let health = Self.healthy()
        try await Task.sleep(for: .milliseconds(120))
        health.setPendingOutputs(1)
        #expect(health.livenessProblem == nil)
    }

    @Test func shutdownBudgetStaysWithinTheGrace() {
        for grace in [1.0, 6, 20, 30, 120] {
            let budget = ShutdownBudget(grace: grace)
            #expect(budget.drain + budget.flush + budget.producerShutdown < .milliseconds(Int64(grace * 1000)), "\(grace)")
        }
    }
}
