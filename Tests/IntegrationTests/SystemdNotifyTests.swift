import Foundation
import Kafka
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The real `newsworker run` against `newsworker dev-broker`, with `NOTIFY_SOCKET` pointing at a socket
/// this test reads: what systemd sees from the `Type=notify` unit with `WatchdogSec=`.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct SystemdNotifyTests {
    static func topics(_ prefix: String) -> WorkerProcess.Topics {
        WorkerProcess.Topics(input: "\(prefix).raw", output: "\(prefix).enriched", dlq: "\(prefix).dlq")
    }

    @Test func readyAfterJoinThenWatchdogThenStoppingOnSIGTERM() async throws {
        let topics = Self.topics("notify")
        let broker = try await DevBroker(partitions: 2, topics: [topics.input, topics.output, topics.dlq])
        let notify = try SystemdNotifySocket.bound()
        // WatchdogSec=3s: pings must come well within it.
        let worker = try WorkerProcess(
            brokers: broker.bootstrap, group: "g-notify", topics: topics,
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "3000000"]
        )

        // READY=1 only once the group is joined (partitions assigned) and /readyz passes.
        let beforeReady = await notify.collect(until: "READY=1", timeout: .seconds(90))
        try #require(beforeReady.contains("READY=1"), "no READY=1; got \(beforeReady)\n\(worker.child.stderr.suffix(4000))")
        #expect(!beforeReady.contains("STOPPING=1"))
        let readyz = await worker.get("/readyz")
        #expect(readyz.status == 200, "/readyz right after READY=1: \(readyz.status) \(readyz.body)")

        // WATCHDOG=1 keeps coming, never as far apart as the interval systemd enforces.
        let window = await notify.collectTimed(for: .seconds(7))
        let pings = window.filter { $0.assignment == "WATCHDOG=1" }.map(\.at)
        #expect(pings.count >= 3, "\(pings.count) WATCHDOG=1 in 7 s: \(window.map(\.assignment))")
        let gaps = zip(pings.dropFirst(), pings).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 < .seconds(3) }, "a gap between WATCHDOG=1 reached WatchdogSec: \(gaps)")
        let statuses = (beforeReady + window.map(\.assignment)).filter { $0.hasPrefix("STATUS=") }
        #expect(!statuses.isEmpty, "no STATUS= line for systemctl status")

        // SIGTERM: STOPPING=1, then a clean exit within the shutdown grace.
        worker.child.signal(SIGTERM)
        let afterTerm = await notify.collect(until: "STOPPING=1", timeout: .seconds(15))
        #expect(afterTerm.contains("STOPPING=1"), "no STOPPING=1 after SIGTERM: \(afterTerm)")
        let status = try await worker.child.waitForExit(timeout: .seconds(45))
        #expect(status == 0, "exit status \(status) after SIGTERM\n\(worker.child.stderr.suffix(4000))")
        await broker.stop()
    }

    /// NEWSWORKER_FAULT_STALL_PIPELINE=1 hangs the pipeline loop on its first message: once it has been
    /// stuck past the stall limit, WATCHDOG=1 stops, so systemd's WatchdogSec= kills and restarts the worker.
    @Test func stalledPipelineStopsTheWatchdog() async throws {
        let topics = Self.topics("stall")
        let broker = try await DevBroker(partitions: 1, topics: [topics.input, topics.output, topics.dlq])
        let notify = try SystemdNotifySocket.bound()
        let worker = try WorkerProcess(
            brokers: broker.bootstrap, group: "g-stall", topics: topics,
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "3000000", "NEWSWORKER_FAULT_STALL_PIPELINE": "1"]
        )
        let beforeReady = await notify.collect(until: "READY=1", timeout: .seconds(90))
        try #require(beforeReady.contains("READY=1"), "no READY=1; got \(beforeReady)\n\(worker.child.stderr.suffix(4000))")
        // Idle is alive: pings continue while there is nothing to do.
        #expect(await notify.collect(for: .seconds(4)).contains("WATCHDOG=1"), "no WATCHDOG=1 while idle")

        let first = try #require(Seeds.all.first)
        try await TopicClient(brokers: broker.bootstrap).produce([
            KafkaProducerMessage(topic: topics.input, key: Array("stall".utf8), value: first.bytes)
        ])
        // The loop is now stuck on that message; within the stall limit the pings must stop for good.
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        var silence = Duration.zero
        while ContinuousClock.now < deadline, silence < .seconds(6) {
            silence = await notify.collect(for: .seconds(2)).contains("WATCHDOG=1") ? .zero : silence + .seconds(2)
        }
        #expect(silence >= .seconds(6), "WATCHDOG=1 kept coming while the pipeline was stalled")
        #expect(worker.child.process.isRunning, "the stalled worker should hang, not exit\n\(worker.child.stderr.suffix(4000))")
        #expect(await worker.get("/healthz").status != 200, "/healthz should fail while the loop is stuck")
        worker.child.signal(SIGKILL)
        _ = try? await worker.child.waitForExit(timeout: .seconds(10))
        await broker.stop()
    }
}

/// A datagram socket standing in for systemd's notify socket; hands back single assignments.
final class SystemdNotifySocket {
    let path: String
    private let fd: Int32
    private let directory: DeployScratchDirectory

    private init(path: String, fd: Int32, directory: DeployScratchDirectory) {
        self.path = path
        self.fd = fd
        self.directory = directory
    }

    static func bound() throws -> SystemdNotifySocket {
        let directory = try DeployScratchDirectory()
        let path = directory.url.appendingPathComponent("notify").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw TestFailure("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("bind \(path): errno \(errno)")
        }
        return SystemdNotifySocket(path: path, fd: fd, directory: directory)
    }

    /// The assignments of the next waiting datagram (one datagram may carry several lines), or `nil` if none.
    /// Never blocks: the tests run on the cooperative pool, which has only as many threads as cores.
    func next() -> [String]? {
        var descriptor = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every assignment received until `assignment` arrives (included) or the timeout passes.
    func collect(until assignment: String, timeout: Duration) async -> [String] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var received: [String] = []
        while ContinuousClock.now < deadline, !received.contains(assignment) {
            if let lines = self.next() { received += lines } else { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return received
    }

    /// Every assignment received during `duration`.
    func collect(for duration: Duration) async -> [String] {
        await self.collectTimed(for: duration).map(\.assignment)
    }

    /// Every assignment received during `duration`, with its arrival time (to 20 ms).
    func collectTimed(for duration: Duration) async -> [(assignment: String, at: ContinuousClock.Instant)] {
        let deadline = ContinuousClock.now.advanced(by: duration)
        var received: [(assignment: String, at: ContinuousClock.Instant)] = []
        while ContinuousClock.now < deadline {
            if let lines = self.next() {
                let now = ContinuousClock.now
                received += lines.map { ($0, now) }
            } else {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return received
    }

    deinit { close(self.fd) }
}
