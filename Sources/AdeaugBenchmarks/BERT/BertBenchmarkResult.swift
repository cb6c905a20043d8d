/// What `adeaug bench train|infer|tokenize` measured. `--json` prints it as encoded here: the
/// snake_case keys are fixed by the CodingKeys (scripts, docs/benchmarks.md and users read
/// them), and a part that was not timed is left out rather than written as null.
public struct BertBenchmarkResult: Sendable, Codable {
    /// The part timed alone ("tokenizer", "inference"), or "train" when all were.
    public var benchmark: String
    /// "debug" or "release": figures from a debug build are not worth quoting.
    public var build: String
    /// Where the sentences came from.
    public var data: String
    /// The checkpoint folder.
    public var model: String
    public var threads: Int
    public var parallelism: String
    public var tokenizer: TokenizerFigures?
    public var inference: InferenceFigures?
    public var training: TrainingFigures?
    public var peakRSSGiB: Double
    /// What the peak covers; absent when only the tokenizer was timed.
    public var peakRSSNote: String?
    /// What the speed-ups are against; absent when only the tokenizer was timed.
    public var pytorchBaseline: PyTorchFigures?
    public var speedupVsPyTorch: Speedups?
    /// Against PyTorch given length-grouped batches (as adeaug's): the headline; absent when the
    /// PyTorch figures have no length-grouped timing (the recorded ones).
    public var speedupVsPyTorchEqualBatching: Speedups?
    /// This CPU's FP32 multiply-add throughput over all threads, measured in the same run.
    public var fmaPeakGFLOPS: Double?
    /// The threads that peak was measured on: the run's, or OpenBLAS's when it runs one part.
    public var fmaPeakThreads: Int?
    /// The equal-batching speed-ups adeaug would have if its products and everything else ran at
    /// that peak: how far a faster implementation could go on this CPU.
    public var speedupCeilingEqualBatching: Speedups?
    /// The recorded figures, when the baseline is PyTorch timed on this machine instead.
    public var pytorchRecorded: PyTorchFigures?
    public var speedupVsPyTorchRecorded: Speedups?
    /// What the summary compares with. Not in the JSON, which has `pytorch_baseline` only when
    /// inference or training was timed; a decoded result falls back on it when that is absent.
    public var summaryBaseline: PyTorchFigures = .recorded

    enum CodingKeys: String, CodingKey {
        case benchmark, build, data, model, threads, parallelism, tokenizer, inference, training
        case peakRSSGiB = "peak_rss_gib"
        case peakRSSNote = "peak_rss_note"
        case pytorchBaseline = "pytorch_baseline"
        case speedupVsPyTorch = "speedup_vs_pytorch"
        case speedupVsPyTorchEqualBatching = "speedup_vs_pytorch_equal_batching"
        case fmaPeakGFLOPS = "fma_peak_gflops"
        case fmaPeakThreads = "fma_peak_threads"
        case speedupCeilingEqualBatching = "speedup_ceiling_equal_batching"
        case pytorchRecorded = "pytorch_recorded"
        case speedupVsPyTorchRecorded = "speedup_vs_pytorch_recorded"
    }

    /// One thread over the training sentences, repeated for at least a second.
    public struct TokenizerFigures: Sendable, Codable, Equatable {
        public var sentencesPerSecond: Double
        public var tokensPerSecond: Double
        /// Training sentences in one pass.
        public var sentences: Int

        enum CodingKeys: String, CodingKey {
            case sentencesPerSecond = "sentences_per_s"
            case tokensPerSecond = "tokens_per_s"
            case sentences
        }
    }

    /// Eval mode over the test sentences in file order, tokenizing included.
    public struct InferenceFigures: Sendable, Codable, Equatable {
        public var sentencesPerSecond: Double
        public var sentences: Int
        public var batchSize: Int
        /// Tokens computed per sentence: the real ones, as batches are packed (no padding).
        public var tokensPerSentence: Double
        public var seconds: Double
        public var cpuSeconds: Double
        public var sentencesPerCPUSecond: Double
        /// The products' work adeaug does (`BertFLOPs.executedForward`) over the wall-clock time.
        public var executedGFLOPS: Double?

        enum CodingKeys: String, CodingKey {
            case sentencesPerSecond = "sentences_per_s"
            case executedGFLOPS = "executed_gflops"
            case sentences
            case batchSize = "batch_size"
            case tokensPerSentence = "tokens_per_sentence"
            case seconds
            case cpuSeconds = "cpu_seconds"
            case sentencesPerCPUSecond = "sentences_per_cpu_second"
        }
    }

    /// The timed training steps (after the warm-up).
    public struct TrainingFigures: Sendable, Codable, Equatable {
        public var samplesPerSecond: Double
        public var tokensPerSecond: Double
        public var meanTokensPerSample: Double
        public var timedSteps: Int
        public var batchSize: Int
        public var maxLength: Int
        public var batching: String
        /// Useful GEMM work over the steps' wall-clock time: every layer over every token, as
        /// PyTorch computes it.
        public var achievedGFLOPS: Double
        /// The work adeaug does (the last layer on [CLS] rows only) over the same time.
        public var executedGFLOPS: Double?
        /// The steps' GEMMs replayed alone, over the steps' time.
        public var gemmTimeShare: Double
        public var gemmGFLOPS: Double
        // On a loaded machine wall-clock rates fall with the load; CPU time does not (much).
        public var cpuSeconds: Double
        public var samplesPerCPUSecond: Double
        /// -1 when the system does not say.
        public var loadAverage1Minute: Double
        /// Whether the layers' activations were recomputed in backward (`--gradient-checkpointing`).
        public var gradientCheckpointing: Bool?

        enum CodingKeys: String, CodingKey {
            case samplesPerSecond = "samples_per_s"
            case tokensPerSecond = "tokens_per_s"
            case meanTokensPerSample = "mean_tokens_per_sample"
            case timedSteps = "timed_steps"
            case batchSize = "batch_size"
            case maxLength = "max_length"
            case batching
            case achievedGFLOPS = "achieved_gflops"
            case executedGFLOPS = "executed_gflops"
            case gemmTimeShare = "gemm_time_share"
            case gemmGFLOPS = "gemm_gflops"
            case cpuSeconds = "cpu_seconds"
            case samplesPerCPUSecond = "samples_per_cpu_second"
            case loadAverage1Minute = "load_average_1min"
            case gradientCheckpointing = "gradient_checkpointing"
        }
    }

    /// adeaug's rate over PyTorch's, for each part that was timed.
    public struct Speedups: Sendable, Codable, Equatable {
        public var training: Double?
        public var inference: Double?
        public var tokenizer: Double?
    }
}
