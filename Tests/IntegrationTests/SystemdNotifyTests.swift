import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The real `newsworker run` against `newsworker dev-broker`, with `NOTIFY_SOCKET` pointing at a socket
/// this test reads: what systemd would see from a `Type=notify` unit with `WatchdogSec=`.
@Suite(
    .serialized,
    .timeLimit(.minutes(5)),
    .enabled(if: DeployWorker.isAvailable, "needs the built newsworker with `run` and `dev-broker`")
)
struct SystemdNotifyTests {
    @Test func readyAfterJoinThenWatchdogThenStoppingOnSIGTERM() async throws {
        let broker = try DeployDevBroker.start()
        defer { broker.stop() }
        let notify = try SystemdNotifySocket.bound()
        let worker = try DeployWorker.start(
            broker: broker,
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"]
        )
        defer { worker.kill() }

        // READY=1 only once the group is joined and /readyz passes.
        let beforeReady = notify.collect(until: "READY=1", timeout: .seconds(90))
        try #require(beforeReady.contains("READY=1"), "no READY=1; got \(beforeReady)\n\(worker.log())")
        #expect(!beforeReady.contains("STOPPING=1"))
        let readyz = try await DeployWorker.get(port: worker.httpPort, path: "/readyz")
        #expect(readyz.status == 200, "/readyz after READY=1: \(readyz.status) \(readyz.body)")

        // WATCHDOG=1 keeps coming: the pacer pings every WATCHDOG_USEC/2 = 0.5 s, so >= 4 in 3 s.
        let window = notify.collect(for: .seconds(3))
        let pings = window.filter { $0 == "WATCHDOG=1" }.count
        #expect(pings >= 4, "\(pings) WATCHDOG=1 in 3 s with WATCHDOG_USEC=1000000: \(window)")
        #expect(pings <= 12, "watchdog pings not paced: \(pings) in 3 s")
        let statuses = (beforeReady + window).filter { $0.hasPrefix("STATUS=") }
        #expect(!statuses.isEmpty, "no STATUS= line: \(beforeReady + window)")

        // SIGTERM: STOPPING=1, then a clean exit within the shutdown grace.
        worker.signal(SIGTERM)
        let afterTerm = notify.collect(until: "STOPPING=1", timeout: .seconds(10))
        #expect(afterTerm.contains("STOPPING=1"), "no STOPPING=1 after SIGTERM: \(afterTerm)")
        let status = worker.wait(timeout: .seconds(45))
        #expect(status == 0, "exit status \(String(describing: status)) after SIGTERM\n\(worker.log())")
    }

    @Test func stalledPipelineStopsTheWatchdog() async throws {
        let broker = try DeployDevBroker.start()
        defer { broker.stop() }
        let notify = try SystemdNotifySocket.bound()
        let worker = try DeployWorker.start(
            broker: broker,
            environment: [
                "NOTIFY_SOCKET": notify.path,
                "WATCHDOG_USEC": "1000000",
                "NEWSWORKER_FAULT_STALL_PIPELINE": "1",
            ]
        )
        defer { worker.kill() }

        let beforeReady = notify.collect(until: "READY=1", timeout: .seconds(90))
        try #require(beforeReady.contains("READY=1"), "no READY=1; got \(beforeReady)\n\(worker.log())")
        // A ping already on its way may still land; after that, silence: systemd would kill the unit.
        _ = notify.collect(for: .seconds(2))
        let window = notify.collect(for: .seconds(3))
        #expect(!window.contains("WATCHDOG=1"), "WATCHDOG=1 while the pipeline is stalled: \(window)")
        #expect(worker.isRunning, "the stalled worker should hang, not exit\n\(worker.log())")
        worker.signal(SIGTERM)
        _ = worker.wait(timeout: .seconds(45))
    }
}

// MARK: - Harness

