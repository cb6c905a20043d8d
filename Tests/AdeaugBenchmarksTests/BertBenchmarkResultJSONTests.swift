import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBenchmarks

/// `adeaug bench train --json` prints these keys; scripts and docs/benchmarks.md read them, so
/// a renamed property must not rename a key.
struct BertBenchmarkResultJSONTests {
    static let result: BertBenchmarkResult = {
        let tokenizer = BertBenchmarkResult.TokenizerFigures(sentencesPerSecond: 200_000, tokensPerSecond: 6_000_000, sentences: 16_716)
        let inference = BertBenchmarkResult.InferenceFigures(
            sentencesPerSecond: 150, sentences: 4_180, batchSize: 64, tokensPerSentence: 30.5, seconds: 27.9, cpuSeconds: 55, sentencesPerCPUSecond: 76)
        let training = BertBenchmarkResult.TrainingFigures(
            samplesPerSecond: 57, tokensPerSecond: 1_700, meanTokensPerSample: 30, timedSteps: 50, batchSize: 32, maxLength: 128,
            batching: "length-bucketed, packed (no padding)", achievedGFLOPS: 110, gemmTimeShare: 0.9, gemmGFLOPS: 123,
            cpuSeconds: 56, samplesPerCPUSecond: 28.5, loadAverage1Minute: 2)
        let pytorch = PyTorchFigures(
            trainingSamplesPerSecond: 15.8, inferenceSentencesPerSecond: 51.9, tokenizerSentencesPerSecond: 10_333,
            trainingPeakRSSGiB: 2.91, trainingTokensPerSample: 68.5, inferenceTokensPerSentence: 69.2,
            lengthGrouped: .init(
                trainingSamplesPerSecond: 40, inferenceSentencesPerSecond: 100, trainingTokensPerSample: 31.1,
                inferenceTokensPerSentence: 30.9),
            source: "pt.json")
        return BertBenchmarkResult(
            benchmark: "train", build: "release", data: "../shared/reference/pytorch-split", model: "/models/minilm", threads: 2,
            parallelism: "data-parallel", tokenizer: tokenizer, inference: inference, training: training, peakRSSGiB: 0.97,
            peakRSSNote: "whole process", pytorchBaseline: pytorch,
            speedupVsPyTorch: pytorch.speedups(tokenizer: tokenizer, inference: inference, training: training),
            speedupVsPyTorchEqualBatching: pytorch.equalBatchingSpeedups(inference: inference, training: training),
            pytorchRecorded: .recorded,
            speedupVsPyTorchRecorded: PyTorchFigures.recorded.speedups(tokenizer: tokenizer, inference: inference, training: training),
            summaryBaseline: pytorch)
    }()

