import Foundation

/// `newsworker dev-broker` as a separate process: a Kafka-protocol broker on loopback.
final class DevBroker: Sendable {
    let child: ChildProcess
    let bootstrap: String

    init(partitions: Int = 4, topics: [String]) async throws {
        child = try ChildProcess(["dev-broker", "--control", "--partitions", String(partitions), "--topics", topics.joined(separator: ",")], name: "dev-broker")
        bootstrap = try await child.lines(atLeast: 1)[0]
    }

    /// Takes every broker down (connections refused) or brings them back.
    func set(up: Bool) async throws {
        try await command(up ? "up" : "down")
    }

    /// Makes the next `count` produce requests fail with Kafka error `code`.
    func failProduceRequests(_ count: Int, code: Int32) async throws {
        try await command("fail-produce \(count) \(code)")
    }

    private func command(_ line: String) async throws {
        let before = child.stdout.split(separator: "\n").count
        child.send(line)
        let lines = try await child.lines(atLeast: before + 1)
        guard lines.last == "ok" else { throw TestFailure("dev-broker answered \(lines.last ?? "")") }
    }

    func stop() async { await child.stop() }
}
