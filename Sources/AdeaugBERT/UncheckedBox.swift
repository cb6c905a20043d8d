/// Carries a value into `concurrentPerform`'s closure; safe only because each thread touches
/// disjoint memory (see the callers).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
