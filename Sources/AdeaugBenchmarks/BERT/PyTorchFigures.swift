import Foundation

/// What PyTorch + transformers does on the same work: the yardstick of `adeaug bench train`.
/// Encoded as the benchmark's `pytorch_baseline` and `pytorch_recorded` objects.
///
/// The top-level rates are PyTorch with Hugging Face's default batching (random order, padded to
/// the longest: about twice the tokens per sentence adeaug's packed batches compute);
/// `lengthGrouped` is PyTorch given batches of similar length, as adeaug's: the fair race.
public struct PyTorchFigures: Sendable, Equatable, Codable {
    public var trainingSamplesPerSecond: Double
    public var inferenceSentencesPerSecond: Double
    public var tokenizerSentencesPerSecond: Double
    public var trainingPeakRSSGiB: Double
    /// Padded tokens per sentence of the default batching; nil where not recorded.
    public var trainingTokensPerSample: Double?
    public var inferenceTokensPerSentence: Double?
    /// PyTorch with length-grouped batches (`group_by_length`); nil where not timed.
    public var lengthGrouped: LengthGrouped?
    /// Where the figures come from, said in the benchmark's output.
    public var source: String

    /// PyTorch's rates with batches of similar length, padded to the longest in each.
    public struct LengthGrouped: Sendable, Equatable, Codable {
        public var trainingSamplesPerSecond: Double?
        public var inferenceSentencesPerSecond: Double?
        public var trainingTokensPerSample: Double?
        public var inferenceTokensPerSentence: Double?

        enum CodingKeys: String, CodingKey {
            case trainingSamplesPerSecond = "training_samples_per_s"
            case inferenceSentencesPerSecond = "inference_sentences_per_s"
            case trainingTokensPerSample = "training_tokens_per_sample"
            case inferenceTokensPerSentence = "inference_tokens_per_sentence"
        }
    }

    /// The benchmark's JSON keys (scripts and docs/benchmarks.md read them).
    enum CodingKeys: String, CodingKey {
        case trainingSamplesPerSecond = "training_samples_per_s"
        case inferenceSentencesPerSecond = "inference_sentences_per_s"
        case tokenizerSentencesPerSecond = "tokenizer_sentences_per_s"
        case trainingPeakRSSGiB = "training_peak_rss_gib"
        case trainingTokensPerSample = "training_tokens_per_sample"
        case inferenceTokensPerSentence = "inference_tokens_per_sentence"
        case lengthGrouped = "length_grouped"
        case source
    }

    public init(
        trainingSamplesPerSecond: Double, inferenceSentencesPerSecond: Double, tokenizerSentencesPerSecond: Double,
        trainingPeakRSSGiB: Double, trainingTokensPerSample: Double? = nil, inferenceTokensPerSentence: Double? = nil,
        lengthGrouped: LengthGrouped? = nil, source: String
    ) {
        self.trainingSamplesPerSecond = trainingSamplesPerSecond
        self.inferenceSentencesPerSecond = inferenceSentencesPerSecond
        self.tokenizerSentencesPerSecond = tokenizerSentencesPerSecond
        self.trainingPeakRSSGiB = trainingPeakRSSGiB
        self.trainingTokensPerSample = trainingTokensPerSample
        self.inferenceTokensPerSentence = inferenceTokensPerSentence
        self.lengthGrouped = lengthGrouped
        self.source = source
    }

    /// PyTorch 2.15 + transformers 5.24 as recorded in `shared/reference/pytorch-baseline.json`:
    /// measured on another machine of this kind, whose CPU has AVX-512 (sgemm about 1.8x this
    /// machine's), so a speed-up against it understates one measured on the same CPU.
    public static let recorded = PyTorchFigures(
        trainingSamplesPerSecond: 34.3, inferenceSentencesPerSecond: 97.5, tokenizerSentencesPerSecond: 27_100,
        trainingPeakRSSGiB: 3.10, trainingTokensPerSample: 68.5, source: "recorded in shared/reference/pytorch-baseline.json (another machine, AVX-512)")
}

