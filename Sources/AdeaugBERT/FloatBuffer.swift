/// One owned, zero-initialised run of floats: the parameters, the gradients, the optimizer
/// moments and the activations each live in one of these, allocated once (llm.c style), so the
/// hot loops work on raw pointers with no copy-on-write or bounds-check traffic.
package final class FloatBuffer: @unchecked Sendable {
    package private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var count: Int

    package init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deallocate()
    }

    /// Grows (never shrinks) to at least `count` floats; old contents are not kept.
    func reserve(_ needed: Int) {
        guard needed > count else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: needed)
        pointer.initialize(repeating: 0, count: needed)
        count = needed
    }

    func zero() {
        pointer.update(repeating: 0, count: count)
    }

    subscript(offset: Int) -> UnsafeMutablePointer<Float> { pointer + offset }

    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
