import AdeaugBERT
import AdeaugCore
import COpenBLAS
import Foundation

/// `adeaug bench train`: tokenizer, inference and training throughput of the built-in BERT on
/// real sentences, with peak memory, next to PyTorch's (timed on this machine with
/// `scripts/bench-pytorch.sh`, or the recorded figures).
public enum BertBenchmark {
    public struct Options: Sendable {
        public var batchSize = 32
        public var maxLength = 128
        public var learningRate: Float = 5e-5
        public var warmupSteps = 5
        public var timedSteps = 50
        public var inferenceBatchSize = 64
        /// Cap on the test sentences timed for inference (nil: all).
        public var inferenceLimit: Int? = nil
        public var seed: UInt64 = 42
        /// As the trainer's setting of that name (`TrainingSettings.gradientCheckpointing`).
        public var gradientCheckpointing = TrainingSettings().gradientCheckpointing
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Which measurements to take: "tokenizer", "inference", "training".
        public var parts: Set<String> = ["tokenizer", "inference", "training"]
        /// PyTorch timed on this machine (`scripts/bench-pytorch.sh`); nil: the recorded figures only.
        public var pytorch: PyTorchFigures? = nil
        /// Said in the output: "debug" or "release", as the caller was compiled.
        public var build = Self.defaultBuild
        public init() {}

        /// How this library was compiled (SwiftPM builds the whole package one way).
        static var defaultBuild: String {
            #if DEBUG
                "debug"
            #else
                "release"
            #endif
        }

        /// What speed-ups are computed against.
        public var baseline: PyTorchFigures { pytorch ?? .recorded }
    }

    /// Finds the sentences (`source`), then times them: what `adeaug bench train|infer|tokenize` runs.
    public static func run(
        modelDirectory: String, sentences source: BertBenchmarkSentences.Source, options: Options, log: (String) -> Void = { _ in }
    ) throws -> BertBenchmarkResult {
        try run(modelDirectory: modelDirectory, sentences: try BertBenchmarkSentences.load(from: source), options: options, log: log)
    }

    public static func run(
        modelDirectory: String, sentences: BertBenchmarkSentences, options: Options, log: (String) -> Void = { _ in }
    ) throws -> BertBenchmarkResult {
        let tokenizer = try BertTokenizer(modelDirectory: modelDirectory)
        let benchmark = options.parts.count == 1 ? options.parts.first ?? "train" : "train"
        var result = BertBenchmarkResult(
            benchmark: benchmark, build: options.build, data: sentences.source, model: modelDirectory, threads: options.threads,
            parallelism: "data-parallel: batch split across threads, OpenBLAS 1 thread per call", peakRSSGiB: 0,
            summaryBaseline: options.baseline)

        if options.parts.contains("tokenizer") {
            result.tokenizer = tokenizerFigures(tokenizer, train: sentences.train, options: options, log: log)
        }
        guard options.parts.contains("inference") || options.parts.contains("training") else {
            result.peakRSSGiB = peakRSSGiB()
            return result
        }
        let network = try BertCheckpoint.load(directory: modelDirectory, numLabels: 2, seed: options.seed)
        let parallel = DataParallelBert(
            network: network, threads: options.threads, dropoutSeed: options.seed, gradientCheckpointing: options.gradientCheckpointing)
        if options.parts.contains("inference") {
            result.inference = inferenceFigures(parallel, tokenizer: tokenizer, test: sentences.test, options: options, log: log)
        }
        if options.parts.contains("training") {
            result.training = trainingFigures(
                parallel, tokenizer: tokenizer, train: sentences.train, options: options, peakRSSGiB: &result.peakRSSGiB, log: log)
        } else {
            result.peakRSSGiB = peakRSSGiB()
        }
        result.peakRSSNote = !options.parts.contains("training") ? "whole process" : "whole process: tokenizer, inference and training (AdamW moments, gradients of every replica), including a step on the \(options.batchSize) longest training sentences; read before the benchmark's GEMM replay"
        let baseline = options.baseline
        result.pytorchBaseline = baseline
        result.speedupVsPyTorch = baseline.speedups(tokenizer: result.tokenizer, inference: result.inference, training: result.training)
        result.speedupVsPyTorchEqualBatching = baseline.equalBatchingSpeedups(inference: result.inference, training: result.training)
        // With one data-parallel thread OpenBLAS threads each product over its own thread count.
        let peakThreads = options.threads > 1 ? options.threads : Int(openblas_get_num_threads())
        let peak = FMAPeak.gflops(threads: peakThreads)
        result.fmaPeakGFLOPS = peak
        result.fmaPeakThreads = peakThreads
        result.speedupCeilingEqualBatching = result.speedupVsPyTorchEqualBatching.map { speedups in
            // At the FMA peak each part's rate would grow by peak / the FLOP rate it runs at now.
            BertBenchmarkResult.Speedups(
                training: speedups.training.flatMap { s in result.training?.executedGFLOPS.map { s * peak / $0 } },
                inference: speedups.inference.flatMap { s in result.inference?.executedGFLOPS.map { s * peak / $0 } },
                tokenizer: nil)
        }
        if options.pytorch != nil {
            result.pytorchRecorded = .recorded
            result.speedupVsPyTorchRecorded = PyTorchFigures.recorded.speedups(
                tokenizer: result.tokenizer, inference: result.inference, training: result.training)
        }
        return result
    }

