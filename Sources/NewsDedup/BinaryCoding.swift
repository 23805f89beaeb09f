/// Appends little-endian integers, LEB128 varints and length-prefixed strings to a byte buffer.
struct ByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A signed integer, zig-zag encoded.
    mutating func signedVarint(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func string(_ text: String) {
        varint(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }
}

/// Reads what ``ByteWriter`` writes; every read checks bounds and throws ``DedupError`` instead of
/// trapping.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    /// Bytes left to read.
    var remaining: Int { end - offset }

    mutating func byte() throws(DedupError) -> UInt8 {
        guard offset < end else { throw DedupError(.truncated, "unexpected end at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws(DedupError) -> UInt16 {
        UInt16(try byte()) | UInt16(try byte()) << 8
    }

    mutating func uint32() throws(DedupError) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try byte()) << UInt32(shift) }
        return value
    }

    mutating func uint64() throws(DedupError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(try byte()) << UInt64(shift) }
        return value
    }

    mutating func varint() throws(DedupError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64, shift < 63 || byte <= 1 else { throw DedupError(.malformed, "varint too long at byte \(offset)") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A varint that must be at most `limit` (a sanity bound, evaluated before the varint is read).
    mutating func count(atMost limit: Int) throws(DedupError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw DedupError(.malformed, "count \(value) over \(limit) at byte \(offset)") }
        return Int(value)
    }

    mutating func signedVarint() throws(DedupError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func string() throws(DedupError) -> String {
        let declared = try varint()
        guard declared <= UInt64(remaining) else { throw DedupError(.truncated, "string of \(declared) bytes at byte \(offset)") }
        let length = Int(declared)
        defer { offset += length }
        let slice = bytes[offset..<offset + length]
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw DedupError(.malformed, "string is not UTF-8 at byte \(offset)")
        }
        return text
    }

    mutating func skip(_ count: Int) throws(DedupError) {
        guard count <= remaining else { throw DedupError(.truncated, "unexpected end at byte \(offset)") }
        offset += count
    }
}
