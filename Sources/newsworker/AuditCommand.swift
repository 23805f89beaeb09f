import ArgumentParser
import Foundation
import Kafka
import Logging
import NewsWorker

/// `newsworker audit`: accounts for every input of the worker's topics after an incident.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Account for every input: emitted once, emitted again, dead-lettered, missing; outputs with no input; re-emissions that changed.",
        discussion: """
            Reads the input, output (and duplicates), dead-letter and fingerprint-log topics of the worker's \
            configuration from their beginning to their current end, by direct partition assignment: it never \
            joins or commits for the worker's group, it only reads the group's committed offsets. An input \
            before the committed offset with nothing emitted is missing (lost); after it, pending (the worker \
            will consume it).

            Exit status: 0 nothing missing, invented or changed (pending inputs allowed); 1 something missing, \
            invented, changed, or a verdict the fingerprint log does not give; 2 configuration error (or a \
            topic that does not exist); 3 the topics could not be read (cluster unreachable, timeout).
            """
    )

    @OptionGroup var options: WorkerOptions

    @Flag(help: "Print the report as JSON (for scripts and tests) instead of a table.")
    var json = false

    @Option(help: "Seconds allowed to read the topics once.")
    var timeout: Double = 300

    @Option(help: "Audit again every few seconds, up to this many seconds, until no input is pending (nothing left for the worker to consume).")
    var wait: Double = 0

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard wait >= 0 else { throw ValidationError("--wait must not be negative") }
    }

    func run() async throws {
        let configuration: WorkerConfiguration
        do {
            configuration = try options.load()
        } catch let error as ConfigurationError {
            throw fail("configuration error: \(error)", status: 2)
        }
        // The report is the output: only warnings and errors on stderr, unless LOG_LEVEL asks for more.
        LogSetup.bootstrap(level: "warning", format: configuration.log.format)
        let audit = TopicAudit(configuration: configuration, logger: Logger(label: "newsworker.audit"))
        let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
        var report: AuditReport
        do {
            report = try await audit.run(timeout: .milliseconds(Int64(timeout * 1000)))
            while report.isClean, report.totals.pending > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .seconds(2))
                report = try await audit.run(timeout: .milliseconds(Int64(timeout * 1000)))
            }
        } catch let error as ConfigurationError {
            throw fail("configuration error: \(error)", status: 2)
        } catch {
            throw fail("audit failed: \(error)", status: 3)
        }
        if json {
            FileHandle.standardOutput.write(try report.json() + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(report.table.utf8))
        }
        if !report.isClean { throw ExitCode(1) }
    }

    private func fail(_ message: String, status: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        return ExitCode(status)
    }
}
