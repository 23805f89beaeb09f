import Foundation

/// Runs a pure transform over a batch on up to ``width`` cores at once, results in input order.
///
/// The batch is cut into at most ``width`` contiguous slices, one child task each, so the cost is one task
/// per slice, not per item; a batch too small to share runs on the caller's task (no hop).
struct WorkerPool: Sendable {
    /// Slices run at once, at most.
    let width: Int
    /// Items below which a slice is not worth a task of its own.
    let minimumSlice: Int

    /// - Parameters:
    ///   - width: Default: the machine's active processors.
    ///   - minimumSlice: Default: `4`
    init(width: Int = ProcessInfo.processInfo.activeProcessorCount, minimumSlice: Int = 4) {
        self.width = max(1, width)
        self.minimumSlice = max(1, minimumSlice)
    }

    /// `transform` of each item, in order.
    func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) -> Result) async -> [Result] {
        let slices = min(width, items.count / minimumSlice)
        guard slices > 1 else { return items.map(transform) }
        let size = (items.count + slices - 1) / slices
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: size) {
                let slice = items[start..<min(start + size, items.count)]
                group.addTask { (start, slice.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
