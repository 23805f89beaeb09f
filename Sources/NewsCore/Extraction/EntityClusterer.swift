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
        /// Folded hashes of the canonical name's words (initials left out).
        var words: [UInt64]
        var firstLetter: UInt8
        var mentions: [Int] = []
    }

    /// Assigns ``EntityMention/cluster`` and returns the clusters.
    func cluster(_ mentions: inout [EntityMention]) -> [Cluster] {
        var clusters: [Cluster] = []
        let tokens = text.tokens
        func words(_ mention: EntityMention) -> [UInt64] {
            mention.name.compactMap { tokens[$0].shape.contains(.initial) ? nil : tokens[$0].hash }
        }
        func add(_ mentionIndex: Int, to cluster: Int) {
            mentions[mentionIndex].cluster = cluster
            clusters[cluster].mentions.append(mentionIndex)
        }
        func create(_ mentionIndex: Int, kind: Entity.Kind) {
            let mention = mentions[mentionIndex]
            clusters.append(Cluster(kind: kind, best: mentionIndex, entry: mention.entry, words: words(mention),
                                    firstLetter: tokens[mention.name.lowerBound].initialLetter))
            add(mentionIndex, to: clusters.count - 1)
        }
        // Places and organisations.
        for (position, mention) in mentions.enumerated() where mention.kind == .place || mention.kind == .organisation {
            let key = words(mention)
            if let existing = clusters.firstIndex(where: {
                $0.kind == mention.kind && (mention.entry >= 0 ? $0.entry == mention.entry : $0.entry < 0 && $0.words == key)
            }) {
                add(position, to: existing)
            } else {
                create(position, kind: mention.kind!)
            }
        }
        // Full names first, so that lone surnames find them.
        for (position, mention) in mentions.enumerated() where mention.kind == .person {
            let key = words(mention)
            guard key.count >= 2 else { continue }
            let letter = tokens[mention.name.lowerBound].initialLetter
            if let existing = clusters.firstIndex(where: {
                $0.kind == .person && $0.words.count >= 2 && $0.words.last == key.last
                    && ($0.words.first == key.first || $0.firstLetter == letter)
            }) {
                add(position, to: existing)
                if key.count > clusters[existing].words.count {
                    clusters[existing].best = position
                    clusters[existing].words = key
                }
            } else {
                create(position, kind: .person)
            }
        }
        // Lone names: people with a surname only, and unresolved capitalised words.
        for (position, mention) in mentions.enumerated() where mention.kind == nil || mention.kind == .person {
            let key = words(mention)
            guard mention.cluster < 0, !key.isEmpty else { continue }
            let initial = tokens[mention.name.lowerBound].shape.contains(.initial)
            let letter = tokens[mention.name.lowerBound].initialLetter
            if let existing = personMatching(key, initial: initial ? letter : nil, in: clusters) {
                add(position, to: existing)
            } else if mention.kind == .person {
                create(position, kind: .person)
            } else if key.count == 1, let existing = clusters.firstIndex(where: { $0.kind != .person && $0.words == key }) {
                add(position, to: existing)
            } else if mention.afterLocative, key.count == 1 {
                create(position, kind: .place)
            }
        }
        for index in clusters.indices { clusters[index].mentions.sort() }
        return clusters
    }

    /// The person a name of one word (or an initial and a surname) refers to.
    private func personMatching(_ key: [UInt64], initial: UInt8?, in clusters: [Cluster]) -> Int? {
        guard key.count == 1 || initial == nil else {
            // An unresolved run of several words joins only the same full name.
            return clusters.firstIndex { $0.kind == .person && $0.words == key }
        }
        let word = key[key.count - 1]
        var best: Int?
        for (position, cluster) in clusters.enumerated() where cluster.kind == .person {
            if cluster.words.last == word, initial == nil || cluster.firstLetter == initial {
                if best == nil || cluster.words.count > clusters[best!].words.count { best = position }
            }
        }
        if let best { return best }
        guard initial == nil else { return nil }
        return clusters.firstIndex { $0.kind == .person && $0.words.count >= 2 && $0.words.contains(word) }
    }

    /// The entities, most mentioned first (first mentioned first on ties).
    func entities(_ clusters: [Cluster], _ mentions: [EntityMention]) -> [Entity] {
        let order = clusters.indices.filter { !clusters[$0].mentions.isEmpty }.sorted { left, right in
            let (a, b) = (clusters[left], clusters[right])
            if a.mentions.count != b.mentions.count { return a.mentions.count > b.mentions.count }
            return a.mentions[0] < b.mentions[0]
        }
        return order.map { position in
            let cluster = clusters[position]
            var forms: [String] = []
            var seen: [UInt64] = []
            for mention in cluster.mentions {
                let hash = text.rawHash(mentions[mention].tokens)
                if !seen.contains(hash) {
                    seen.append(hash)
                    forms.append(text.text(mentions[mention].tokens))
                }
            }
            return Entity(kind: cluster.kind, name: name(cluster, mentions), mentions: forms, count: cluster.mentions.count)
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
