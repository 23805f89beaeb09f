extension VerdictMemory {
    /// Writes the remembered entries, oldest first: varint count, then per entry `u64` id key, `u8` kind
    /// (bits 0–1 status, 2–3 names: 0 none, 1 `of` is the cluster, 2 both; bit 4 implausible date),
    /// `u16` similarity in ten-thousandths, then `of` and the cluster as varint length + UTF-8 as the
    /// kind says.
    func write(to writer: inout ByteWriter) {
        writer.varint(UInt64(count))
        for position in first..<keys.count {
            writer.uint64(keys[position])
            writer.byte(kinds[position])
            writer.uint16(similarities[position])
            // The names column holds them as this format does: copied as they are.
            writer.bytes += names.bytes[nameRange(at: position)]
        }
    }

    /// Reads entries written by ``write(to:)`` into an empty memory of `budget` bytes (a smaller
    /// budget than the writer's keeps the newest).
    /// - Throws: ``DedupError`` on truncated or malformed bytes.
    init(reading reader: inout ByteReader, budget: Int) throws(DedupError) {
        self.init(budget: budget)
        let count = try reader.count(atMost: reader.remaining / 11)
        for _ in 0..<count {
            let key = try reader.uint64()
            let kind = try reader.byte()
            guard kind & 0xE0 == 0, kind >> 2 & 3 <= 2 else { throw DedupError(.malformed, "verdict memory: unknown kind \(kind)") }
            let status = ArticleStore.status(at: Int(kind & 3))
            let similarity = try reader.uint16()
            guard similarity <= 10_000 else { throw DedupError(.malformed, "verdict memory: similarity \(similarity) over 10000") }
            let names = kind >> 2 & 3
            guard (names == 0) == (status == .unique) else { throw DedupError(.malformed, "verdict memory: status \(status) with names kind \(names)") }
            let of = names == 0 ? nil : try reader.string()
            let cluster = names == 2 ? try reader.string() : of ?? ""
            append(idKey: key, verdict: DedupVerdict(
                status: status, of: of, cluster: cluster, similarity: Double(similarity) / 10_000, implausibleDate: kind & 16 != 0
            ))
        }
    }
}
