import Crdkafka
import CrdkafkaMock
import Dispatch
public import Kafka

/// An in-process Kafka cluster from librdkafka's mock broker: real Kafka protocol over loopback TCP.
///
/// For tests, `newsworker dev-broker` and demos. Topics are auto-created with 4 partitions on first
/// use, or explicitly with ``createTopic(_:partitions:replicationFactor:)``. librdkafka 2.0.2's mock
/// delays the first group rebalance by 3 s, and drops offsets sent to transactions.
///
/// ```swift
/// let cluster = try MockCluster(brokers: 3)
/// try await cluster.createTopic("articles", partitions: 6)
/// var config = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
/// ...
/// await cluster.shutdown()
/// ```
public final class MockCluster: Sendable {
    /// The mock's `bootstrap.servers`, e.g. `127.0.0.1:37745,127.0.0.1:40293`.
    public let bootstrapServersString: String
    /// Broker ids, `1...brokers`.
    public let brokerIDs: [Int32]
    private let handles: Handles

    /// The broker addresses, ready for ``KafkaConfiguration/bootstrapServers``.
    public var bootstrapServers: [String] { bootstrapServersString.split(separator: ",").map(String.init) }

    /// Starts a mock cluster with `brokers` brokers listening on ephemeral loopback ports.
    /// - Throws: ``KafkaError`` if librdkafka cannot create it.
    public init(brokers: Int = 1) throws(KafkaError) {
        let conf = rd_kafka_conf_new()!
        var errstr = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_conf_set(conf, "log_level", "3", &errstr, errstr.count)
        // The mock needs an rd_kafka_t for bookkeeping; this one never connects anywhere.
        guard let rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .invalidArgument, message: "Cannot create the mock cluster's handle: \(String(cBuffer: errstr))")
        }
        guard let cluster = rd_kafka_mock_cluster_new(rk, Int32(clamping: brokers)) else {
            rd_kafka_destroy(rk)
            throw KafkaError(code: .fail, message: "rd_kafka_mock_cluster_new failed")
        }
        self.handles = Handles(rk: rk, cluster: cluster)
        self.bootstrapServersString = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        self.brokerIDs = Array(1...Int32(clamping: max(1, brokers)))
    }

    deinit {
        handles.destroy()
    }

    /// Creates a topic (the mock has no CreateTopics API).
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_topic_create(cluster, name, Int32(clamping: partitions), Int32(clamping: replicationFactor)), "create topic \(name)")
        }
    }

    /// Disconnects a broker and refuses new connections (no leader change). `nil`: all brokers.
    public func setBrokerDown(_ brokerID: Int32? = nil) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_broker_set_down(cluster, brokerID ?? -1), "broker down")
        }
    }

    /// Makes a broker accept connections again. `nil`: all brokers.
    public func setBrokerUp(_ brokerID: Int32? = nil) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_broker_set_up(cluster, brokerID ?? -1), "broker up")
        }
    }

    /// Adds a delay to every response of a broker. `nil`: all brokers.
    public func setRoundTripTime(_ rtt: Duration, broker brokerID: Int32? = nil) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_broker_set_rtt(cluster, brokerID ?? -1, rtt.clampedMilliseconds), "set rtt")
        }
    }

    /// Makes `brokerID` the leader of a partition (creating the topic if needed); `-1` makes it leaderless.
    public func setPartitionLeader(topic: String, partition: KafkaPartition, broker brokerID: Int32) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_partition_set_leader(cluster, topic, partition.rawValue, brokerID), "set leader")
        }
    }

    /// Makes `brokerID` the coordinator of a consumer group.
    public func setGroupCoordinator(group: String, broker brokerID: Int32) async throws(KafkaError) {
        try await handles.run { cluster throws(KafkaError) in
            try KafkaError.check(rd_kafka_mock_coordinator_set(cluster, "group", group, brokerID), "set coordinator")
        }
    }

    /// Makes the next `errors.count` requests of kind `api` fail, in order, with these codes.
    /// `_TRANSPORT` makes the broker disconnect the client instead.
    public func pushRequestErrors(_ api: APIKey, _ errors: [KafkaError.Code]) async {
        let codes = errors.map { rd_kafka_resp_err_t(rawValue: $0.rawValue) }
        _ = try? await handles.run { cluster in
            codes.withUnsafeBufferPointer { rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, codes.count, $0.baseAddress) }
        }
    }

    /// Returns `code` for every request on `topic` until cleared with `NO_ERROR` (`Code(rawValue: 0)`).
    public func setTopicError(_ topic: String, _ code: KafkaError.Code) async {
        _ = try? await handles.run { cluster in
            rd_kafka_mock_topic_set_error(cluster, topic, rd_kafka_resp_err_t(rawValue: code.rawValue))
        }
    }

    /// Stops the brokers and frees the cluster (off the cooperative pool). Idempotent.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            handles.queue.async {
                self.handles.destroyNow()
                continuation.resume()
            }
        }
    }

    /// Kafka protocol request types, for ``pushRequestErrors(_:_:)``.
    public struct APIKey: Hashable, Sendable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let produce = APIKey(rawValue: 0)
        public static let fetch = APIKey(rawValue: 1)
        public static let listOffsets = APIKey(rawValue: 2)
        public static let metadata = APIKey(rawValue: 3)
        public static let offsetCommit = APIKey(rawValue: 8)
        public static let offsetFetch = APIKey(rawValue: 9)
        public static let findCoordinator = APIKey(rawValue: 10)
        public static let joinGroup = APIKey(rawValue: 11)
        public static let heartbeat = APIKey(rawValue: 12)
        public static let syncGroup = APIKey(rawValue: 14)
        public static let initProducerID = APIKey(rawValue: 22)
    }
}

extension MockCluster {
    /// Owns the mock cluster and its throwaway `rd_kafka_t`.
    ///
    /// `@unchecked Sendable`: both pointers are only used on `queue` (serial), and destroyed there once.
    final class Handles: @unchecked Sendable {
        let queue = DispatchQueue(label: "rdkafka-mock-cluster")
        private let rk: OpaquePointer
        private var cluster: OpaquePointer?

        init(rk: OpaquePointer, cluster: OpaquePointer) {
            self.rk = rk
            self.cluster = cluster
        }

        func run<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws(KafkaError) -> T) async throws(KafkaError) -> T {
            let result: Result<T, KafkaError> = await withCheckedContinuation { continuation in
                queue.async {
                    guard let cluster = self.cluster else { return continuation.resume(returning: .failure(.closed)) }
                    do throws(KafkaError) {
                        continuation.resume(returning: .success(try body(cluster)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
            return try result.get()
        }

        /// On `queue` only.
        func destroyNow() {
            guard let cluster else { return }
            self.cluster = nil
            rd_kafka_mock_cluster_destroy(cluster)
            rd_kafka_destroy(rk)
        }

        /// From `deinit`: hands the (briefly blocking) destruction to `queue`.
        func destroy() {
            queue.async { self.destroyNow() }
        }
    }
}
