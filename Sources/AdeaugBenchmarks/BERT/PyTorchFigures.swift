import Foundation

/// What PyTorch + transformers does on the same work: the yardstick of `adeaug bench train`.
public struct PyTorchFigures: Sendable, Equatable {
    public var trainingSamplesPerSecond: Double
    public var inferenceSentencesPerSecond: Double
    public var tokenizerSentencesPerSecond: Double
    public var trainingPeakRSSGiB: Double
    /// Where the figures come from, said in the benchmark's output.
    public var source: String

    /// PyTorch 2.15 + transformers 5.24 as recorded in `shared/reference/pytorch-baseline.json`:
    /// measured on another machine of this kind, whose CPU has AVX-512 (sgemm about 1.8x this
    /// machine's), so a speed-up against it understates one measured on the same CPU.
    /// (The JSON initialiser lives in an extension so that the memberwise one stays.)
    public static let recorded = PyTorchFigures(
        trainingSamplesPerSecond: 34.3, inferenceSentencesPerSecond: 97.5, tokenizerSentencesPerSecond: 27_100,
        trainingPeakRSSGiB: 3.10, source: "recorded in shared/reference/pytorch-baseline.json (another machine, AVX-512)")
}

extension PyTorchFigures {
    /// The JSON `scripts/bench-pytorch.sh` prints (PyTorch timed on this machine).
    public init(json data: Data, source: String) throws {
        func figure(_ object: Any?, _ path: [String]) throws -> Double {
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

    var dictionary: [String: Any] {
        [
            "training_samples_per_s": trainingSamplesPerSecond, "inference_sentences_per_s": inferenceSentencesPerSecond,
            "tokenizer_sentences_per_s": tokenizerSentencesPerSecond, "training_peak_rss_gib": trainingPeakRSSGiB,
            "source": source,
        ]
    }

    /// adeaug's figure over PyTorch's, for each part the benchmark measured.
    func speedups(_ result: [String: Any]) -> [String: Double] {
        var speedup: [String: Double] = [:]
        if let t = result["training"] as? [String: Any], let v = t["samples_per_s"] as? Double {
            speedup["training"] = v / trainingSamplesPerSecond
        }
        if let t = result["inference"] as? [String: Any], let v = t["sentences_per_s"] as? Double {
            speedup["inference"] = v / inferenceSentencesPerSecond
        }
        if let t = result["tokenizer"] as? [String: Any], let v = t["sentences_per_s"] as? Double {
            speedup["tokenizer"] = v / tokenizerSentencesPerSecond
        }
        return speedup
    }
}

/// A PyTorch figures file that is not what `scripts/bench-pytorch.sh` prints.
public struct PyTorchFiguresError: Error, CustomStringConvertible, Equatable {
    public var source: String
    /// The missing or non-positive field; nil when the file is not JSON at all.
    public var field: String?

    public var description: String {
        let problem = field.map { "has no positive `\($0)`" } ?? "is not JSON"
        return "PyTorch figures \(source) \(problem); make it with scripts/bench-pytorch.sh."
    }
}
