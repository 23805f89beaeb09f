import ArgumentParser

/// `kafkabench`: raw consume/produce throughput of the Kafka wrapper, next to kcat's.
@main
struct KafkaBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kafkabench", subcommands: [])
}
