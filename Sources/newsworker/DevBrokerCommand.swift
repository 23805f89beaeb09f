import ArgumentParser
import Foundation
import Kafka
import KafkaTesting

/// `newsworker dev-broker`: librdkafka's mock cluster as a standalone process, for tests and local development.
struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Start a local Kafka-protocol broker (librdkafka's mock cluster) and print its bootstrap servers.",
        discussion: """
            The first line on stdout is the bootstrap servers string. The broker runs until SIGTERM or SIGINT \
            (or end of stdin with --control). It speaks the real Kafka protocol on loopback TCP (consumer groups \
            included) but keeps data in memory.

            With --control, lines on stdin drive fault injection: `down [BROKER]`, `up [BROKER]` (all brokers \
            when BROKER is omitted), `fail-produce COUNT CODE` (the next COUNT produce requests fail with Kafka \
            error CODE), `fail REQUEST COUNT CODE` (the same for REQUEST: produce, fetch, commit, offset-fetch, \
            list-offsets, metadata, find-coordinator, join-group, heartbeat, sync-group, init-producer-id), \
            `leader TOPIC PARTITION BROKER` (move a partition's leadership), `coordinator GROUP BROKER` (move a \
            group's coordinator); each is acknowledged by `ok` on stdout.
            """
    )

    @Option(help: "Number of brokers.")
    var brokers = 1

    @Option(help: "Partitions of the topics created up front.")
    var partitions = 4

    @Option(help: "Topics to create up front (comma-separated).")
    var topics = "articles.raw,articles.enriched,articles.dlq,articles.duplicates"

    @Option(help: "The shared fingerprint log topic, created with one partition (empty: none).")
    var fingerprintTopic = "articles.fingerprints"

    @Flag(help: "Read fault-injection commands from stdin (down/up/fail-produce/fail/leader/coordinator).")
    var control = false

    func validate() throws {
        guard (1...16).contains(brokers) else { throw ValidationError("--brokers must be in 1...16") }
        guard (1...256).contains(partitions) else { throw ValidationError("--partitions must be in 1...256") }
    }

    func run() async throws {
        let cluster = try MockCluster(brokers: brokers)
        for topic in topics.split(separator: ",") where !topic.isEmpty {
            try await cluster.createTopic(String(topic), partitions: partitions)
        }
        if !fingerprintTopic.isEmpty {
            try await cluster.createTopic(fingerprintTopic, partitions: 1)
        }
        say(cluster.bootstrapServersString)
        if control {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await Signals.waitForTermination() }
                group.addTask { await Self.obey(StandardInputLines(), cluster: cluster) }
                await group.next()
                group.cancelAll()
            }
        } else {
            await Signals.waitForTermination()
        }
        await cluster.shutdown()
    }

    /// Kafka requests `fail REQUEST COUNT CODE` can make fail, by the name the command takes.
    static let requests: [String: MockCluster.APIKey] = [
        "produce": .produce, "fetch": .fetch, "list-offsets": .listOffsets, "metadata": .metadata,
        "commit": .offsetCommit, "offset-fetch": .offsetFetch, "find-coordinator": .findCoordinator,
        "join-group": .joinGroup, "heartbeat": .heartbeat, "sync-group": .syncGroup, "init-producer-id": .initProducerID,
    ]

    /// Runs `down [id]` / `up [id]` / `fail-produce COUNT CODE` / `fail REQUEST COUNT CODE` /
    /// `leader TOPIC PARTITION BROKER` / `coordinator GROUP BROKER` commands until stdin ends.
    static func obey(_ lines: StandardInputLines, cluster: MockCluster) async {
        for await line in lines.stream {
            var words = line.split(separator: " ")
            if words.first == "fail-produce" { words = ["fail", "produce"] + words.dropFirst() }  // the older spelling
            let broker = words.count > 1 ? Int32(words[1]) : nil
            do {
                switch words.first {
                case "down": try await cluster.setBrokerDown(broker)
                case "up": try await cluster.setBrokerUp(broker)
                case "fail":
                    // `fail REQUEST COUNT CODE`: the next COUNT requests of that kind fail with Kafka error CODE.
                    guard words.count == 4, let request = requests[String(words[1])], let count = Int(words[2]), let code = Int32(words[3]),
                          (1...1000).contains(count)
                    else {
                        say("error: usage: fail REQUEST COUNT CODE, REQUEST one of \(requests.keys.sorted().joined(separator: ", "))")
                        continue
                    }
                    await cluster.pushRequestErrors(request, Array(repeating: KafkaError.Code(rawValue: code), count: count))
                case "leader":
                    // `leader TOPIC PARTITION BROKER`: the partition's leader moves to BROKER.
                    guard words.count == 4, let partition = Int32(words[2]), let leader = Int32(words[3]) else {
                        say("error: usage: leader TOPIC PARTITION BROKER")
                        continue
                    }
                    try await cluster.setPartitionLeader(topic: String(words[1]), partition: KafkaPartition(rawValue: partition), broker: leader)
                case "coordinator":
                    // `coordinator GROUP BROKER`: the group's coordinator moves to BROKER.
                    guard words.count == 3, let coordinator = Int32(words[2]) else {
                        say("error: usage: coordinator GROUP BROKER")
                        continue
                    }
                    try await cluster.setGroupCoordinator(group: String(words[1]), broker: coordinator)
                default:
                    say("error: unknown command \(line)")
                    continue
                }
                say("ok")
            } catch {
                say("error: \(error)")
            }
        }
    }
}

/// Writes a line to stdout at once (no buffering: a parent process reads it as a protocol).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Waiting for SIGTERM/SIGINT without a service group.
enum Signals {
    static func waitForTermination() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { continuation.yield() }
            source.resume()
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}

/// Lines of stdin, read on a dedicated thread (blocking reads stay off the cooperative pool).
struct StandardInputLines: Sendable {
    let stream: AsyncStream<String>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        self.stream = stream
        Thread.detachNewThread {
            while let line = readLine() { continuation.yield(line) }
            continuation.finish()
        }
    }
}
