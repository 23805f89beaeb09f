import ArgumentParser
import Foundation
import Kafka

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
            error CODE); each is acknowledged by `ok` on stdout.
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

    @Flag(help: "Read fault-injection commands from stdin (down/up/fail-produce).")
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

    /// Runs `down [id]` / `up [id]` / `fail-produce COUNT CODE` commands until stdin ends.
    static func obey(_ lines: StandardInputLines, cluster: MockCluster) async {
        for await line in lines.stream {
            let words = line.split(separator: " ")
            let broker = words.count > 1 ? Int32(words[1]) : nil
            do {
                switch words.first {
                case "down": try await cluster.setBrokerDown(broker)
                case "up": try await cluster.setBrokerUp(broker)
                case "fail-produce":
                    // `fail-produce N CODE`: the next N produce requests fail with Kafka error CODE.
                    guard words.count == 3, let count = Int(words[1]), let code = Int32(words[2]), (1...1000).contains(count) else {
                        say("error: usage: fail-produce COUNT CODE")
                        continue
                    }
                    await cluster.pushRequestErrors(.produce, Array(repeating: KafkaError.Code(rawValue: code), count: count))
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
