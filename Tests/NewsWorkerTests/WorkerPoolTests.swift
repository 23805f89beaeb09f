@testable import NewsWorker
import Testing

/// The bounded pool keeps input order, whatever the width.
struct WorkerPoolTests {
    @Test(arguments: [1, 2, 3, 8])
    func resultsAreInInputOrder(width: Int) async {
        let pool = WorkerPool(width: width, minimumSlice: 1)
        let items = Array(0..<101)
        #expect(await pool.map(items) { $0 * 2 } == items.map { $0 * 2 })
        #expect(await pool.map([Int]()) { $0 } == [])
    }
}
