import Foundation
import Testing
@testable import AdeaugBenchmarks

/// `adeaug bench train --pytorch FILE` reads what scripts/bench_pytorch.py prints.
struct PyTorchFiguresTests {
    static let printed = """
        {"software": {"torch": "2.15.0"}, "tokenizer": {"sentences_per_s": 10333.1, "tokens_per_s": 317453.0},
         "inference": {"sentences": 4180, "seconds": 80.5, "sentences_per_s": 51.9},
         "training": {"samples_per_s": 15.8, "timed_steps": 100}, "peak_rss_gib": 2.91}
        """

    /// What the script prints since it also times length-grouped batches.
    static let printedWithLengthGrouped = """
        {"software": {"torch": "2.13.0+cpu"}, "tokenizer": {"sentences_per_s": 10333.1},
         "inference": {"sentences_per_s": 51.9, "padded_tokens_per_sentence": 69.2},
         "inference_length_grouped": {"sentences_per_s": 80.0, "padded_tokens_per_sentence": 30.9},
         "training": {"samples_per_s": 15.8, "mean_padded_length": 68.5},
         "training_length_grouped": {"samples_per_s": 40.0, "mean_padded_length": 31.1}, "peak_rss_gib": 2.91}
        """

    @Test func readsTheScriptsOutputAndComputesSpeedups() throws {
        let figures = try PyTorchFigures(json: Data(Self.printed.utf8), source: "pt.json")
        #expect(figures.trainingSamplesPerSecond == 15.8)
        #expect(figures.inferenceSentencesPerSecond == 51.9)
        #expect(figures.tokenizerSentencesPerSecond == 10333.1)
        #expect(figures.trainingPeakRSSGiB == 2.91)
        var training = BertBenchmarkResultJSONTests.result.training
        training?.samplesPerSecond = 47.4
        var inference = BertBenchmarkResultJSONTests.result.inference
        inference?.sentencesPerSecond = 103.8
        let speedups = figures.speedups(tokenizer: nil, inference: inference, training: training)
        #expect(abs((speedups.training ?? 0) - 3) < 1e-12)
        #expect(abs((speedups.inference ?? 0) - 2) < 1e-12)
        #expect(speedups.tokenizer == nil)
        #expect(figures.lengthGrouped == nil)
        #expect(figures.equalBatchingSpeedups(inference: inference, training: training) == nil)
    }

    @Test func readsBothBatchingsAndTheirTokensPerSentence() throws {
        let figures = try PyTorchFigures(json: Data(Self.printedWithLengthGrouped.utf8), source: "pt.json")
        #expect(figures.trainingTokensPerSample == 68.5)
        #expect(figures.inferenceTokensPerSentence == 69.2)
        #expect(figures.lengthGrouped == .init(
            trainingSamplesPerSecond: 40, inferenceSentencesPerSecond: 80, trainingTokensPerSample: 31.1, inferenceTokensPerSentence: 30.9))
        var training = BertBenchmarkResultJSONTests.result.training
        training?.samplesPerSecond = 60
        var inference = BertBenchmarkResultJSONTests.result.inference
        inference?.sentencesPerSecond = 120
        let equal = try #require(figures.equalBatchingSpeedups(inference: inference, training: training))
        #expect(abs((equal.training ?? 0) - 1.5) < 1e-12)
        #expect(abs((equal.inference ?? 0) - 1.5) < 1e-12)
        let zeroGrouped = Self.printedWithLengthGrouped.replacingOccurrences(of: "\"samples_per_s\": 40.0", with: "\"samples_per_s\": 0")
        #expect(throws: PyTorchFiguresError(source: "d.json", field: "training_length_grouped.samples_per_s")) {
            try PyTorchFigures(json: Data(zeroGrouped.utf8), source: "d.json")
        }
    }

    @Test func namesTheMissingFieldOrTheBadFile() {
        let noTraining = #"{"tokenizer": {"sentences_per_s": 1}, "inference": {"sentences_per_s": 1}, "peak_rss_gib": 1}"#
        #expect(throws: PyTorchFiguresError(source: "a.json", field: "training.samples_per_s")) {
            try PyTorchFigures(json: Data(noTraining.utf8), source: "a.json")
        }
        let zeroRate = Self.printed.replacingOccurrences(of: "\"sentences_per_s\": 51.9", with: "\"sentences_per_s\": 0")
        #expect(throws: PyTorchFiguresError(source: "b.json", field: "inference.sentences_per_s")) {
            try PyTorchFigures(json: Data(zeroRate.utf8), source: "b.json")
        }
        #expect(throws: PyTorchFiguresError(source: "c.json", field: nil)) {
            try PyTorchFigures(json: Data("torch 2.15 says hello".utf8), source: "c.json")
        }
        #expect(PyTorchFiguresError(source: "c.json", field: nil).description.contains("scripts/bench-pytorch.sh"))
        #expect(throws: PyTorchFiguresError(source: "/no/such/pt.json", field: nil, unreadable: true)) {
            try PyTorchFigures(file: "/no/such/pt.json")
        }
    }
}