    /// One thread, the training sentences, repeated for at least a second.
    static func tokenizerFigures(
        _ tokenizer: BertTokenizer, train: [String], options: Options, log: (String) -> Void
    ) -> BertBenchmarkResult.TokenizerFigures {
        log("tokenizer…")
        var tokenCount = 0, sentenceCount = 0
        let tokenizerStart = Date()
        repeat {
            for text in train { tokenCount += tokenizer.encode(text, maxLength: options.maxLength).count }
            sentenceCount += train.count
        } while Date().timeIntervalSince(tokenizerStart) < 1
        let tokenizerSeconds = Date().timeIntervalSince(tokenizerStart)
        return BertBenchmarkResult.TokenizerFigures(
            sentencesPerSecond: Double(sentenceCount) / tokenizerSeconds, tokensPerSecond: Double(tokenCount) / tokenizerSeconds,
            sentences: train.count)
    }

    /// Eval mode, batches of 64 in the given order (no sorting: as PyTorch was timed), tokenizing included.
    static func inferenceFigures(
        _ parallel: DataParallelBert, tokenizer: BertTokenizer, test: [String], options: Options, log: (String) -> Void
    ) -> BertBenchmarkResult.InferenceFigures {
        log("inference…")
        let inferenceTexts = Array(test.prefix(options.inferenceLimit ?? test.count))
        let inferenceStart = Date()
        let inferenceCPUStart = cpuSeconds()
        let encodedTest = inferenceTexts.map { tokenizer.encode($0, maxLength: options.maxLength) }
        for start in stride(from: 0, to: encodedTest.count, by: options.inferenceBatchSize) {
            let slice = Array(encodedTest[start..<min(start + options.inferenceBatchSize, encodedTest.count)])
            _ = parallel.logits(sequences: slice)
        }
        let inferenceSeconds = Date().timeIntervalSince(inferenceStart)
        let inferenceCPU = cpuSeconds() - inferenceCPUStart
        let tokens = encodedTest.reduce(0) { $0 + $1.count }
        // Sequences do not interact, so the work of all batches is that of one batch of every sentence.
        let executed = BertFLOPs.executedForward(BertBatch(sequences: encodedTest), config: parallel.network.config)
        return BertBenchmarkResult.InferenceFigures(
            sentencesPerSecond: Double(inferenceTexts.count) / inferenceSeconds, sentences: inferenceTexts.count,
            batchSize: options.inferenceBatchSize, tokensPerSentence: Double(tokens) / Double(max(encodedTest.count, 1)), seconds: inferenceSeconds, cpuSeconds: inferenceCPU,
            sentencesPerCPUSecond: Double(inferenceTexts.count) / max(inferenceCPU, 1e-9), executedGFLOPS: executed / inferenceSeconds / 1e9)
    }

