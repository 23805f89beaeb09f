package import Foundation

/// A real child process (the `newsworker` binary), its output captured in files the test can read.
package final class ChildProcess: @unchecked Sendable {
    // @unchecked: `Process` is not Sendable; each instance is driven by one test at a time.
    package let process = Process()
    package let stdoutURL: URL
    package let stderrURL: URL
    private let stdinPipe = Pipe()

    /// The `newsworker` executable built next to the test bundle (or `$NEWSWORKER_BINARY`).
    package static var newsworker: URL {
        if let path = ProcessInfo.processInfo.environment["NEWSWORKER_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("newsworker")
    }

    package init(_ arguments: [String], executable: URL = ChildProcess.newsworker, environment: [String: String] = [:], name: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsworker-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let unique = "\(name)-\(UUID().uuidString.prefix(8))"
        stdoutURL = directory.appendingPathComponent("\(unique).out")
        stderrURL = directory.appendingPathComponent("\(unique).err")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSWORKER_") || $0.key == "NEWSWORKER_BINARY" }
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = stdinPipe
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    package var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    package var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Writes a line to the child's stdin.
    package func send(_ line: String) {
        stdinPipe.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes the child's stdin (end of input).
    package func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// Waits until stdout has at least `count` lines; returns them.
    package func lines(atLeast count: Int, timeout: Duration = .seconds(30)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lines = stdout.split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("\(process.arguments ?? []) gave no \(count) lines of output; stderr:\n\(stderr.suffix(4000))")
    }

    /// Sends a signal.
    package func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit; returns the status, or throws after `timeout`.
    @discardableResult
    package func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw TestFailure("process did not exit within \(timeout); stderr:\n\(stderr.suffix(4000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// SIGTERM, then wait; SIGKILL on timeout.
    package func stop() async {
        guard process.isRunning else { return }
        signal(SIGTERM)
        _ = try? await waitForExit(timeout: .seconds(60))
    }
}

/// A failure with a message, thrown by test helpers.
package struct TestFailure: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// A free TCP port on loopback (bind to 0, read, close).
package func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
