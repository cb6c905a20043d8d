import Dispatch

/// Runs `body(0..<count)` on that many threads and waits (Dispatch's `concurrentPerform`).
/// The closure may capture non-Sendable state: callers hand each index disjoint data.
package enum Parallel {
    package static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }

    /// `0..<total` cut into `parts` contiguous ranges of nearly equal size.
    package static func ranges(_ total: Int, parts: Int) -> [Range<Int>] {
        (0..<parts).map { total * $0 / parts..<total * ($0 + 1) / parts }
    }
}
