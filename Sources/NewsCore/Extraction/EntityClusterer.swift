/// Groups mentions into entities: "Vladimir Poutine", "M. Poutine", "V. Poutine" and "Poutine" are one.
///
/// People are merged by surname (the last word), checking the given name or its initial when both have
/// one; a lone word also joins a person whose name contains it ("Wang" → "Wang Yi"). Places and
/// organisations are merged by gazetteer entry, else by their folded words. Unresolved names that join
/// nobody become places after a locative preposition, and are dropped otherwise.
struct EntityClusterer {
    let text: ArticleText
    let index: LexiconIndex

    /// An entity being built.
    struct Cluster {
        var kind: Entity.Kind
        /// The mention whose name is the canonical one.
        var best: Int
        var entry: Int32
        /// The keys of the canonical name (see ``EntityMention``).
        var key: UInt64
        var firstWord: UInt64
        var lastWord: UInt64
        var wordCount: Int
        var letter: UInt8
        /// The number of mentions.
        var count = 1
    }

    /// Assigns ``EntityMention/cluster`` and returns the clusters.
    func cluster(_ mentions: inout [EntityMention]) -> [Cluster] {
        var clusters: [Cluster] = []
        clusters.reserveCapacity(32)
        func create(_ position: Int, kind: Entity.Kind) {
            let mention = mentions[position]
            clusters.append(Cluster(kind: kind, best: position, entry: mention.entry, key: mention.key,
                                    firstWord: mention.firstWord, lastWord: mention.lastWord,
                                    wordCount: mention.wordCount, letter: mention.letter))
            mentions[position].cluster = clusters.count - 1
        }
        func join(_ position: Int, _ cluster: Int) {
            mentions[position].cluster = cluster
            clusters[cluster].count += 1
        }
        // Places and organisations.
        for position in mentions.indices {
            let mention = mentions[position]
            guard let kind = mention.kind, kind != .person else { continue }
            var found = -1
            for (index, cluster) in clusters.enumerated() where cluster.kind == kind {
                if mention.entry >= 0 ? cluster.entry == mention.entry : cluster.entry < 0 && cluster.key == mention.key {
                    found = index
                    break
                }
            }
            if found >= 0 { join(position, found) } else { create(position, kind: kind) }
        }
        // Full names first, so that lone surnames find them.
        for position in mentions.indices where mentions[position].kind == .person && mentions[position].wordCount >= 2 {
            let mention = mentions[position]
            var found = -1
            for (index, cluster) in clusters.enumerated() where cluster.kind == .person && cluster.wordCount >= 2 {
                if cluster.lastWord == mention.lastWord, cluster.firstWord == mention.firstWord || cluster.letter == mention.letter {
                    found = index
                    break
                }
            }
            if found < 0 {
                create(position, kind: .person)
                continue
            }
            join(position, found)
            if mention.wordCount > clusters[found].wordCount {
                clusters[found].best = position
                clusters[found].key = mention.key
                clusters[found].firstWord = mention.firstWord
                clusters[found].wordCount = mention.wordCount
            }
        }
        // Lone names: people with a surname only, and unresolved capitalised words.
        for position in mentions.indices {
            let mention = mentions[position]
            guard mention.kind == nil || mention.kind == .person, mention.cluster < 0, mention.wordCount > 0 else { continue }
            if let found = personMatching(mention, in: clusters, mentions) {
                join(position, found)
            } else if mention.kind == .person {
                create(position, kind: .person)
            } else if mention.wordCount == 1, let found = clusters.firstIndex(where: { $0.kind != .person && $0.key == mention.key }) {
                join(position, found)
            } else if mention.afterLocative, mention.wordCount == 1 {
                create(position, kind: .place)
            }
        }
        return clusters
    }

    /// The person a name of one word (or an initial and a surname) refers to.
    private func personMatching(_ mention: EntityMention, in clusters: [Cluster], _ mentions: [EntityMention]) -> Int? {
        guard mention.wordCount == 1 else {
            // An unresolved run of several words joins only the same full name.
            return clusters.firstIndex { $0.kind == .person && $0.key == mention.key }
        }
        let initial: UInt8? = mention.startsWithInitial ? mention.letter : nil
        var best: Int?
        for (position, cluster) in clusters.enumerated() where cluster.kind == .person {
            if cluster.lastWord == mention.lastWord, initial == nil || cluster.letter == initial {
                if best == nil || cluster.wordCount > clusters[best!].wordCount { best = position }
            }
        }
        if let best { return best }
        guard initial == nil else { return nil }
        // "Wang" → "Wang Yi": any word of a full name.
        let tokens = text.tokens
        for (position, cluster) in clusters.enumerated() where cluster.kind == .person && cluster.wordCount >= 2 {
            for token in mentions[cluster.best].name where tokens[token].hash == mention.lastWord {
                return position
            }
        }
        return nil
    }

    /// The entities, most mentioned first (first mentioned first on ties).
    func entities(_ clusters: [Cluster], _ mentions: [EntityMention], names: [String]) -> [Entity] {
        var firstMention = [Int](repeating: Int.max, count: clusters.count)
        // The distinct surface forms of each cluster, in order of first appearance: found first by hash, so
        // that each entity's list is allocated once, at its final size.
        var forms: [(cluster: Int, hash: UInt64, mention: Int)] = []
        forms.reserveCapacity(mentions.count)
        var formCounts = [Int](repeating: 0, count: clusters.count)
        for (position, mention) in mentions.enumerated() where mention.cluster >= 0 {
            firstMention[mention.cluster] = min(firstMention[mention.cluster], position)
            let hash = text.rawHash(mention.tokens)
            if !forms.contains(where: { $0.cluster == mention.cluster && $0.hash == hash }) {
                forms.append((mention.cluster, hash, position))
                formCounts[mention.cluster] += 1
            }
        }
        var surfaces = formCounts.map { count in
            var surface: [String] = []
            surface.reserveCapacity(count)
            return surface
        }
        for form in forms { surfaces[form.cluster].append(text.text(mentions[form.mention].tokens)) }
        let order = clusters.indices.sorted { left, right in
            let (a, b) = (clusters[left].count, clusters[right].count)
            return a != b ? a > b : firstMention[left] < firstMention[right]
        }
        return order.map { position in
            var surface: [String] = []
            swap(&surface, &surfaces[position])
            return Entity(kind: clusters[position].kind, name: names[position], mentions: surface, count: clusters[position].count)
        }
    }

    /// The canonical name of a cluster.
    func name(_ cluster: Cluster, _ mentions: [EntityMention]) -> String {
        if cluster.entry >= 0 { return index.entries[Int(cluster.entry)].name }
        let name = mentions[cluster.best].name
        let written = text.text(name)
        let allCaps = name.allSatisfy { text.tokens[$0].shape.contains(.allCaps) || text.tokens[$0].shape.contains(.initial) }
        return allCaps && cluster.kind == .person ? written.capitalisedWords() : written
    }
}

extension String {
    /// "ALEXEI DRUZHININ" → "Alexei Druzhinin".
    fileprivate func capitalisedWords() -> String {
        var result = ""
        var startOfWord = true
        for character in self {
            result += startOfWord ? character.uppercased() : character.lowercased()
            startOfWord = !character.isLetter
        }
        return result
    }
}
