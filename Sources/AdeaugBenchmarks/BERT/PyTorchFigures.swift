import Foundation

/// What PyTorch + transformers does on the same work: the yardstick of `adeaug bench train`.
/// Encoded as the benchmark's `pytorch_baseline` and `pytorch_recorded` objects.
public struct PyTorchFigures: Sendable, Equatable, Codable {
    public var trainingSamplesPerSecond: Double
    public var inferenceSentencesPerSecond: Double
    public var tokenizerSentencesPerSecond: Double
    public var trainingPeakRSSGiB: Double
    /// Where the figures come from, said in the benchmark's output.
    public var source: String

    /// The benchmark's JSON keys (scripts and docs/benchmarks.md read them).
    enum CodingKeys: String, CodingKey {
        case trainingSamplesPerSecond = "training_samples_per_s"
        case inferenceSentencesPerSecond = "inference_sentences_per_s"
        case tokenizerSentencesPerSecond = "tokenizer_sentences_per_s"
        case trainingPeakRSSGiB = "training_peak_rss_gib"
        case source
    }

    /// PyTorch 2.15 + transformers 5.24 as recorded in `shared/reference/pytorch-baseline.json`:
    /// measured on another machine of this kind, whose CPU has AVX-512 (sgemm about 1.8x this
    /// machine's), so a speed-up against it understates one measured on the same CPU.
    /// (The JSON initialisers live in an extension so that the memberwise one stays.)
    public static let recorded = PyTorchFigures(
        trainingSamplesPerSecond: 34.3, inferenceSentencesPerSecond: 97.5, tokenizerSentencesPerSecond: 27_100,
        trainingPeakRSSGiB: 3.10, source: "recorded in shared/reference/pytorch-baseline.json (another machine, AVX-512)")
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
        func figure(_ object: Any?, _ path: [String]) throws(PyTorchFiguresError) -> Double {
            var value = object
            for key in path { value = (value as? [String: Any])?[key] }
            guard let number = value as? Double, number > 0 else {
                throw PyTorchFiguresError(source: source, field: path.joined(separator: "."))
            }
            return number
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw PyTorchFiguresError(source: source, field: nil)
        }
        self.init(
            trainingSamplesPerSecond: try figure(object, ["training", "samples_per_s"]),
            inferenceSentencesPerSecond: try figure(object, ["inference", "sentences_per_s"]),
            tokenizerSentencesPerSecond: try figure(object, ["tokenizer", "sentences_per_s"]),
            trainingPeakRSSGiB: try figure(object, ["peak_rss_gib"]), source: source)
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
