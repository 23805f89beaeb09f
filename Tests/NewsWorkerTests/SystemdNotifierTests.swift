import Foundation
import NewsWorker
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

struct SystemdNotifierTests {
    @Test func readyGoesToAPathSocket() throws {
        let receiver = try SystemdNotifyReceiver.bound(.temporaryPath)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        #expect(notifier.isEnabled)
        #expect(notifier.ready())
        #expect(receiver.receive() == "READY=1")
    }

    @Test func everyMessageGoesToAnAbstractSocket() throws {
        let receiver = try SystemdNotifyReceiver.bound(.abstract)
        #expect(receiver.address.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        #expect(notifier.ready())
        #expect(notifier.status("consumed=10 produced=9 lag=3"))
        #expect(notifier.watchdog())
        #expect(notifier.stopping())
        #expect(notifier.extendTimeout(.seconds(45)))
        #expect(notifier.send("READY=1\nSTATUS=joined"))
        #expect(receiver.receive() == "READY=1")
        #expect(receiver.receive() == "STATUS=consumed=10 produced=9 lag=3")
        #expect(receiver.receive() == "WATCHDOG=1")
        #expect(receiver.receive() == "STOPPING=1")
        #expect(receiver.receive() == "EXTEND_TIMEOUT_USEC=45000000")
        #expect(receiver.receive() == "READY=1\nSTATUS=joined")
    }

    @Test func statusKeepsToOneLine() throws {
        let receiver = try SystemdNotifyReceiver.bound(.temporaryPath)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        #expect(notifier.status("consumed=1\nproduced=2\r\nlag=0"))
        #expect(receiver.receive() == "STATUS=consumed=1 produced=2 lag=0")
    }

    @Test func utf8IsSentAsIs() throws {
        let receiver = try SystemdNotifyReceiver.bound(.temporaryPath)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        #expect(notifier.status("Zürich — 東京"))
        #expect(receiver.receiveBytes() == Array("STATUS=Zürich — 東京".utf8))
    }

    @Test func withoutNotifySocketEverythingIsANoOp() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "1000000"])
        #expect(!notifier.isEnabled)
        #expect(notifier.socketPath == nil)
        #expect(!notifier.ready())
        #expect(!notifier.status("x"))
        #expect(!notifier.watchdog())
        #expect(!notifier.stopping())
        var pacer = SystemdNotifier.WatchdogPacer(notifier: notifier)
        #expect(pacer.period == nil)
        #expect(!tick(&pacer))
    }

    @Test(arguments: ["", "relative/notify.sock", "vsock:2:1234"])
    func unusableSocketAddressesDisable(address: String) {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
    }

    @Test func sendErrorsAreReturnedNotThrown() throws {
        let missing = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/newsworker/notify"])
        #expect(missing.isEnabled)
        #expect(!missing.ready())
        let tooLong = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)])
        #expect(!tooLong.watchdog())
        let tooLongAbstract = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + String(repeating: "x", count: 200)])
        #expect(!tooLongAbstract.watchdog())
    }

    @Test func watchdogIntervalComesFromWatchdogUsec() {
        let own = getpid()
        func interval(_ environment: [String: String]) -> Duration? {
            SystemdNotifier(environment: environment, processID: own).watchdogInterval
        }
        #expect(interval(["WATCHDOG_USEC": "30000000"]) == .seconds(30))
        #expect(interval(["WATCHDOG_USEC": "1500", "WATCHDOG_PID": "\(own)"]) == .microseconds(1500))
        #expect(interval(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(own + 1)"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "0"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "-5"]) == nil)
        #expect(interval(["WATCHDOG_USEC": "soon"]) == nil)
        #expect(interval([:]) == nil)
        // The default process id is this process's own.
        let defaulted = SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(own)"])
        #expect(defaulted.watchdogInterval == .seconds(2))
    }

    @Test func pacerPingsAtMostEveryHalfInterval() throws {
        let receiver = try SystemdNotifyReceiver.bound(.temporaryPath)
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": receiver.address, "WATCHDOG_USEC": "1000000"]
        )
        var pacer = SystemdNotifier.WatchdogPacer(notifier: notifier)
        #expect(pacer.period == .milliseconds(500))
        let start = ContinuousClock.now
        #expect(tick(&pacer, now: start))
        #expect(!tick(&pacer, now: start.advanced(by: .milliseconds(100))))
        #expect(!tick(&pacer, now: start.advanced(by: .milliseconds(499))))
        #expect(tick(&pacer, now: start.advanced(by: .milliseconds(500))))
        #expect(!tick(&pacer, now: start.advanced(by: .milliseconds(900))))
        #expect(tick(&pacer, now: start.advanced(by: .seconds(3))))
        #expect(receiver.receive() == "WATCHDOG=1")
        #expect(receiver.receive() == "WATCHDOG=1")
        #expect(receiver.receive() == "WATCHDOG=1")
        #expect(receiver.receive(timeoutMilliseconds: 100) == nil)
    }

    @Test func pacerIsOffWithoutAWatchdog() throws {
        let receiver = try SystemdNotifyReceiver.bound(.temporaryPath)
        var pacer = SystemdNotifier.WatchdogPacer(
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        )
        #expect(pacer.period == nil)
        #expect(!tick(&pacer))
        #expect(receiver.receive(timeoutMilliseconds: 100) == nil)
    }

    @Test func processEnvironmentInitReadsNotifySocket() {
        // The test runner is not a notify service, unless someone runs it under one.
        let notifier = SystemdNotifier()
        if getenv("NOTIFY_SOCKET") == nil {
            #expect(!notifier.isEnabled)
        }
    }
}

