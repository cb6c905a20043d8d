import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBERT

/// transformers 5 saves a model folder with `tokenizer.json` and no `vocab.txt`: its WordPiece
/// vocabulary is read instead, and gives the same ids.
struct TokenizerJSONVocabularyTests {
    static let sentences = ["Hepatotoxicity after AMIODARONE, 200 mg/day.", "rash", "Naïve café résumé: 3.5%"]

    @Test func aFolderWithTokenizerJSONOnlyLoadsAndTokenizesAsWithVocabTxt() throws {
        let source = CheckpointFamilyTests.fixture("tiny-pretraining")
        let folder = try CheckpointRefusalTests.copy(source)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/vocab.txt")
        #expect(try ModelLocator.resolve(explicit: folder) == folder)
        let fromJSON = try BertTokenizer(modelDirectory: folder)
        let fromText = try BertTokenizer(modelDirectory: source)
        #expect(fromJSON.vocabulary.tokens == fromText.vocabulary.tokens)
        for sentence in Self.sentences { #expect(fromJSON.encode(sentence) == fromText.encode(sentence)) }
        _ = try BertCheckpoint.load(directory: folder)
    }

    @Test func aFolderWithNeitherVocabularyIsNotACheckpoint() throws {
        let folder = try CheckpointRefusalTests.copy(CheckpointFamilyTests.fixture("tiny-pretraining"), only: ["config.json", "model.safetensors"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(CheckpointRefusalTests.message { try ModelLocator.resolve(explicit: folder) }.contains("vocab.txt or tokenizer.json"))
    }

    @Test func aTokenizerJSONThatIsNotWordPieceOrHasGapsIsRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-tokjson-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/tokenizer.json"
        try Data(#"{"model": {"type": "BPE", "vocab": {"a": 0}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(CheckpointRefusalTests.message { try WordPieceVocabulary(modelFile: path) }.contains("not WordPiece"))
        try Data(#"{"model": {"type": "WordPiece", "vocab": {"[PAD]": 0, "rash": 2}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(CheckpointRefusalTests.message { try WordPieceVocabulary(modelFile: path) }.contains("rash the id 2"))
        try Data(#"{"model": {"type": "WordPiece", "vocab": {"[PAD]": 0, "rash": 1}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try WordPieceVocabulary(modelFile: path).tokens == ["[PAD]", "rash"])
    }
}
