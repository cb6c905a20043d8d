import Foundation

/// Last-layer [CLS] states of a frozen encoder, remembered by token sequence.
///
/// With `--freeze-encoder` the encoder never changes, so a comparison of several conditions
/// over several seeds would run it again and again on the same sentences (the training
/// negatives and the test split are shared by every run). One cache per checkpoint makes the
/// encoder run once per distinct sentence; it must not outlive the checkpoint it was filled from.
public final class CLSStateCache: @unchecked Sendable {
    private var states: [[Int32]: [Float]] = [:]
    private let lock = NSLock()

    public init() {}

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return states.count
    }

    func state(for sequence: [Int32]) -> [Float]? {
        lock.lock()
        defer { lock.unlock() }
        return states[sequence]
    }

    func store(_ state: ArraySlice<Float>, for sequence: [Int32]) {
        lock.lock()
        defer { lock.unlock() }
        states[sequence] = Array(state)
    }
}