/// `WatchdogPacer.tick` through a function: `#expect` cannot call mutating members.
private func tick(_ pacer: inout SystemdNotifier.WatchdogPacer, now: ContinuousClock.Instant = .now) -> Bool {
    pacer.tick(now: now)
}

/// A datagram socket standing in for systemd's notify socket.
final class SystemdNotifyReceiver {
    enum Kind {
        case temporaryPath
        case abstract
    }

    struct SocketError: Error, CustomStringConvertible {
        var call: String
        var errno: Int32
        var description: String { "\(self.call): \(String(cString: strerror(self.errno)))" }
    }

    /// What `NOTIFY_SOCKET` should be set to.
    let address: String
    private let fd: Int32
    private let directory: URL?

    private init(address: String, fd: Int32, directory: URL?) {
        self.address = address
        self.fd = fd
        self.directory = directory
    }

    static func bound(_ kind: Kind) throws -> SystemdNotifyReceiver {
        let name = UUID().uuidString.prefix(12)
        let directory: URL?
        let address: String
        switch kind {
        case .temporaryPath:
            let dir = URL(fileURLWithPath: "/tmp/nw-notify-\(name)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            address = dir.appendingPathComponent("notify.sock").path
        case .abstract:
            directory = nil
            address = "@newsworker-test/\(name)"
        }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", errno: errno) }
        var sun = sockaddr_un()
        sun.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if kind == .abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &sun.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + bytes.count)
        let result = withUnsafePointer(to: &sun) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard result == 0 else {
            let error = SocketError(call: "bind \(address)", errno: errno)
            close(fd)
            throw error
        }
        return SystemdNotifyReceiver(address: address, fd: fd, directory: directory)
    }

    /// The next datagram's bytes, or `nil` if none arrives in time.
    func receiveBytes(timeoutMilliseconds: Int32 = 2000) -> [UInt8]? {
        var descriptor = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return Array(buffer[..<count])
    }

    /// The next datagram as text, or `nil` if none arrives in time.
    func receive(timeoutMilliseconds: Int32 = 2000) -> String? {
        self.receiveBytes(timeoutMilliseconds: timeoutMilliseconds).map { String(decoding: $0, as: UTF8.self) }
    }

    deinit {
        close(self.fd)
        if let directory = self.directory {
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
