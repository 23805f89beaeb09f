import Foundation

/// `newsworker dev-broker` as a separate process: a Kafka-protocol broker on loopback.
package final class DevBroker: Sendable {
    package let child: ChildProcess
    package let bootstrap: String

    package init(brokers: Int = 1, partitions: Int = 4, topics: [String]) async throws {
        child = try ChildProcess(
            ["dev-broker", "--control", "--brokers", String(brokers), "--partitions", String(partitions), "--topics", topics.joined(separator: ",")],
            name: "dev-broker"
        )
        bootstrap = try await child.lines(atLeast: 1)[0]
    }

    /// Takes every broker down (connections refused) or brings them back.
    package func set(up: Bool) async throws {
        try await command(up ? "up" : "down")
    }

    /// Makes the next `count` produce requests fail with Kafka error `code`.
    package func failProduceRequests(_ count: Int, code: Int32) async throws {
        try await command("fail-produce \(count) \(code)")
    }

    /// Takes one broker down (connections refused, leadership stays) or brings it back.
    package func set(broker: Int, up: Bool) async throws {
        try await command("\(up ? "up" : "down") \(broker)")
    }

    /// Makes the next `count` requests of kind `request` (`produce`, `fetch`, `commit`…) fail with Kafka error `code`.
    package func fail(_ request: String, count: Int, code: Int32) async throws {
        try await command("fail \(request) \(count) \(code)")
    }

    /// Moves the leadership of a partition to `broker`.
    package func moveLeader(topic: String, partition: Int, to broker: Int) async throws {
        try await command("leader \(topic) \(partition) \(broker)")
    }

    /// Moves the coordinator of `group` to `broker`.
    package func moveCoordinator(group: String, to broker: Int) async throws {
        try await command("coordinator \(group) \(broker)")
    }

    private func command(_ line: String) async throws {
        let before = child.stdout.split(separator: "\n").count
        child.send(line)
        let lines = try await child.lines(atLeast: before + 1)
        guard lines.last == "ok" else { throw TestFailure("dev-broker answered \(lines.last ?? "")") }
    }

    package func stop() async { await child.stop() }
}
