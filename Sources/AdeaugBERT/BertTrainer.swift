import AdeaugCore
import Foundation

/// Fine-tunes a `BertNetwork` for sequence classification: stratified validation slice,
/// length-bucketed seeded batches, AdamW with linear warm-up and decay, gradient clipping,
/// periodic validation with early stopping, and the best parameters kept.
public final class BertTrainer {
    public let network: BertNetwork
    public let tokenizer: BertTokenizer
    public let options: TrainingSettings

    /// Threads for data parallelism (each batch split between them); the same seed and thread
    /// count give the same model.
    public let threads: Int

    /// Frozen-encoder states shared between runs on the same checkpoint (see `CLSStateCache`).
    public var clsCache: CLSStateCache?

    public init(network: BertNetwork, tokenizer: BertTokenizer, options: TrainingSettings, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.network = network
        self.tokenizer = tokenizer
        self.options = options
        self.threads = threads
    }

    /// Splits off a stratified, seeded validation slice (public so that a caller can score the
    /// same slice after training, e.g. to choose a decision threshold on it).
    public static func validationSplit(_ examples: [LabelledText], fraction: Double, seed: UInt64) -> (train: [LabelledText], validation: [LabelledText]) {
        guard fraction > 0 else { return (examples, []) }
        var generator = SeededGenerator(seed: seed ^ 0x5EED_0F_7A11)
        var train: [LabelledText] = [], validation: [LabelledText] = []
        for label in Set(examples.map(\.label)).sorted() {
            let members = examples.filter { $0.label == label }.deterministicallyShuffled(using: &generator)
            let held = Int((Double(members.count) * fraction).rounded())
            validation += members.prefix(held)
            train += members.dropFirst(held)
        }
        return (train.deterministicallyShuffled(using: &generator), validation)
    }

