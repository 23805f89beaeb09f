#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Speaks systemd's notify protocol (`sd_notify(3)`) without linking libsystemd.
///
/// Each message is one `AF_UNIX` `SOCK_DGRAM` datagram of newline-separated `KEY=VALUE`
/// assignments sent to `$NOTIFY_SOCKET` (a path, or an abstract socket written `@name`).
/// When `NOTIFY_SOCKET` is absent, as it is outside `Type=notify` units, every call is a no-op.
/// No call throws, logs or blocks: a lost notification must never stop the worker.
///
/// ```swift
/// let notifier = SystemdNotifier()
/// notifier.ready()                                  // after the group join, /readyz serving
/// notifier.status("consumed=120 produced=118 lag=4")
/// notifier.watchdog()                               // from the pipeline loop, every interval/2
/// notifier.stopping()                               // on SIGTERM
/// ```
///
/// - Important: ``SystemdNotifier`` reads the environment once, in `init`. The unit's
///   `NotifyAccess=main` accepts datagrams from the main process only, so send from the
///   `newsworker` process itself, never from a child.
public struct SystemdNotifier: Sendable {
    /// Where datagrams go: `nil` when the process is not supervised by systemd.
    public let socketPath: String?

    /// How often systemd expects `WATCHDOG=1`, from `WATCHDOG_USEC`; `nil` when the unit has no
    /// `WatchdogSec=` or `WATCHDOG_PID` names another process. Ping at least every half of it.
    public let watchdogInterval: Duration?

    /// Whether notifications go anywhere.
    public var isEnabled: Bool { self.socketPath != nil }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from the process environment.
    public init() {
        var environment: [String: String] = [:]
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            if let value = getenv(key) {
                environment[key] = String(cString: value)
            }
        }
        self.init(environment: environment)
    }

    /// Reads the notify settings from the given environment, so tests need not touch the process's.
    ///
    /// - Parameters:
    ///   - environment: Variables as systemd sets them: `NOTIFY_SOCKET`, `WATCHDOG_USEC`, `WATCHDOG_PID`.
    ///   - processID: This process's id, matched against `WATCHDOG_PID`. Default: `nil`, `getpid()`.
    public init(environment: [String: String], processID: Int32? = nil) {
        let socket = environment["NOTIFY_SOCKET"] ?? ""
        self.socketPath = (socket.hasPrefix("/") || socket.hasPrefix("@")) ? socket : nil
        self.watchdogInterval = Self.watchdogInterval(
            environment: environment,
            processID: processID ?? getpid()
        )
    }

    /// Tells systemd start-up is done: `READY=1`. Send it once the worker can serve `/readyz`.
    /// - Returns: Whether the datagram was sent.
    @discardableResult
    public func ready() -> Bool { self.send("READY=1") }

    /// Tells systemd the service is shutting down: `STOPPING=1`.
    /// - Returns: Whether the datagram was sent.
    @discardableResult
    public func stopping() -> Bool { self.send("STOPPING=1") }

    /// Sets the one-line status `systemctl status` shows: `STATUS=…`.
    /// - Parameters:
    ///   - text: Free text; newlines are replaced by spaces since they would end the assignment.
    /// - Returns: Whether the datagram was sent.
    @discardableResult
    public func status(_ text: String) -> Bool {
        self.send("STATUS=" + String(text.map { $0.isNewline ? " " : $0 }))
    }

    /// Pets the watchdog: `WATCHDOG=1`. Call it from the loop whose progress it vouches for.
    /// - Returns: Whether the datagram was sent.
    @discardableResult
    public func watchdog() -> Bool { self.send("WATCHDOG=1") }

    /// Asks for more time to start or stop than the unit's timeout: `EXTEND_TIMEOUT_USEC=…`.
    /// - Parameters:
    ///   - duration: How long from now systemd should wait before its next timeout check.
    /// - Returns: Whether the datagram was sent.
    @discardableResult
    public func extendTimeout(_ duration: Duration) -> Bool {
        self.send("EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))")
    }

    /// Sends raw assignments, e.g. `"READY=1\nSTATUS=joined"`.
    /// - Parameters:
    ///   - assignments: Newline-separated `KEY=VALUE` lines, as `sd_notify(3)` takes them.
    /// - Returns: Whether the datagram was sent; `false` when disabled or on any socket error.
    @discardableResult
    public func send(_ assignments: String) -> Bool {
        guard let socketPath = self.socketPath else { return false }
        return Self.sendDatagram(Array(assignments.utf8), to: socketPath)
    }
}

extension SystemdNotifier {
    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0,
            usec <= UInt64(Int64.max)
        else { return nil }
        if let pid = environment["WATCHDOG_PID"], !pid.isEmpty, Int32(pid) != processID {
            return nil
        }
        return .microseconds(Int64(usec))
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// One datagram on a fresh socket, as `sd_notify` does: nothing to keep open or close on exit.
    static func sendDatagram(_ payload: [UInt8], to path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A path socket needs room for its terminating NUL; an abstract name does not have one.
        guard pathBytes.count < capacity || (isAbstract && pathBytes.count <= capacity) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        let length = socklen_t(pathOffset + pathBytes.count + (isAbstract ? 0 : 1))

        #if canImport(Darwin)
        let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
        #else
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }

        #if canImport(Darwin)
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, bytes.baseAddress, bytes.count, flags, socketAddress, length)
                }
            }
        }
        return sent == payload.count
    }
}

extension SystemdNotifier {
    /// Paces `WATCHDOG=1` to one ping per half interval, however fast the loop spins.
    ///
    /// ```swift
    /// var pacer = SystemdNotifier.WatchdogPacer(notifier: notifier)
    /// while running {
    ///     pacer.tick()          // cheap when not due: a clock read and a compare
    ///     try await step()
    /// }
    /// ```
    public struct WatchdogPacer: Sendable {
        /// The notifier pinged.
        public let notifier: SystemdNotifier
        /// The time between pings: half of ``SystemdNotifier/watchdogInterval``; `nil` disables pings.
        public let period: Duration?
        private var nextPing: ContinuousClock.Instant?

        /// - Parameters:
        ///   - notifier: Where pings go; its ``SystemdNotifier/watchdogInterval`` sets the pace.
        public init(notifier: SystemdNotifier) {
            self.notifier = notifier
            self.period = notifier.isEnabled ? notifier.watchdogInterval.map { $0 / 2 } : nil
        }

        /// Sends `WATCHDOG=1` when the last ping is at least ``period`` old (or there was none).
        /// - Parameters:
        ///   - now: The current time. Default: `.now`.
        /// - Returns: Whether a ping was sent.
        @discardableResult
        public mutating func tick(now: ContinuousClock.Instant = .now) -> Bool {
            guard let period = self.period else { return false }
            if let nextPing = self.nextPing, now < nextPing { return false }
            self.nextPing = now.advanced(by: period)
            return self.notifier.watchdog()
        }
    }
}