/// The `newsworker` executable built beside the tests, and processes started from it.
final class DeployWorker: @unchecked Sendable {  // @unchecked: the Process is only touched from the test's task
    /// `$NEWSWORKER_BINARY`, else `newsworker` next to the test bundle, else `.build/debug/newsworker`.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["NEWSWORKER_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let productsDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = productsDirectory.appendingPathComponent("newsworker")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return DeployTestSupport.repository.appendingPathComponent(".build/debug/newsworker")
    }()

    /// Whether the binary exists and has the `run` and `dev-broker` subcommands.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return false }
        for subcommand in ["run", "dev-broker"] {
            guard let result = try? DeployTestSupport.run([binary.path, subcommand, "--help"]), result.status == 0 else {
                return false
            }
        }
        return true
    }()

    let process: Process
    let httpPort: Int
    private let output: URL
    private let directory: DeployScratchDirectory

    private init(process: Process, httpPort: Int, output: URL, directory: DeployScratchDirectory) {
        self.process = process
        self.httpPort = httpPort
        self.output = output
        self.directory = directory
    }

    /// Starts `newsworker run` on fresh topics and group, HTTP on a free loopback port.
    static func start(broker: DeployDevBroker, environment extra: [String: String] = [:]) throws -> DeployWorker {
        let directory = try DeployScratchDirectory()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let port = try freePort()
        let config = DeployTestSupport.repository.appendingPathComponent("config/newsworker.yaml")
        let state = directory.url.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("NEWSWORKER_") || key == "NOTIFY_SOCKET" || key.hasPrefix("WATCHDOG_") {
            environment[key] = nil
        }
        environment["STATE_DIRECTORY"] = state.path
        environment["NEWSWORKER_LOG_LEVEL"] = "debug"
        environment.merge(extra) { _, new in new }

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "run", "--config", config.path,
            "--brokers", broker.bootstrapServers,
            "--group", "nw-test-\(suffix)",
            "--input-topic", "nw-test-in-\(suffix)",
            "--output-topic", "nw-test-out-\(suffix)",
            "--dlq-topic", "nw-test-dlq-\(suffix)",
            "--http-listen", "127.0.0.1:\(port)",
        ]
        process.environment = environment
        let output = directory.url.appendingPathComponent("worker.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return DeployWorker(process: process, httpPort: port, output: output, directory: directory)
    }

    var isRunning: Bool { self.process.isRunning }
    var inputTopic: String { self.process.arguments?[self.argumentIndex("--input-topic")] ?? "" }

    private func argumentIndex(_ flag: String) -> Int {
        (self.process.arguments?.firstIndex(of: flag) ?? -2) + 1
    }

    func signal(_ signal: Int32) {
        if self.process.isRunning { Glibc.kill(self.process.processIdentifier, signal) }
    }

    /// Waits for exit; the exit status, or `nil` if still running at the deadline.
    func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while self.process.isRunning, ContinuousClock.now < deadline {
            usleep(50_000)
        }
        if self.process.isRunning { return nil }
        return self.process.terminationReason == .exit ? self.process.terminationStatus : 128 + self.process.terminationStatus
    }

    /// SIGKILL if still running (test cleanup).
    func kill() {
        if self.process.isRunning {
            Glibc.kill(self.process.processIdentifier, SIGKILL)
            _ = self.wait(timeout: .seconds(5))
        }
    }

    /// The worker's output so far (last 8 KB), for failure messages.
    func log() -> String {
        let text = (try? String(contentsOf: self.output, encoding: .utf8)) ?? ""
        return "--- worker output ---\n" + String(text.suffix(8192))
    }

    /// GET over loopback HTTP/1.1; status and body.
    static func get(port: Int, path: String) async throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DeployHarnessError("socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw DeployHarnessError("connect 127.0.0.1:\(port): errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response.append(contentsOf: buffer[..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n", maxSplits: 1).first,
            let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { throw DeployHarnessError("no HTTP response from 127.0.0.1:\(port)\(path): \(text.prefix(200))") }
        let head = text.range(of: "\r\n\r\n")
        var body = head.map { String(text[$0.upperBound...]) } ?? ""
        if text.lowercased().contains("transfer-encoding: chunked") { body = Self.dechunk(body) }
        return (status, body)
    }

    static func dechunk(_ body: String) -> String {
        var rest = Substring(body)
        var result = ""
        while let lineEnd = rest.range(of: "\r\n") {
            guard let size = Int(rest[..<lineEnd.lowerBound].split(separator: ";").first ?? "", radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            let utf8 = rest[start...].utf8
            let end = utf8.index(utf8.startIndex, offsetBy: min(size, utf8.count))
            result += String(rest[start..<end])
            rest = rest[end...].dropFirst(2)
        }
        return result
    }

    /// A loopback TCP port nobody listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DeployHarnessError("socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        guard bound == 0 else { throw DeployHarnessError("bind port 0: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct DeployHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `newsworker dev-broker`: an in-process mock Kafka cluster; its first stdout line is the bootstrap servers.
final class DeployDevBroker: @unchecked Sendable {  // @unchecked: the Process is only touched from the test's task
    let process: Process
    let bootstrapServers: String

    private init(process: Process, bootstrapServers: String) {
        self.process = process
        self.bootstrapServers = bootstrapServers
    }

    static func start(timeout: Duration = .seconds(30)) throws -> DeployDevBroker {
        let process = Process()
        process.executableURL = DeployWorker.binary
        process.arguments = ["dev-broker"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let fd = stdout.fileHandleForReading.fileDescriptor
        var line: [UInt8] = []
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !line.contains(UInt8(ascii: "\n")), ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) == 1 else { continue }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { break }
            line.append(byte)
        }
        let servers = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !servers.isEmpty else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw DeployHarnessError("newsworker dev-broker printed no bootstrap servers")
        }
        // Keep draining stdout so the broker never blocks on a full pipe.
        stdout.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        return DeployDevBroker(process: process, bootstrapServers: servers)
    }

    func stop() {
        guard self.process.isRunning else { return }
        kill(self.process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while self.process.isRunning, ContinuousClock.now < deadline { usleep(50_000) }
        if self.process.isRunning { kill(self.process.processIdentifier, SIGKILL) }
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
        guard fd >= 0 else { throw DeployHarnessError("socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw DeployHarnessError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw DeployHarnessError("bind \(path): \(errno)")
        }
        return SystemdNotifySocket(path: path, fd: fd, directory: directory)
    }

    /// The assignments of the next datagram (one datagram may carry several lines), or `nil` on timeout.
    func next(timeout: Duration) -> [String]? {
        let milliseconds = max(0, Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        var descriptor = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every assignment received until `assignment` arrives (included) or the timeout passes.
    func collect(until assignment: String, timeout: Duration) -> [String] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var received: [String] = []
        while ContinuousClock.now < deadline, !received.contains(assignment) {
            if let lines = self.next(timeout: ContinuousClock.now.duration(to: deadline)) { received += lines }
        }
        return received
    }

    /// Every assignment received during `duration`.
    func collect(for duration: Duration) -> [String] {
        let deadline = ContinuousClock.now.advanced(by: duration)
        var received: [String] = []
        while ContinuousClock.now < deadline {
            if let lines = self.next(timeout: ContinuousClock.now.duration(to: deadline)) { received += lines }
        }
        return received
    }

    deinit { close(self.fd) }
}
