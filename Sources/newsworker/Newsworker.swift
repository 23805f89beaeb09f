import ArgumentParser

/// The `newsworker` command: the Kafka worker and the batch tools around the shared core.
@main
struct Newsworker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsworker",
        abstract: "Turns raw scraped articles into clean, enriched, de-duplicated records.",
        version: NewsworkerVersion.current,
        subcommands: [ProcessCommand.self]
    )
}

/// The version written in records and logs.
enum NewsworkerVersion {
    static let current = "0.1.0"
}
