import AdeaugPipeline
import Foundation
import Testing

@Suite struct PipelineConfigTests {
    @Test func theInitTemplateSaysTheDefaults() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(PipelineConfig.template.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try PipelineConfig.load(path: path) == PipelineConfig())
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("compare:\n  seeds: 5\nrebalance:\n  train_positives: null\n".utf8).write(to: URL(fileURLWithPath: path))
        let config = try PipelineConfig.load(path: path)
        var expected = PipelineConfig()
        expected.compare.seeds = 5
        expected.rebalance.trainPositives = nil
        #expect(config == expected)
    }

    @Test func theEncryptionSectionIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("encryption:\n  enabled: true\n  key_file: /keys/ws.key\n".utf8).write(to: URL(fileURLWithPath: path))
        let config = try PipelineConfig.load(path: path)
        #expect(config.encryption.enabled && config.encryption.keyFile == "/keys/ws.key" && config.encryption.kmsKeyID == nil)
        try Data("encryption:\n  key: abc\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PipelineError.self) { try PipelineConfig.load(path: path) }
    }

    @Test func aMisspeltKeyIsAnErrorNamingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("compare:\n  seed: 5\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PipelineConfig.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error).contains("unknown key \"seed\""))
            #expect(String(describing: error).contains(path))
        }
    }

    @Test func aMissingConfigSaysHowToWriteOne() {
        #expect(throws: PipelineError.self) { try PipelineConfig.load(path: "/nonexistent/adeaug.yaml") }
    }

    @Test func theLearningCurveTakesBudgetsAndAddedCountsAsWritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("compare:\n  learning_curve:\n    real_positives: [50, all]\n    added: [\"+300%\", 200]\n".utf8).write(to: URL(fileURLWithPath: path))
        let curve = try PipelineConfig.load(path: path).compare.learningCurve
        #expect(curve.realPositives == [.count(50), .all])
        #expect(curve.added == [.shareOfReal(3), .count(200)])
        #expect(curve.largestAddition(availableRealPositives: 80) == 240)
        try Data("compare:\n  learning_curve:\n    real_positives: [50, lots]\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PipelineConfig.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error).contains("compare.learning_curve.real_positives[1]"), "\(error)")
            #expect(String(describing: error).contains("not lots"), "\(error)")
        }
    }
}