extension PyTorchFigures {
    /// The file `scripts/bench-pytorch.sh` wrote (`--pytorch FILE`).
    public init(file path: String) throws(PyTorchFiguresError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PyTorchFiguresError(source: path, field: nil, unreadable: true)
        }
        try self.init(json: data, source: path)
    }

    /// The JSON `scripts/bench-pytorch.sh` prints (PyTorch timed on this machine); not the
    /// shape these figures are encoded in.
    public init(json data: Data, source: String) throws(PyTorchFiguresError) {
        func value(_ object: Any?, _ path: [String]) -> Any? {
            var value = object
            for key in path { value = (value as? [String: Any])?[key] }
            return value
        }
        func figure(_ object: Any?, _ path: [String]) throws(PyTorchFiguresError) -> Double {
            guard let number = value(object, path) as? Double, number > 0 else {
                throw PyTorchFiguresError(source: source, field: path.joined(separator: "."))
            }
            return number
        }
        /// A figure older scripts did not print: absent is nil, present must be positive.
        func optionalFigure(_ object: Any?, _ path: [String]) throws(PyTorchFiguresError) -> Double? {
            value(object, path) == nil ? nil : try figure(object, path)
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw PyTorchFiguresError(source: source, field: nil)
        }
        let grouped = PyTorchFigures.LengthGrouped(
            trainingSamplesPerSecond: try optionalFigure(object, ["training_length_grouped", "samples_per_s"]),
            inferenceSentencesPerSecond: try optionalFigure(object, ["inference_length_grouped", "sentences_per_s"]),
            trainingTokensPerSample: try optionalFigure(object, ["training_length_grouped", "mean_padded_length"]),
            inferenceTokensPerSentence: try optionalFigure(object, ["inference_length_grouped", "padded_tokens_per_sentence"]))
        let timedGrouped = grouped.trainingSamplesPerSecond != nil || grouped.inferenceSentencesPerSecond != nil
        self.init(
            trainingSamplesPerSecond: try figure(object, ["training", "samples_per_s"]),
            inferenceSentencesPerSecond: try figure(object, ["inference", "sentences_per_s"]),
            tokenizerSentencesPerSecond: try figure(object, ["tokenizer", "sentences_per_s"]),
            trainingPeakRSSGiB: try figure(object, ["peak_rss_gib"]),
            trainingTokensPerSample: try optionalFigure(object, ["training", "mean_padded_length"]),
            inferenceTokensPerSentence: try optionalFigure(object, ["inference", "padded_tokens_per_sentence"]),
            lengthGrouped: timedGrouped ? grouped : nil, source: source)
    }

    /// adeaug's figure over PyTorch's, for each part the benchmark measured.
    func speedups(
        tokenizer: BertBenchmarkResult.TokenizerFigures?, inference: BertBenchmarkResult.InferenceFigures?,
        training: BertBenchmarkResult.TrainingFigures?
    ) -> BertBenchmarkResult.Speedups {
        BertBenchmarkResult.Speedups(
            training: training.map { $0.samplesPerSecond / trainingSamplesPerSecond },
            inference: inference.map { $0.sentencesPerSecond / inferenceSentencesPerSecond },
            tokenizer: tokenizer.map { $0.sentencesPerSecond / tokenizerSentencesPerSecond })
    }

    /// adeaug's figure over PyTorch's with length-grouped batches (equal batching); nil when
    /// PyTorch was not timed that way. No tokenizer entry: batching does not touch it.
    func equalBatchingSpeedups(
        inference: BertBenchmarkResult.InferenceFigures?, training: BertBenchmarkResult.TrainingFigures?
    ) -> BertBenchmarkResult.Speedups? {
        guard let lengthGrouped else { return nil }
        let speedups = BertBenchmarkResult.Speedups(
            training: training.flatMap { adeaug in lengthGrouped.trainingSamplesPerSecond.map { adeaug.samplesPerSecond / $0 } },
            inference: inference.flatMap { adeaug in lengthGrouped.inferenceSentencesPerSecond.map { adeaug.sentencesPerSecond / $0 } },
            tokenizer: nil)
        return speedups.training == nil && speedups.inference == nil ? nil : speedups
    }
}

/// A PyTorch figures file that is missing or not what `scripts/bench-pytorch.sh` prints.
public struct PyTorchFiguresError: Error, CustomStringConvertible, Equatable {
    public var source: String
    /// The missing or non-positive field; nil when the file is not JSON at all.
    public var field: String?
    /// The file could not be read (no such file).
    public var unreadable = false

    public var description: String {
        let problem = unreadable ? "cannot be read (no such file?)" : field.map { "has no positive `\($0)`" } ?? "is not JSON"
        return "PyTorch figures \(source) \(problem); make it with scripts/bench-pytorch.sh."
    }
}
