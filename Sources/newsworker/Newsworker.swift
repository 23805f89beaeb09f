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

    /// Runs the command line; `process FILE…` hands its trailing file list to the command past the
    /// argument parser (see ``ProcessCommand/splitTrailingFiles(_:)``).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let (parsed, trailing) = ProcessCommand.splitTrailingFiles(arguments) else {
            await main(arguments)
            return
        }
        do {
            var command = try parseAsRoot(parsed)
            if var process = command as? ProcessCommand {
                process.files += trailing
                command = process
            }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
