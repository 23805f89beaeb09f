/// A deterministic generator for reproducible test data (SplitMix64).
package struct TestRandom {
    package var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    package mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Text from invented words, so tests control exactly what two texts share.
package enum RandomText {
    /// `count` invented three-syllable words.
    package static func words(_ count: Int, seed: UInt64) -> [String] {
        var random = TestRandom(seed: seed)
        let syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "va", "ze", "bri", "dou", "fen", "gal"]
        return (0..<count).map { _ in (0..<3).map { _ in syllables[random.below(syllables.count)] }.joined() }
    }

    /// A paragraph of `length` words drawn from `vocabulary`.
    package static func paragraph(_ vocabulary: [String], length: Int = 60, seed: UInt64) -> String {
        var random = TestRandom(seed: seed)
        return (0..<length).map { _ in vocabulary[random.below(vocabulary.count)] }.joined(separator: " ")
    }
}
