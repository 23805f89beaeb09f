/// Groups mentions into entities: "Vladimir Poutine", "M. Poutine", "V. Poutine" and "Poutine" are one.
///
/// People are merged by surname (the last word), checking the given name or its initial when both have
/// one; a lone word also joins a person whose name contains it ("Wang" → "Wang Yi"). Places and
/// organisations are merged by gazetteer entry, else by their folded words. Unresolved names that join
/// nobody become places after a locative preposition, and are dropped otherwise.
struct EntityClusterer {
    let text: ArticleText
    /// The lexicon's gazetteer and agency entries (``LexiconIndex/entries``): all a finder reads of the index
    /// besides the tokens, held alone so that making the finder retains one array, not the whole index.
    let entries: [LexiconEntry]

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
    ///
    /// Each entity's distinct surface forms are found by raw hash first, in one scratch allocation, so that
    /// the only arrays allocated are the result and each entity's list of forms, at its final size.
    func entities(_ clusters: [Cluster], _ mentions: [EntityMention], names: [String]) -> [Entity] {
        guard !clusters.isEmpty else { return [] }
        var forms = SurfaceForms(clusters: clusters.count, mentions: mentions.count)
        defer { forms.deallocate() }
        for position in mentions.indices where mentions[position].cluster >= 0 {
            forms.add(mention: position, hash: text.rawHash(mentions[position].tokens), to: mentions[position].cluster)
        }
        // A cluster's first form is its first mention.
        var order = forms.order
        for cluster in order.indices { order[cluster] = cluster }
        order.sort { left, right in
            let (a, b) = (clusters[left].count, clusters[right].count)
            return a != b ? a > b : forms.firstMention(of: left) < forms.firstMention(of: right)
        }
        // `reserveCapacity` and `append`, not `init(unsafeUninitializedCapacity:)`: that one allocates through
        // the runtime's generic path, three times the cost.
        var entities: [Entity] = []
        entities.reserveCapacity(clusters.count)
        for cluster in order {
            var surface: [String] = []
            surface.reserveCapacity(forms.count(of: cluster))
            var form = forms.first(of: cluster)
            while form >= 0 {
                surface.append(text.text(mentions[forms.mention(of: form)].tokens))
                form = forms.next(after: form)
            }
            entities.append(Entity(kind: clusters[cluster].kind, name: names[cluster], mentions: surface, count: clusters[cluster].count))
        }
        return entities
    }

    /// The distinct surface forms of each cluster, in order of first appearance, as linked lists through one
    /// buffer of integers: per cluster its first and last form, its number of forms and a slot of ``order``;
    /// per form the mention showing it first, its raw hash and the next form of the same cluster (-1: none).
    private struct SurfaceForms {
        private let storage: UnsafeMutableBufferPointer<Int>
        private let clusters: Int
        private var formCount = 0

        init(clusters: Int, mentions: Int) {
            self.clusters = clusters
            storage = .allocate(capacity: 4 * clusters + 3 * mentions)
            storage.initialize(repeating: -1)
            for cluster in 0..<clusters { storage[2 * clusters + cluster] = 0 }
        }

        // Layout: first[clusters], last[clusters], count[clusters], order[clusters], then per form: mention,
        // hash, next.
        func first(of cluster: Int) -> Int { storage[cluster] }
        func count(of cluster: Int) -> Int { storage[2 * clusters + cluster] }
        func mention(of form: Int) -> Int { storage[4 * clusters + 3 * form] }
        func next(after form: Int) -> Int { storage[4 * clusters + 3 * form + 2] }
        func firstMention(of cluster: Int) -> Int { mention(of: first(of: cluster)) }
        /// Room for the clusters in output order (filled by the caller).
        var order: UnsafeMutableBufferPointer<Int> { UnsafeMutableBufferPointer(rebasing: storage[3 * clusters..<4 * clusters]) }

        /// Records a mention of `cluster` as a new form unless one of the cluster's forms has the same hash.
        mutating func add(mention: Int, hash: UInt64, to cluster: Int) {
            let hash = Int(bitPattern: UInt(hash))
            var form = first(of: cluster)
            while form >= 0 {
                if storage[4 * clusters + 3 * form + 1] == hash { return }
                form = next(after: form)
            }
            let new = formCount
            formCount += 1
            storage[4 * clusters + 3 * new] = mention
            storage[4 * clusters + 3 * new + 1] = hash
            if storage[clusters + cluster] >= 0 {
                storage[4 * clusters + 3 * storage[clusters + cluster] + 2] = new
            } else {
                storage[cluster] = new
            }
            storage[clusters + cluster] = new
            storage[2 * clusters + cluster] += 1
        }

        func deallocate() { storage.deallocate() }
    }

    /// The canonical name of a cluster.
    func name(_ cluster: Cluster, _ mentions: [EntityMention]) -> String {
        if cluster.entry >= 0 { return entries[Int(cluster.entry)].name }
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
