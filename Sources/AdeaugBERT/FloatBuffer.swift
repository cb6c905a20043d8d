#if canImport(Glibc)
import Glibc
#endif

/// One owned, zero-initialised run of floats: the parameters, the gradients, the optimizer
/// moments and the activations each live in one of these, allocated once (llm.c style), so the
/// hot loops work on raw pointers with no copy-on-write or bounds-check traffic.
package final class FloatBuffer: @unchecked Sendable {
    package private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var count: Int

    package init(count: Int) {
        self.count = count
        pointer = Self.zeroed(count)
    }

    deinit {
        free(pointer)
    }

    /// Grows (never shrinks) to at least `count` floats; old contents are not kept.
    func reserve(_ needed: Int) {
        guard needed > count else { return }
        free(pointer)
        pointer = Self.zeroed(needed)
        count = needed
    }

    /// `calloc`, not allocate-and-fill: a large block comes as the kernel's zeroed pages, and a
    /// page nobody writes never becomes resident (a served model's unused word-embedding rows,
    /// gradients a model that only predicts never computes).
    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        guard let raw = calloc(max(count, 1), MemoryLayout<Float>.stride) else {
            fatalError("out of memory allocating \(count) floats")
        }
        return raw.assumingMemoryBound(to: Float.self)
    }

    func zero() {
        pointer.update(repeating: 0, count: count)
    }

    subscript(offset: Int) -> UnsafeMutablePointer<Float> { pointer + offset }

    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
