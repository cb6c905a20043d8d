import Foundation

/// The human-readable summary `adeaug bench train|infer|tokenize` prints without --json.
extension BertBenchmarkResult: CustomStringConvertible {
    public var description: String {
        let baseline = pytorchBaseline ?? summaryBaseline
        let grouped = baseline.lengthGrouped
        var lines = ["BERT (\(build) build, \(data)):"]
        if let tokenizer {
            lines.append(String(
                format: "  tokenizer: %.0f sentences/s (HF fast: %.0f)",
                tokenizer.sentencesPerSecond, baseline.tokenizerSentencesPerSecond))
        }
        if let inference {
            lines.append(String(
                format: "  inference: %.1f sentences/s, %.1f per CPU-second, %.1f tokens per sentence",
                inference.sentencesPerSecond, inference.sentencesPerCPUSecond, inference.tokensPerSentence)
                + " (" + Self.pytorchComparison(
                    adeaug: inference.sentencesPerSecond, padded: baseline.inferenceSentencesPerSecond,
                    paddedTokens: baseline.inferenceTokensPerSentence, grouped: grouped?.inferenceSentencesPerSecond,
                    groupedTokens: grouped?.inferenceTokensPerSentence) + ")")
        }
        if let training {
            lines.append(String(
                format: "  training\(training.gradientCheckpointing == true ? " (gradient checkpointing)" : ""): %.1f samples/s, %.1f per CPU-second, %.1f tokens per sample, %.0f GFLOP/s, GEMM share %.0f%%, load %.1f",
                training.samplesPerSecond, training.samplesPerCPUSecond, training.meanTokensPerSample, training.achievedGFLOPS,
                100 * training.gemmTimeShare, training.loadAverage1Minute)
                + " (" + Self.pytorchComparison(
                    adeaug: training.samplesPerSecond, padded: baseline.trainingSamplesPerSecond,
                    paddedTokens: baseline.trainingTokensPerSample, grouped: grouped?.trainingSamplesPerSecond,
                    groupedTokens: grouped?.trainingTokensPerSample) + ")")
        }
        if let fmaPeakGFLOPS {
            var line = String(format: "  FP32 FMA peak of these %d threads: %.0f GFLOP/s", fmaPeakThreads ?? threads, fmaPeakGFLOPS)
            let ceilings = [("training", speedupCeilingEqualBatching?.training), ("inference", speedupCeilingEqualBatching?.inference)]
                .compactMap { name, value in value.map { String(format: "%@ %.2fx", name, $0) } }
            if !ceilings.isEmpty { line += "; at that peak, equal batching would give at most " + ceilings.joined(separator: ", ") }
            lines.append(line)
        }
        lines.append(String(format: "  peak RSS: %.2f GiB (PyTorch training: %.2f)", peakRSSGiB, baseline.trainingPeakRSSGiB))
        lines.append("  PyTorch: \(baseline.source)")
        return lines.joined(separator: "\n")
    }

    /// "PyTorch length-grouped 80.0 at 31.1 tokens: 1.87x; padded 51.9 at 68.5 tokens: 2.89x",
    /// the equal-batching figure first, as it is the fair one.
    static func pytorchComparison(adeaug: Double, padded: Double, paddedTokens: Double?, grouped: Double?, groupedTokens: Double?) -> String {
        func one(_ label: String, _ rate: Double, _ tokens: Double?) -> String {
            let at = tokens.map { String(format: " at %.1f tokens", $0) } ?? ""
            return label + String(format: " %.1f", rate) + at + String(format: ": %.2fx", adeaug / rate)
        }
        let paddedPart = one("padded", padded, paddedTokens)
        guard let grouped else { return "PyTorch \(paddedPart)" }
        return "PyTorch \(one("length-grouped", grouped, groupedTokens)); \(paddedPart)"
    }
}
