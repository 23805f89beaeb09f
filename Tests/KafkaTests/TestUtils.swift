import Foundation
import Kafka
import KafkaTesting
import Logging

/// A logger that drops everything (tests never bootstrap logging), or prints at debug level
/// to stderr when `KAFKA_TEST_DEBUG` is set.
let testLogger: Logger = {
    if ProcessInfo.processInfo.environment["KAFKA_TEST_DEBUG"] != nil {
        var logger = Logger(label: "kafka-tests", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .trace
        return logger
    }
    return Logger(label: "kafka-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}()

/// A fresh name per test, so topics and groups never collide.
func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

extension MockCluster {
    var kafka: KafkaConfiguration {
        var config = KafkaConfiguration(bootstrapServers: bootstrapServers, clientID: "kafka-tests")
        if let debug = ProcessInfo.processInfo.environment["KAFKA_TEST_DEBUG"], !debug.isEmpty { config.properties["debug"] = debug }
        return config
    }
}

func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

/// Reads messages until `count` arrived or `timeout` passed.
func collect(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaMessage] {
    try await withThrowingTaskGroup(of: [KafkaMessage]?.self) { group in
        group.addTask {
            var result: [KafkaMessage] = []
            for try await message in consumer.messages {
                result.append(message)
                if result.count == count { break }
            }
            return result
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return first ?? []
    }
}

/// Waits for the first event matching `predicate`, or `nil` after `timeout`.
func firstEvent<Events: AsyncSequence & Sendable>(
    in events: Events, timeout: Duration = .seconds(30), where predicate: @escaping @Sendable (Events.Element) -> Bool
) async -> Events.Element? where Events.Element: Sendable {
    await withTaskGroup(of: Events.Element?.self) { group in
        group.addTask {
            do {
                for try await event in events where predicate(event) { return event }
            } catch {}
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next()!
        group.cancelAll()
        return first
    }
}

/// librdkafka 2.0.2's mock waits `session.timeout.ms - 1 s` for members to rejoin once a group is
/// no longer empty (3 s for the first join): keep it short in group tests.
let mockSessionTimeout: Duration = .seconds(6)
