package import Crdkafka

/// An error reported by librdkafka or by this wrapper.
///
/// Match on ``code`` without importing C: `if error.code == .allBrokersDown { ... }`.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An extensible error code mirroring librdkafka's `rd_kafka_resp_err_t` names.
    ///
    /// Local (client-side) errors have names starting with `_`, e.g. `_TRANSPORT`; broker errors
    /// are the Kafka protocol names, e.g. `UNKNOWN_TOPIC_OR_PART`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The numeric `rd_kafka_resp_err_t` value (stable across librdkafka versions).
        public let rawValue: Int32

        /// Creates a code from its numeric librdkafka value.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        init(_ err: rd_kafka_resp_err_t) { self.rawValue = err.rawValue }

        /// librdkafka's name for the code, e.g. `_ALL_BROKERS_DOWN` (a bounded set: safe as a metric label).
        public var name: String {
            String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: rawValue)))
        }

        /// librdkafka's human-readable text for the code.
        public var text: String {
            String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: rawValue)))
        }

        public var description: String { name }

        /// Broker transport failure (`_TRANSPORT`): a connection was lost or refused.
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        /// All brokers are down (`_ALL_BROKERS_DOWN`).
        public static let allBrokersDown = Code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        /// Host resolution failure (`_RESOLVE`).
        public static let resolve = Code(RD_KAFKA_RESP_ERR__RESOLVE)
        /// Invalid argument or configuration (`_INVALID_ARG`).
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        /// A local operation timed out (`_TIMED_OUT`).
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        /// A produced message was not delivered within `message.timeout.ms` (`_MSG_TIMED_OUT`).
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        /// The producer queue is full (`_QUEUE_FULL`).
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        /// Reached the end of a partition (`_PARTITION_EOF`).
        public static let partitionEOF = Code(RD_KAFKA_RESP_ERR__PARTITION_EOF)
        /// Unknown topic (`_UNKNOWN_TOPIC`), local.
        public static let unknownTopic = Code(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        /// Unknown partition (`_UNKNOWN_PARTITION`), local.
        public static let unknownPartition = Code(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
        /// Unknown topic or partition reported by the broker (`UNKNOWN_TOPIC_OR_PART`).
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        /// No offset to commit (`_NO_OFFSET`).
        public static let noOffset = Code(RD_KAFKA_RESP_ERR__NO_OFFSET)
        /// The operation is invalid in the current state (`_STATE`), e.g. storing an offset for an unassigned partition.
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        /// Generic local failure (`_FAIL`).
        public static let fail = Code(RD_KAFKA_RESP_ERR__FAIL)
        /// A fatal error occurred (`_FATAL`); the client must be recreated.
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
        /// The client instance is being destroyed (`_DESTROY`); also used for operations after `close()`.
        public static let destroyed = Code(RD_KAFKA_RESP_ERR__DESTROY)
        /// A queued message was purged before delivery (`_PURGE_QUEUE`).
        public static let purgedQueue = Code(RD_KAFKA_RESP_ERR__PURGE_QUEUE)
        /// An in-flight message was purged before delivery (`_PURGE_INFLIGHT`).
        public static let purgedInFlight = Code(RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
        /// The broker is not the partition leader (`NOT_LEADER_FOR_PARTITION`).
        public static let notLeaderForPartition = Code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        /// The partition has no leader right now (`LEADER_NOT_AVAILABLE`).
        public static let leaderNotAvailable = Code(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
        /// A broker request timed out (`REQUEST_TIMED_OUT`).
        public static let requestTimedOut = Code(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
        /// Not enough in-sync replicas (`NOT_ENOUGH_REPLICAS`).
        public static let notEnoughReplicas = Code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
        /// Message larger than the broker accepts (`MSG_SIZE_TOO_LARGE`).
        public static let messageSizeTooLarge = Code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
        /// Authentication failed (`_AUTHENTICATION`).
        public static let authentication = Code(RD_KAFKA_RESP_ERR__AUTHENTICATION)
        /// SSL error (`_SSL`).
        public static let ssl = Code(RD_KAFKA_RESP_ERR__SSL)
        /// Topic authorization failed (`TOPIC_AUTHORIZATION_FAILED`).
        public static let topicAuthorizationFailed = Code(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
        /// Group authorization failed (`GROUP_AUTHORIZATION_FAILED`).
        public static let groupAuthorizationFailed = Code(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED)

        /// Codes that are expected to clear up by themselves (librdkafka retries them internally too).
        static let retriable: Set<Code> = [
            .transport, .allBrokersDown, .resolve, .timedOut, .messageTimedOut, .queueFull,
            .notLeaderForPartition, .leaderNotAvailable, .requestTimedOut, .notEnoughReplicas,
            Code(RD_KAFKA_RESP_ERR__WAIT_COORD), Code(RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE),
            Code(RD_KAFKA_RESP_ERR__RETRY), Code(RD_KAFKA_RESP_ERR__IN_PROGRESS),
            Code(RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS), Code(RD_KAFKA_RESP_ERR__NODE_UPDATE),
            Code(RD_KAFKA_RESP_ERR__ISR_INSUFF), Code(RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE),
            Code(RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION), Code(RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS),
            Code(RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE), Code(RD_KAFKA_RESP_ERR_NOT_COORDINATOR),
            Code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND), Code(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS),
            Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART), Code(RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR),
        ]
        /// The broker refused the record as invalid (`INVALID_RECORD`).
        public static let invalidRecord = Code(RD_KAFKA_RESP_ERR_INVALID_RECORD)

        /// Codes that refuse the record itself, whoever sends it and however often: a message larger than
        /// `message.max.bytes` (local or broker), a batch larger than the broker accepts, a corrupt or
        /// invalid record, an invalid timestamp. The same bytes cannot succeed later; everything else (a
        /// broker down, a leader moving, a timeout) may.
        public var refusesRecord: Bool { Self.recordRefusals.contains(self) }

        static let recordRefusals: Set<Code> = [
            .messageSizeTooLarge, .invalidRecord, Code(RD_KAFKA_RESP_ERR_INVALID_MSG),
            Code(RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE), Code(RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE),
            Code(RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP), Code(RD_KAFKA_RESP_ERR__BAD_MSG),
        ]
    }

    /// What went wrong, as a librdkafka error code.
    public var code: Code
    /// A human-readable explanation (librdkafka's reason string when it gave one).
    public var message: String
    /// The configuration property involved, for configuration errors.
    public var key: String?
    /// Whether retrying the operation (or waiting) may succeed.
    public var isRetriable: Bool
    /// Whether the client is unusable and must be recreated.
    public var isFatal: Bool

    /// Creates an error; retriable and fatal default from the code.
    public init(code: Code, message: String? = nil, key: String? = nil, isRetriable: Bool? = nil, isFatal: Bool? = nil) {
        self.code = code
        self.message = message ?? code.text
        self.key = key
        self.isRetriable = isRetriable ?? Code.retriable.contains(code)
        self.isFatal = isFatal ?? (code == .fatal)
    }

    init(_ err: rd_kafka_resp_err_t, message: String? = nil) {
        self.init(code: Code(err), message: message)
    }

    /// Converts an owned `rd_kafka_error_t`, destroying it.
    init(consuming error: OpaquePointer) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: Code(rd_kafka_error_code(error)),
            message: String(cString: rd_kafka_error_string(error)),
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }

    /// Throws if `err` is not `NO_ERROR`.
    package static func check(_ err: rd_kafka_resp_err_t, _ context: @autoclosure () -> String? = nil) throws(KafkaError) {
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        var error = KafkaError(err)
        if let context = context() { error.message = "\(context): \(error.message)" }
        throw error
    }

    /// The client was closed before or during the operation.
    package static let closed = KafkaError(code: .destroyed, message: "The Kafka client is closed")

    public var description: String {
        var text = "KafkaError(\(code.name)"
        if let key { text += ", key: \(key)" }
        text += "): \(message)"
        if isFatal { text += " [fatal]" } else if isRetriable { text += " [retriable]" }
        return text
    }
}
