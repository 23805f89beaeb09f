/// A person, place or organisation the article names, once, with every way it was named.
public struct Entity: Sendable, Hashable, Codable {
    /// The kind of entity.
    public var kind: Kind
    /// The canonical name (`Vladimir Poutine` for "M. Poutine", "V. Poutine", "Poutine").
    public var name: String
    /// The distinct surface forms seen, in order of first appearance.
    public var mentions: [String]
    /// How many times the entity is mentioned.
    public var count: Int

    /// Creates an entity.
    public init(kind: Kind, name: String, mentions: [String], count: Int) {
        self.kind = kind
        self.name = name
        self.mentions = mentions
        self.count = count
    }

    /// The kind of an entity.
    public enum Kind: String, Sendable, Hashable, Codable {
        case person, place, organisation
    }
}
