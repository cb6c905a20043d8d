import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBERT

/// A few steps of the real training loop on a tiny random model: reproducible from the seed,
/// validation and the kept step reported, frozen-encoder mode, the workspace tables filled.
struct BertTrainerTests {
    static let tokenizer = BertTokenizer(vocabulary: WordPieceVocabulary(tokens: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "drug", "caused", "rash", "was", "given", "no", "effect", ".", "patient",
        "nausea", "after", "dose", "##s",
    ]))

    static let examples: [LabelledText] = (0..<24).map { i in
        i % 3 == 0
            ? LabelledText(text: "the drug caused rash after dose\(i % 2 == 0 ? "s" : "") .", label: 1)
            : LabelledText(text: "the patient was given the drug\(i % 2 == 0 ? " , no effect" : "") .", label: 0)
    }

    static func train(_ options: TrainingSettings) -> (BertNetwork, TrainingReport) {
        let network = FiniteDifferenceTests.randomNetwork()
        let trainer = BertTrainer(network: network, tokenizer: tokenizer, options: options, threads: 2)
        return (network, trainer.train(examples))
    }

    static var options: TrainingSettings {
        var options = TrainingSettings()
        options.batchSize = 4
        options.epochs = 2
        options.learningRate = 1e-2
        options.validationFraction = 0.25
        options.maxLength = 12
        options.patience = 100
        return options
    }

    @Test func sameSeedSameModel() {
        let (a, reportA) = Self.train(Self.options)
        let (b, reportB) = Self.train(Self.options)
        #expect(a.parameters.buffer.elementsEqual(b.parameters.buffer))
        #expect(reportA.steps.map(\.loss) == reportB.steps.map(\.loss))
        #expect(reportA.trainCount == 18 && reportA.validationCount == 6)
        #expect(reportA.steps.count == 10)
        #expect(reportA.steps.allSatisfy { $0.loss.isFinite })
        #expect(!reportA.validations.isEmpty)
        #expect(reportA.validations.contains { $0.step == reportA.keptStep })
        var other = Self.options
        other.seed = 7
        let (c, _) = Self.train(other)
        #expect(!a.parameters.buffer.elementsEqual(c.parameters.buffer))
    }

    @Test func stopsEarlyWhenValidationStallsAndKeepsTheBestStep() {
        var options = Self.options
        options.patience = 1
        options.epochs = 6
        options.learningRate = 0
        let (_, report) = Self.train(options)
        #expect(report.stoppedEarly)
        #expect(report.steps.count < 30)
        #expect(report.keptStep == report.validations.first!.step)
    }

    @Test func frozenEncoderTrainsOnlyTheHead() {
        var options = Self.options
        options.freezeEncoder = true
        options.epochs = 3
        let before = FiniteDifferenceTests.randomNetwork()
        let (after, report) = Self.train(options)
        let head = after.layout.headStart
        #expect(Array(after.parameters.buffer[..<head]) == Array(before.parameters.buffer[..<head]))
        #expect(Array(after.parameters.buffer[head...]) != Array(before.parameters.buffer[head...]))
        #expect(report.steps.count > 0)
    }

    @Test func runsAreStoredInTheWorkspace() throws {
        let directory = NSTemporaryDirectory() + "adeaug-bert-ws-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let workspace = try Workspace(directory: directory, create: true)
        let store = try BertRunStore(workspace: workspace)
        let (_, report) = Self.train(Self.options)
        try store.recordTraining(command: "train", arguments: ["--epochs", "2"], model: "tiny", checkpoint: "/tmp/x", report: report, startedAt: Timestamp.now())
        let metrics = ClassificationMetrics(labels: [1, 0, 1, 0], probabilities: [0.9, 0.2, 0.4, 0.6])
        try store.recordEvaluation(command: "evaluate", arguments: [], checkpoint: "/tmp/x", metrics: metrics, predictions: [(1, 1, 0.9)], startedAt: Timestamp.now())
        #expect(try store.runCount(kind: "train") == 1)
        #expect(try store.runCount(kind: "evaluate") == 1)
        let curve = try workspace.database.prepare("SELECT COUNT(*) FROM bert_loss_curve").rows { $0.int(0) }.first
        #expect(curve == report.steps.count)
    }

    @Test func metricsMatchHandCounts() {
        let m = ClassificationMetrics(labels: [1, 0, 1, 0, 1], probabilities: [0.9, 0.2, 0.4, 0.6, 0.8])
        #expect(m.truePositives == 2 && m.falsePositives == 1 && m.falseNegatives == 1 && m.trueNegatives == 1)
        #expect(abs(m.f1 - 2.0 / 3.0) < 1e-12)
        // scores sorted: 0.9(1) 0.8(1) 0.6(0) 0.4(1) 0.2(0): AP = 1/3·1 + 1/3·1 + 1/3·3/4
        #expect(abs(m.averagePrecision - (1.0 / 3 + 1.0 / 3 + 0.25)) < 1e-12)
    }

    @Test func scheduleWarmsUpThenDecays() {
        let schedule = LinearSchedule(peak: 1, totalSteps: 100, warmupFraction: 0.06)
        #expect(schedule.warmupSteps == 6)
        #expect(schedule.learningRate(step: 0) == 0)
        #expect(schedule.learningRate(step: 3) == 0.5)
        #expect(schedule.learningRate(step: 6) == 1)
        #expect(abs(schedule.learningRate(step: 53) - 0.5) < 1e-6)
        #expect(schedule.learningRate(step: 100) == 0)
    }
}