    /// The result as `--json` prints it, parsed back into plain objects.
    static func printed(_ result: BertBenchmarkResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try JSONText.encode(result, pretty: true).utf8))
        return try #require(object as? [String: Any])
    }

    static func keys(_ object: Any?) -> Set<String> {
        Set((object as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test func aFullRunHasTheDocumentedKeys() throws {
        let json = try Self.printed(Self.result)
        #expect(Self.keys(json) == [
            "benchmark", "build", "data", "model", "threads", "parallelism", "tokenizer", "inference", "training",
            "peak_rss_gib", "peak_rss_note", "pytorch_baseline", "speedup_vs_pytorch", "speedup_vs_pytorch_equal_batching",
            "pytorch_recorded", "speedup_vs_pytorch_recorded",
        ])
        #expect(Self.keys(json["tokenizer"]) == ["sentences_per_s", "tokens_per_s", "sentences"])
        #expect(Self.keys(json["inference"]) == [
            "sentences_per_s", "sentences", "batch_size", "tokens_per_sentence", "seconds", "cpu_seconds",
            "sentences_per_cpu_second",
        ])
        #expect(Self.keys(json["training"]) == [
            "samples_per_s", "tokens_per_s", "mean_tokens_per_sample", "timed_steps", "batch_size", "max_length", "batching",
            "achieved_gflops", "gemm_time_share", "gemm_gflops", "cpu_seconds", "samples_per_cpu_second", "load_average_1min",
        ])
        let figures: Set<String> = [
            "training_samples_per_s", "inference_sentences_per_s", "tokenizer_sentences_per_s", "training_peak_rss_gib", "source",
            "training_tokens_per_sample",
        ]
        #expect(Self.keys(json["pytorch_baseline"]) == figures.union(["inference_tokens_per_sentence", "length_grouped"]))
        #expect(Self.keys((json["pytorch_baseline"] as? [String: Any])?["length_grouped"]) == [
            "training_samples_per_s", "inference_sentences_per_s", "training_tokens_per_sample", "inference_tokens_per_sentence",
        ])
        #expect(Self.keys(json["pytorch_recorded"]) == figures)
        #expect(Self.keys(json["speedup_vs_pytorch"]) == ["training", "inference", "tokenizer"])
        #expect(Self.keys(json["speedup_vs_pytorch_equal_batching"]) == ["training", "inference"])
        #expect(Self.keys(json["speedup_vs_pytorch_recorded"]) == ["training", "inference", "tokenizer"])
        let speedups = try #require(json["speedup_vs_pytorch"] as? [String: Double])
        #expect(abs((speedups["inference"] ?? 0) - 150 / 51.9) < 1e-9)
        let equal = try #require(json["speedup_vs_pytorch_equal_batching"] as? [String: Double])
        #expect(abs((equal["inference"] ?? 0) - 1.5) < 1e-9)
        #expect(abs((equal["training"] ?? 0) - 57.0 / 40) < 1e-9)
    }

    @Test func theFMAPeakAndCeilingHaveTheirKeysAndLine() throws {
        var result = Self.result
        result.fmaPeakGFLOPS = 220
        result.fmaPeakThreads = 2
        result.speedupCeilingEqualBatching = .init(training: 3.1, inference: 2.3, tokenizer: nil)
        let json = try Self.printed(result)
        #expect(json["fma_peak_gflops"] as? Double == 220)
        #expect(json["fma_peak_threads"] as? Int == 2)
        #expect(Self.keys(json["speedup_ceiling_equal_batching"]) == ["training", "inference"])
        #expect(result.description.contains("FP32 FMA peak of these 2 threads: 220 GFLOP/s; at that peak, equal batching would give at most training 3.10x, inference 2.30x"))
    }

    @Test func noEqualBatchingSpeedupWithoutLengthGroupedPyTorch() {
        let training = Self.result.training
        #expect(PyTorchFigures.recorded.equalBatchingSpeedups(inference: Self.result.inference, training: training) == nil)
        var inferenceOnly = Self.result.pytorchBaseline
        inferenceOnly?.lengthGrouped?.inferenceSentencesPerSecond = nil
        #expect(inferenceOnly?.equalBatchingSpeedups(inference: nil, training: training)?.training != nil)
        #expect(inferenceOnly?.equalBatchingSpeedups(inference: Self.result.inference, training: nil) == nil)
    }

    @Test func aTokenizerRunLeavesOutWhatItDidNotMeasure() throws {
        var result = Self.result
        result.benchmark = "tokenizer"
        result.inference = nil
        result.training = nil
        result.peakRSSNote = nil
        result.pytorchBaseline = nil
        result.speedupVsPyTorch = nil
        result.speedupVsPyTorchEqualBatching = nil
        result.pytorchRecorded = nil
        result.speedupVsPyTorchRecorded = nil
        #expect(Self.keys(try Self.printed(result)) == [
            "benchmark", "build", "data", "model", "threads", "parallelism", "tokenizer", "peak_rss_gib",
        ])
        // The summary still compares with the baseline it was run against.
        #expect(result.description.contains("HF fast: 10333"))
        #expect(result.description.contains("PyTorch: pt.json"))
    }

    @Test func anInferenceRunHasOnlyTheInferenceSpeedup() throws {
        let inference = Self.result.inference
        let speedups = PyTorchFigures.recorded.speedups(tokenizer: nil, inference: inference, training: nil)
        let object = try JSONSerialization.jsonObject(with: Data(try JSONText.encode(speedups).utf8))
        #expect(Self.keys(object) == ["inference"])
    }

    @Test func theSummaryHasALinePerMeasuredPart() {
        let lines = Self.result.description.split(separator: "\n").map(String.init)
        #expect(lines.first == "BERT (release build, ../shared/reference/pytorch-split):")
        #expect(lines.contains("  tokenizer: 200000 sentences/s (HF fast: 10333)"))
        #expect(lines.contains(
            "  inference: 150.0 sentences/s, 76.0 per CPU-second, 30.5 tokens per sentence (PyTorch length-grouped 100.0 at 30.9 tokens: 1.50x; padded 51.9 at 69.2 tokens: 2.89x)"))
        #expect(lines.contains { $0.hasPrefix("  training: 57.0 samples/s, 28.5 per CPU-second, 30.0 tokens per sample") && $0.contains("GEMM share 90%") })
        #expect(lines.contains { $0.hasSuffix("(PyTorch length-grouped 40.0 at 31.1 tokens: 1.43x; padded 15.8 at 68.5 tokens: 3.61x)") })
        #expect(lines.contains("  peak RSS: 0.97 GiB (PyTorch training: 2.91)"))
        #expect(lines.last == "  PyTorch: pt.json")
    }
}
