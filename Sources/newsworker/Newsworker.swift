import ArgumentParser
import NewsWorker

/// The `newsworker` command: the Kafka worker and the batch tools around the shared core.
@main
struct Newsworker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsworker",
        abstract: "Turns raw scraped articles into clean, enriched, de-duplicated records.",
        version: NewsworkerVersion.current,
        subcommands: [RunCommand.self, AuditCommand.self, ProcessCommand.self, SimilarityCommand.self, CheckConfigCommand.self, DevBrokerCommand.self, DemoCommand.self]
    )
}
