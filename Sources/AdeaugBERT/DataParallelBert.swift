import COpenBLAS
import Foundation

/// Data parallelism across CPU cores: each batch is cut into one part per thread, every part
/// runs forward and backward on its own replica (shared parameters, private activations and
/// gradients), and the gradients are summed into the main network's.
///
/// On two cores this beats letting OpenBLAS split each product: every layer (LayerNorm, GELU,
/// softmax, the many small attention products) runs in parallel, not just the big GEMMs, and no
/// thread waits at each of the hundreds of GEMM calls of a step. OpenBLAS is therefore set
/// to one thread per call while this object exists (a process-wide OpenBLAS setting, restored
/// when it is released).
public final class DataParallelBert {
    public let network: BertNetwork
    private let replicas: [BertNetwork]
    private let previousBLASThreads: Int32

    public init(
        network: BertNetwork, threads: Int = ProcessInfo.processInfo.activeProcessorCount, dropoutSeed: UInt64,
        gradientCheckpointing: Bool = false
    ) {
        self.network = network
        network.reseedDropout(dropoutSeed)
        network.gradientCheckpointing = gradientCheckpointing
        var replicas = [network]
        for r in 1..<max(1, threads) {
            let replica = BertNetwork(sharingParametersWith: network, dropoutSeed: dropoutSeed &+ UInt64(r) &* 0x9E37_79B9)
            replica.gradientCheckpointing = gradientCheckpointing
            replicas.append(replica)
        }
        self.replicas = replicas
        previousBLASThreads = openblas_get_num_threads()
        if replicas.count > 1 { openblas_set_num_threads(1) }
    }

    deinit {
        openblas_set_num_threads(previousBLASThreads)
    }

    public var threads: Int { replicas.count }

    /// Splits sequence indices into up to `threads` contiguous parts of about equal token counts.
    func parts(_ lengths: [Int]) -> [Range<Int>] {
        let count = min(replicas.count, lengths.count)
        guard count > 1 else { return [0..<lengths.count] }
        let total = lengths.reduce(0, +)
        var result: [Range<Int>] = []
        var start = 0, running = 0
        for (i, length) in lengths.enumerated() {
            running += length
            let target = total * (result.count + 1) / count
            if running >= target && result.count < count - 1 && i + 1 < lengths.count {
                result.append(start..<(i + 1))
                start = i + 1
            }
        }
        result.append(start..<lengths.count)
        return result
    }

    /// Forward and backward over the batch; the main network ends up with the full batch's
    /// gradients. Returns the batch's loss.
    @discardableResult
    public func trainStep(
        sequences: [[Int32]], labels: [Int], dropout: Bool, classWeights: [Float]?, lossNormalizer: Double? = nil
    ) -> Float {
        let split = parts(sequences.map(\.count))
        let normalizer = lossNormalizer ?? CrossEntropy.totalWeight(labels: labels, classWeights: classWeights)
        var losses = [Float](repeating: 0, count: split.count)
        losses.withUnsafeMutableBufferPointer { lossBuffer in
            Parallel.forEach(split.count) { part in
                let range = split[part]
                let replica = replicas[part]
                let partLabels = Array(labels[range])
                replica.forward(BertBatch(sequences: Array(sequences[range]), labels: partLabels), dropout: dropout)
                lossBuffer[part] = replica.backward(labels: partLabels, classWeights: classWeights, lossNormalizer: normalizer)
            }
        }
        sumGradients(into: split.count)
        return losses.reduce(0, +)
    }

    /// Adds replicas 1..<parts' gradients into the main network's: everything but the word
    /// embeddings in parallel ranges, and of the word embeddings only the rows a replica wrote.
    private func sumGradients(into parts: Int) {
        guard parts > 1 else { return }
        let layout = network.layout, h = network.config.hiddenSize
        let main = network.gradients.pointer
        let others = replicas[1..<parts].map { $0.gradients.pointer }
        let start = layout.wordEmbeddings + network.config.vocabSize * h
        let ranges = Parallel.ranges(layout.count - start, parts: replicas.count)
        Parallel.forEach(ranges.count) { part in
            let lo = start + ranges[part].lowerBound, hi = start + ranges[part].upperBound
            for other in others {
                for i in lo..<hi { main[i] += other[i] }
            }
        }
        for replica in replicas[1..<parts] {
            let rows = Array(Set(replica.rowsTouchedByLastBackward))
            let other = replica.gradients.pointer
            for row in rows {
                let offset = layout.wordEmbeddings + Int(row) * h
                for c in 0..<h { main[offset + c] += other[offset + c] }
            }
            network.noteTouchedRows(rows)
        }
    }

    /// Eval-mode logits [B, labels] for a batch, parts run in parallel.
    public func logits(sequences: [[Int32]]) -> [Float] {
        let split = parts(sequences.map(\.count))
        var results = [[Float]](repeating: [], count: split.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(split.count) { part in
                out[part] = replicas[part].forward(BertBatch(sequences: Array(sequences[split[part]])), dropout: false, forBackward: false)
            }
        }
        return results.flatMap { $0 }
    }

    /// Eval-mode last-layer [CLS] states [B, H], parts run in parallel.
    public func clsStates(sequences: [[Int32]]) -> [Float] {
        let split = parts(sequences.map(\.count))
        var results = [[Float]](repeating: [], count: split.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(split.count) { part in
                replicas[part].forwardEncoder(BertBatch(sequences: Array(sequences[split[part]])), dropout: false, forBackward: false)
                out[part] = replicas[part].clsHidden
            }
        }
        return results.flatMap { $0 }
    }
}
