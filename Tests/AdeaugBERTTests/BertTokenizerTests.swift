import Foundation
import Testing
@testable import AdeaugBERT

@Suite(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
struct BertTokenizerTests {
    @Test func idsMatchHuggingFaceForEveryGoldenSentence() throws {
        let tokenizer = try BertTokenizer(modelDirectory: Reference.modelDirectory!)
        let text = try String(contentsOf: Reference.minilm.appendingPathComponent("tokens.jsonl"), encoding: .utf8)
        var checked = 0
        var mismatches: [String] = []
        for line in text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let sentence = object["text"] as! String
            let expected = (object["input_ids"] as! [NSNumber]).map { $0.int32Value }
            let ids = tokenizer.encode(sentence, maxLength: 512)
            if ids != expected, mismatches.count < 5 {
                mismatches.append("\(sentence.debugDescription): got \(ids), expected \(expected)")
            }
            checked += 1
        }
        #expect(checked > 20_000)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func truncatesKeepingClsAndSep() throws {
        let tokenizer = try BertTokenizer(modelDirectory: Reference.modelDirectory!)
        let ids = tokenizer.encode(String(repeating: "drug ", count: 50), maxLength: 8)
        #expect(ids.count == 8)
        #expect(ids.first == tokenizer.clsID && ids.last == tokenizer.sepID)
    }
}

struct WordPieceVocabularyTests {
    @Test func greedyLongestMatchWithContinuations() {
        let vocabulary = WordPieceVocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "aff", "##a", ",", "x"])
        let tokenizer = BertTokenizer(vocabulary: vocabulary)
        #expect(tokenizer.tokenize("Unaffable, x") == ["un", "##aff", "##able", ",", "x"])
        #expect(tokenizer.tokenize("unq") == ["[UNK]"])
        #expect(tokenizer.tokenize(String(repeating: "x", count: 101)) == ["[UNK]"])
    }
}
