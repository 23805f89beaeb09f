import Crdkafka

/// Copies `rd_kafka_message_t`s into ``KafkaMessage`` values on the poll thread.
struct MessageConverter {
    private var topics: [OpaquePointer: String] = [:]

    mutating func forgetTopics() { topics.removeAll() }

    mutating func topicName(_ rkt: OpaquePointer) -> String {
        if let name = topics[rkt] { return name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        topics[rkt] = name
        return name
    }

    mutating func convert(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let raw = message.pointee
        let value = raw.payload.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []
        let key = raw.key.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: valuePointer.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: size)) }))
                index += 1
            }
        }
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &type)
        let timestamp: KafkaTimestamp? = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil
            : KafkaTimestamp(millisecondsSinceEpoch: milliseconds, kind: type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? .logAppendTime : .createTime)
        return KafkaMessage(
            topic: raw.rkt.map { topicName($0) } ?? "",
            partition: KafkaPartition(rawValue: raw.partition),
            offset: KafkaOffset(rawValue: raw.offset),
            key: key, value: value, headers: headers, timestamp: timestamp
        )
    }
}
