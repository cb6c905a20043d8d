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