    /// adeaug's default batching (length-bucketed), dropout on, AdamW, clipping.
    static func trainingFigures(
        _ parallel: DataParallelBert, tokenizer: BertTokenizer, train: [String], options: Options, peakRSSGiB peak: inout Double,
        log: (String) -> Void
    ) -> BertBenchmarkResult.TrainingFigures {
        log("training…")
        let network = parallel.network
        let encodedTrain = train.map { tokenizer.encode($0, maxLength: options.maxLength) }
        var generator = SeededGenerator(seed: options.seed)
        let batches = LengthBucketedBatcher(batchSize: options.batchSize).batches(lengths: encodedTrain.map(\.count), generator: &generator)
        let optimizer = AdamW(parameterCount: network.parameterCount)
        let config = network.config
        var stepSeconds = 0.0, samples = 0, tokens = 0, flops = 0.0, executedFLOPs = 0.0
        var timedBatches: [BertBatch] = []
        var trainingCPU = 0.0
        for (index, indices) in batches.prefix(options.warmupSteps + options.timedSteps).enumerated() {
            let labels = indices.map { $0 % 2 }
            let batch = BertBatch(sequences: indices.map { encodedTrain[$0] }, labels: labels)
            let start = Date()
            let cpuStart = cpuSeconds()
            parallel.trainStep(sequences: indices.map { encodedTrain[$0] }, labels: labels, dropout: true, classWeights: nil)
            let scale = AdamW.clipScale(norm: AdamW.gradientNorm(network, threads: options.threads), maxNorm: 1)
            optimizer.update(network, learningRate: options.learningRate, threads: options.threads, gradientScale: scale)
            let seconds = Date().timeIntervalSince(start)
            if index >= options.warmupSteps {
                trainingCPU += cpuSeconds() - cpuStart
                stepSeconds += seconds
                samples += batch.count
                tokens += batch.tokenCount
                flops += trainingFLOPs(batch, config: config)
                executedFLOPs += 3 * BertFLOPs.executedForward(batch, config: config)
                if options.gradientCheckpointing { executedFLOPs += BertFLOPs.recomputedForward(batch, config: config) }
                timedBatches.append(batch)
            }
        }
        // One untimed step on the longest sentences, so the peak memory below covers the worst batch
        // an epoch can bring, not just the batches that happened to be timed.
        let longest = Array(encodedTrain.indices.sorted { encodedTrain[$0].count > encodedTrain[$1].count }.prefix(options.batchSize))
        parallel.trainStep(sequences: longest.map { encodedTrain[$0] }, labels: longest.map { $0 % 2 }, dropout: true, classWeights: nil)
        // Read before the GEMM replay below, whose buffers are the benchmark's, not training's.
        peak = peakRSSGiB()
        let gemmSeconds = GemmReplay.seconds(batches: timedBatches, config: config, threads: options.threads)
        return BertBenchmarkResult.TrainingFigures(
            samplesPerSecond: Double(samples) / stepSeconds, tokensPerSecond: Double(tokens) / stepSeconds,
            meanTokensPerSample: Double(tokens) / Double(max(samples, 1)), timedSteps: timedBatches.count,
            batchSize: options.batchSize, maxLength: options.maxLength, batching: "length-bucketed, packed (no padding)",
            achievedGFLOPS: flops / stepSeconds / 1e9, executedGFLOPS: executedFLOPs / stepSeconds / 1e9, gemmTimeShare: gemmSeconds / stepSeconds,
            gemmGFLOPS: flops / max(gemmSeconds, 1e-9) / 1e9,
            cpuSeconds: trainingCPU, samplesPerCPUSecond: Double(samples) / max(trainingCPU, 1e-9),
            loadAverage1Minute: loadAverage(), gradientCheckpointing: options.gradientCheckpointing)
    }

    /// Useful floating-point work of one training step (GEMMs only): forward plus a backward
    /// that costs twice the forward.
    static func trainingFLOPs(_ batch: BertBatch, config: BertConfig) -> Double {
        3 * BertFLOPs.denseForward(batch, config: config)
    }

    /// User + system CPU time of the whole process (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : -1
    }

    public static func peakRSSGiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024 / Double(1 << 30)  // ru_maxrss is in KiB on Linux
    }
}