    /// Inverse-frequency ("balanced") weights: n / (classes · n_c).
    static func balancedWeights(_ labels: [Int], numLabels: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: numLabels)
        for label in labels { counts[label] += 1 }
        return counts.map { $0 == 0 ? 1 : Float(labels.count) / Float(numLabels * $0) }
    }

    /// The batch size when the weighted loss is to be divided by it (see `TrainingSettings`).
    private func batchDivisor(_ labels: [Int]) -> Double? {
        options.classWeights && options.classWeightDivisor == .batchSize ? Double(labels.count) : nil
    }

    public func train(_ examples: [LabelledText], progress: (TrainingProgress) -> Void = { _ in }) -> TrainingReport {
        let (trainSet, validationSet) = Self.validationSplit(examples, fraction: options.validationFraction, seed: options.seed)
        var report = TrainingReport(options: options, trainCount: trainSet.count, validationCount: validationSet.count)
        let weights = options.classWeights ? Self.balancedWeights(trainSet.map(\.label), numLabels: network.numLabels) : nil
        let parallel = DataParallelBert(
            network: network, threads: threads, dropoutSeed: options.seed &+ 1, gradientCheckpointing: options.gradientCheckpointing)
        let optimizer = AdamW(parameterCount: network.parameterCount, weightDecay: options.weightDecay)
        var generator = SeededGenerator(seed: options.seed)
        let h = network.config.hiddenSize

        // In frozen mode the encoder runs once, in eval mode, and only its [CLS] states are kept.
        let encodedTrain = trainSet.map { tokenizer.encode($0.text, maxLength: options.maxLength) }
        let encodedValidation = validationSet.map { tokenizer.encode($0.text, maxLength: options.maxLength) }
        var cachedTrain: [Float] = [], cachedValidation: [Float] = []
        if options.freezeEncoder {
            cachedTrain = cacheCLS(encodedTrain, parallel: parallel) { progress(TrainingProgress(epoch: 0, epochs: self.options.epochs, step: $0, totalSteps: encodedTrain.count, loss: 0, samplesPerSecond: 0, etaSeconds: 0, phase: "caching [CLS] states")) }
            cachedValidation = cacheCLS(encodedValidation, parallel: parallel) { _ in }
        }

        let batcher = LengthBucketedBatcher(batchSize: options.batchSize)
        let stepsPerEpoch = (trainSet.count + options.batchSize - 1) / options.batchSize
        let totalSteps = stepsPerEpoch * options.epochs
        let schedule = LinearSchedule(peak: options.learningRate, totalSteps: totalSteps, warmupFraction: options.warmupFraction)
        let evaluationInterval = options.evaluationsPerEpoch > 0 ? max(1, stepsPerEpoch / options.evaluationsPerEpoch) : Int.max
        var best: (f1: Double, averagePrecision: Double, step: Int, parameters: [Float])? = nil
        var evaluationsWithoutImprovement = 0
        var step = 0
        var runningLoss: Float = 0
        var samples = 0, tokens = 0
        let start = Date()

        func evaluate(epoch: Double) -> Bool {
            guard !validationSet.isEmpty else { return false }
            let probabilities: [Float]
            if options.freezeEncoder {
                probabilities = headProbabilities(cachedValidation, count: validationSet.count)
            } else {
                probabilities = BertPredictor(parallel: parallel, tokenizer: tokenizer, maxLength: options.maxLength)
                    .positiveProbabilities(encoded: encodedValidation)
            }
            let metrics = ClassificationMetrics(labels: validationSet.map(\.label), probabilities: probabilities)
            let validation = TrainingReport.Validation(step: step, epoch: epoch, metrics: metrics)
            report.validations.append(validation)
            // Better F1 wins; at equal F1 (typically 0 early on, when nothing is predicted
            // positive yet) the better ranking (PR-AUC) does, so a stall at 0 is not kept.
            if best == nil || metrics.f1 > best!.f1 || (metrics.f1 == best!.f1 && metrics.averagePrecision > best!.averagePrecision) {
                best = (metrics.f1, metrics.averagePrecision, step, Array(network.parameters.buffer))
                evaluationsWithoutImprovement = 0
            } else {
                evaluationsWithoutImprovement += 1
            }
            progress(TrainingProgress(epoch: Int(epoch.rounded(.up)), epochs: options.epochs, step: step, totalSteps: totalSteps, loss: runningLoss, samplesPerSecond: Double(samples) / Date().timeIntervalSince(start), etaSeconds: 0, validation: validation, phase: "validation"))
            return evaluationsWithoutImprovement >= options.patience
        }

        training: for epoch in 0..<options.epochs {
            let batches: [[Int]]
            if options.freezeEncoder {
                let order = Array(trainSet.indices).deterministicallyShuffled(using: &generator)
                batches = stride(from: 0, to: order.count, by: options.batchSize).map { Array(order[$0..<min($0 + options.batchSize, order.count)]) }
            } else {
                batches = batcher.batches(lengths: encodedTrain.map(\.count), generator: &generator)
            }
            for (index, indices) in batches.enumerated() {
                let labels = indices.map { trainSet[$0].label }
                let loss: Float
                if options.freezeEncoder {
                    var cls = [Float](); cls.reserveCapacity(indices.count * h)
                    for i in indices { cls += cachedTrain[(i * h)..<((i + 1) * h)] }
                    network.setCLSHidden(cls, count: indices.count)
                    network.forwardHead(dropout: options.dropout)
                    loss = network.backwardHead(labels: labels, classWeights: weights, lossNormalizer: batchDivisor(labels))
                } else {
                    let sequences = indices.map { encodedTrain[$0] }
                    loss = parallel.trainStep(
                        sequences: sequences, labels: labels, dropout: options.dropout, classWeights: weights,
                        lossNormalizer: batchDivisor(labels))
                    tokens += sequences.reduce(0) { $0 + $1.count }
                }
                let updateThreads = options.freezeEncoder ? 1 : threads
                var scale: Float = 1
                if options.maxGradNorm > 0 {
                    let norm = AdamW.gradientNorm(network, headOnly: options.freezeEncoder, threads: updateThreads)
                    scale = AdamW.clipScale(norm: norm, maxNorm: options.maxGradNorm)
                }
                let lr = schedule.learningRate(step: step)
                optimizer.update(network, learningRate: lr, headOnly: options.freezeEncoder, threads: updateThreads, gradientScale: scale)
                step += 1
                samples += indices.count
                runningLoss = step == 1 ? loss : 0.98 * runningLoss + 0.02 * loss
                let epochPosition = Double(epoch) + Double(index + 1) / Double(batches.count)
                report.steps.append(.init(step: step, epoch: epochPosition, loss: loss, learningRate: lr))
                let elapsed = Date().timeIntervalSince(start)
                let rate = Double(samples) / max(elapsed, 1e-9)
                progress(TrainingProgress(
                    epoch: epoch + 1, epochs: options.epochs, step: step, totalSteps: totalSteps, loss: runningLoss,
                    samplesPerSecond: rate, etaSeconds: Double(totalSteps - step) * Double(options.batchSize) / max(rate, 1e-9),
                    phase: "training"))
                let endOfEpoch = index == batches.count - 1
                // Periodic evaluations, plus one at the end of each epoch; a periodic one that would
                // fall within half an interval of the epoch's end is left to the end-of-epoch one.
                let periodic = (index + 1) % evaluationInterval == 0 && batches.count - (index + 1) >= evaluationInterval / 2
                if periodic || endOfEpoch {
                    // Avoid a second evaluation at the same step when the interval divides the epoch.
                    if report.validations.last?.step != step, evaluate(epoch: epochPosition) {
                        report.stoppedEarly = true
                        break training
                    }
                }
            }
        }
        report.trainSeconds = Date().timeIntervalSince(start)
        report.samplesPerSecond = Double(samples) / max(report.trainSeconds, 1e-9)
        report.tokensPerSecond = Double(tokens) / max(report.trainSeconds, 1e-9)
        report.keptStep = step
        if let best {
            best.parameters.withUnsafeBufferPointer { network.parameters.pointer.update(from: $0.baseAddress!, count: $0.count) }
            report.keptStep = best.step
        }
        return report
    }

    /// Last-layer [CLS] states of every sequence, eval mode, [N, H] in input order; sequences
    /// already in `clsCache` are not run again.
    func cacheCLS(_ encoded: [[Int32]], parallel: DataParallelBert, progress: (Int) -> Void) -> [Float] {
        let h = network.config.hiddenSize
        var result = [Float](repeating: 0, count: encoded.count * h)
        var missing: [Int] = []
        for (index, sequence) in encoded.enumerated() {
            if let state = clsCache?.state(for: sequence) {
                result.replaceSubrange((index * h)..<((index + 1) * h), with: state)
            } else {
                missing.append(index)
            }
        }
        var done = encoded.count - missing.count
        for batch in LengthBucketedBatcher.sortedBatches(lengths: missing.map { encoded[$0].count }, batchSize: 64) {
            let indices = batch.map { missing[$0] }
            let cls = parallel.clsStates(sequences: indices.map { encoded[$0] })
            for (row, index) in indices.enumerated() {
                result.replaceSubrange((index * h)..<((index + 1) * h), with: cls[(row * h)..<((row + 1) * h)])
                clsCache?.store(cls[(row * h)..<((row + 1) * h)], for: encoded[index])
            }
            done += indices.count
            progress(done)
        }
        return result
    }

    /// Fills `clsCache` with the [CLS] states of `texts` in their order. Batches are cut from
    /// the sentences still missing, and a state's last bits depend on its batch (GEMM shapes):
    /// filling the cache first from one fixed list makes every later run see the same states.
    public func warmCLSCache(_ texts: [String]) {
        let encoded = texts.map { tokenizer.encode($0, maxLength: options.maxLength) }
        let parallel = DataParallelBert(network: network, threads: threads, dropoutSeed: options.seed &+ 1)
        _ = cacheCLS(encoded, parallel: parallel) { _ in }
    }

    /// `P(positive)` of the trained head on frozen-encoder states (only with `freezeEncoder`,
    /// where the encoder is the checkpoint's and the head is all that was trained).
    public func frozenProbabilities(_ texts: [String]) -> [Float] {
        precondition(options.freezeEncoder, "frozenProbabilities needs a frozen-encoder trainer")
        let encoded = texts.map { tokenizer.encode($0, maxLength: options.maxLength) }
        let parallel = DataParallelBert(network: network, threads: threads, dropoutSeed: options.seed &+ 1)
        var probabilities: [Float] = []
        probabilities.reserveCapacity(texts.count)
        // The head's buffers take one evaluation batch at a time.
        let h = network.config.hiddenSize
        let states = cacheCLS(encoded, parallel: parallel) { _ in }
        for start in stride(from: 0, to: texts.count, by: 256) {
            let end = min(texts.count, start + 256)
            probabilities += headProbabilities(Array(states[(start * h)..<(end * h)]), count: end - start)
        }
        return probabilities
    }

    /// Positive-class probabilities of the head alone on cached [CLS] states.
    func headProbabilities(_ cls: [Float], count: Int) -> [Float] {
        guard count > 0 else { return [] }
        network.setCLSHidden(cls, count: count)
        let logits = network.forwardHead(dropout: false)
        let c = network.numLabels
        return (0..<count).map { BertPredictor.softmax(Array(logits[($0 * c)..<(($0 + 1) * c)]))[min(1, c - 1)] }
    }
}
