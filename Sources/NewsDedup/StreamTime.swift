/// When an article entered the stream: the clock the dedup window runs on.
///
/// In the worker it is the fingerprint log's record time (the same on every replica); in the batch CLI
/// the run's clock. The index never lets it go back: a time earlier than one already seen counts as
/// that one, so stream time is monotone in log order.
public struct StreamTime: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    /// Creates a time from milliseconds since 1970.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The minute (since 1970) the index files an article under; clamped to `0…UInt32.max`.
    var minute: UInt32 {
        UInt32(clamping: max(0, millisecondsSince1970 / 60_000))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }
}
