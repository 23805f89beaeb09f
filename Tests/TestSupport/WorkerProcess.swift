import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `newsworker run` as a separate process, with its HTTP endpoint on a free port.
package final class WorkerProcess: Sendable {
    package let child: ChildProcess
    package let port: Int

    package struct Topics {
        package var input: String
        package var output: String
        package var dlq: String

        package init(input: String, output: String, dlq: String) {
            self.input = input
            self.output = output
            self.dlq = dlq
        }
    }

    package init(brokers: String, group: String, topics: Topics, id: String = "w1", environment: [String: String] = [:]) throws {
        port = freePort()
        var env = ["NEWSWORKER_WORKER_ID": id, "NEWSWORKER_LOG_FORMAT": "json", "NEWSWORKER_WORKER_SHUTDOWN_GRACE_SECONDS": "20"]
        env.merge(environment) { $1 }
        child = try ChildProcess(
            ["run", "--brokers", brokers, "--group", group, "--input-topic", topics.input, "--output-topic", topics.output,
             "--dlq-topic", topics.dlq, "--http-listen", "127.0.0.1:\(port)"],
            environment: env, name: "worker-\(id)"
        )
    }

    /// GET on the worker's endpoint: status and body (status 0 when nothing answers).
    package func get(_ path: String) async -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return (0, "") }
        do {
            let (data, response) = try await URLSession.shared.data(from: url)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }

    /// The worker's state for a failure message: its `newsworker_*` samples and the end of its log.
    package func diagnostics() async -> String {
        let samples = await get("/metrics").body.split(separator: "\n").filter { $0.hasPrefix("newsworker_") }
        return "worker /metrics:\n\(samples.joined(separator: "\n"))\nworker log (end):\n\(child.stderr.suffix(3000))"
    }

    /// Waits until `path` answers `status`.
    package func waitFor(_ path: String, status: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await get(path).status == status { return }
            guard child.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("\(path) never answered \(status); stderr:\n\(child.stderr.suffix(4000))")
    }

    /// Current metric samples, by series (`name{label="v",…}` exactly as exported).
    package func metrics() async -> [String: Double] {
        MetricsText.parse(await get("/metrics").body)
    }

    /// The sum of every series of `name`, optionally filtered by a label substring.
    package func metric(_ name: String, where filter: String? = nil) async -> Double {
        MetricsText.sum(await metrics(), name: name, filter: filter)
    }
}

/// Prometheus text format, the little tests need of it.
package enum MetricsText {
    package static func parse(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    package static func sum(_ samples: [String: Double], name: String, filter: String? = nil) -> Double {
        samples.filter { series, _ in
            (series == name || series.hasPrefix(name + "{")) && (filter.map { series.contains($0) } ?? true)
        }.values.reduce(0, +)
    }
}

extension WorkerProcess {
    /// The worker's "starting newsworker" JSON log line (NEWSWORKER_LOG_FORMAT=json).
    package func startLine(timeout: Duration = .seconds(30)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in child.stderr.split(separator: "\n") {
                if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                   object["msg"] as? String == "starting newsworker" {
                    return object
                }
            }
            guard child.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("no 'starting newsworker' log line; stderr:\n\(child.stderr.suffix(3000))")
    }
}
