/// A growing buffer of compact JSON, written by hand for the records on the hot path.
///
/// Produces exactly what Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` produces
/// for the same values (callers write keys in sorted order), at a fraction of its cost: no boxing, no
/// intermediate tree, one allocation that grows geometrically.
struct JSONBuffer {
    /// The JSON written so far.
    private(set) var bytes: [UInt8]
    /// Whether the next member or element is the first of its container.
    private var first = true

    /// Creates a buffer with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes `{`, calls `body` for the members, writes `}`.
    mutating func object(_ body: (inout JSONBuffer) -> Void) {
        container(opening: UInt8(ascii: "{"), closing: UInt8(ascii: "}"), body)
    }

    /// Writes `[`, calls `body` for the elements, writes `]`.
    mutating func array(_ body: (inout JSONBuffer) -> Void) {
        container(opening: UInt8(ascii: "["), closing: UInt8(ascii: "]"), body)
    }

    private mutating func container(opening: UInt8, closing: UInt8, _ body: (inout JSONBuffer) -> Void) {
        separate()
        bytes.append(opening)
        first = true
        body(&self)
        bytes.append(closing)
        first = false
    }

    /// Writes a member name; the value written next belongs to it.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        first = true  // The value follows without a comma.
    }

    /// Writes a string value, escaped.
    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a string value, or `null`.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes an array of strings.
    mutating func strings(_ values: [String]) {
        array { json in for value in values { json.string(value) } }
    }

    /// Writes an integer.
    mutating func integer(_ value: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite number the way `JSONEncoder` does: its shortest description, without a `.0` suffix.
    mutating func number(_ value: Double) {
        separate()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `true` or `false`.
    mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes `null`.
    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A comma before every member or element but the first.
    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }
}
