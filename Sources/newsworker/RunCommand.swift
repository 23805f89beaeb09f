import ArgumentParser
import Foundation
import Logging
import NewsWorker

/// `newsworker run`: the long-running Kafka worker.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Consume raw articles from Kafka, publish enriched records; serve /healthz, /readyz, /metrics."
    )

    @OptionGroup var options: WorkerOptions

    func run() async throws {
        let configuration: WorkerConfiguration
        do {
            configuration = try options.load()
        } catch let error as ConfigurationError {
            throw ValidationError("configuration error: \(error)")
        }
        LogSetup.bootstrap(level: configuration.log.level, format: configuration.log.format)
        do {
            try await WorkerApplication(configuration: configuration, logger: Logger(label: "newsworker")).runUntilSignalled()
        } catch let error as ConfigurationError {
            // Found on the cluster at startup (a topic that does not exist): same message and status as check-config.
            FileHandle.standardError.write(Data("configuration error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// `newsworker check-config`: validates and prints the effective configuration, secrets masked.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and print the effective values (secrets masked)."
    )

    @OptionGroup var options: WorkerOptions

    func run() throws {
        do {
            print(try options.load().maskedYAML, terminator: "")
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("configuration error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// Logging backend selection: JSON lines unless stderr is a terminal.
enum LogSetup {
    static func bootstrap(level: String, format: String) {
        let json = format == "json" || (format == "auto" && isatty(STDERR_FILENO) == 0)
        let logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
    }
}
