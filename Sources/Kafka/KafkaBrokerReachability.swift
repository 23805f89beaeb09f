import Synchronization

/// A cheap signal of whether a client can reach its brokers.
public struct KafkaBrokerReachability: Hashable, Sendable, CustomStringConvertible {
    let rawValue: UInt8
    /// No signal yet (just started).
    public static let unknown = KafkaBrokerReachability(rawValue: 0)
    /// The last signal was a success: a message, a delivery report or a metadata reply.
    public static let reachable = KafkaBrokerReachability(rawValue: 1)
    /// The last signal was `_ALL_BROKERS_DOWN` or a failed metadata request.
    public static let unreachable = KafkaBrokerReachability(rawValue: 2)

    public var description: String {
        switch rawValue {
        case 1: "reachable"
        case 2: "unreachable"
        default: "unknown"
        }
    }
}

/// Tracks ``KafkaBrokerReachability``; written from librdkafka callbacks, read from anywhere.
final class BrokerReachabilityTracker: Sendable {
    private let state = Atomic<UInt8>(0)

    var value: KafkaBrokerReachability { KafkaBrokerReachability(rawValue: state.load(ordering: .relaxed)) }

    func set(_ value: KafkaBrokerReachability) {
        // Skip the store in the common case, so hot paths only read the cache line.
        if state.load(ordering: .relaxed) != value.rawValue {
            state.store(value.rawValue, ordering: .relaxed)
        }
    }
}
