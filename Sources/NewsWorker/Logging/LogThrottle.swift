/// Lets one log line through per ``interval`` for a message that can repeat at any rate (a retry loop, a
/// stream of refusals), and counts the ones held back so the next line can say how many there were.
struct LogThrottle: Sendable {
    /// The least time between two lines.
    let interval: Duration
    private var last: ContinuousClock.Instant?
    private var held = 0

    init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// `nil` when this occurrence is held back, else how many were held back since the last line.
    mutating func admit(at now: ContinuousClock.Instant = .now) -> Int? {
        if let last, now - last < interval {
            held += 1
            return nil
        }
        last = now
        defer { held = 0 }
        return held
    }
}
