import Foundation

/// The human-readable summary `adeaug bench train|infer|tokenize` prints without --json.
extension BertBenchmarkResult: CustomStringConvertible {
    public var description: String {
        let baseline = pytorchBaseline ?? summaryBaseline
        var lines = ["BERT (\(build) build, \(data)):"]
        if let tokenizer {
            lines.append(String(
                format: "  tokenizer: %.0f sentences/s (HF fast: %.0f)",
                tokenizer.sentencesPerSecond, baseline.tokenizerSentencesPerSecond))
        }
        if let inference {
            lines.append(String(
                format: "  inference: %.1f sentences/s, %.1f per CPU-second (PyTorch: %.1f)",
                inference.sentencesPerSecond, inference.sentencesPerCPUSecond, baseline.inferenceSentencesPerSecond))
        }
        if let training {
            lines.append(String(
                format: "  training: %.1f samples/s, %.1f per CPU-second, %.0f tokens/s, %.0f GFLOP/s, GEMM share %.0f%%, load %.1f (PyTorch: %.1f samples/s)",
                training.samplesPerSecond, training.samplesPerCPUSecond, training.tokensPerSecond, training.achievedGFLOPS,
                100 * training.gemmTimeShare, training.loadAverage1Minute, baseline.trainingSamplesPerSecond))
        }
        lines.append(String(format: "  peak RSS: %.2f GiB (PyTorch training: %.2f)", peakRSSGiB, baseline.trainingPeakRSSGiB))
        lines.append("  PyTorch: \(baseline.source)")
        return lines.joined(separator: "\n")
    }
}
