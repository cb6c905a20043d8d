import AdeaugCore
import Foundation
import Testing

@testable import AdeaugBERT

/// The reading path of `adeaug tokenize` and `adeaug predict`.
@Suite struct InputTextsTests {
    func withFile(_ name: String, _ contents: String, _ body: (String) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "adeaug-input-texts-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try body(path)
    }

    /// The reported bug: 172 JSON lines, one a string holding U+2028 and U+2029, gave 174 texts.
    @Test func oneTextPerJSONLineWhateverTheStringHolds() throws {
        var lines = (1...172).map { try! JSONLinesWriter.line(["text": "Sentence \($0) about aspirin."]) }
        let awkward = "Rash after aspirin\u{2028}second part\u{2029}third part."
        lines[99] = #"{"text": "Rash after aspirin\#u{2028}second part\#u{2029}third part."}"#
        for name in ["input.jsonl", "input.txt"] {
            try withFile(name, lines.joined(separator: "\n") + "\n") { path in
                let texts = try InputTexts.read(path: path)
                #expect(texts.count == 172)
                #expect(texts[99] == awkward)
                #expect(texts[171] == "Sentence 172 about aspirin.")
            }
        }
    }

    @Test func plainLinesKeepSeparatorsInsideTheLine() throws {
        try withFile("input.txt", "first\u{2028}still first\r\nsecond\u{85}still second\n\nthird") { path in
            let texts = try InputTexts.read(path: path)
            #expect(texts == ["first\u{2028}still first", "second\u{85}still second", "third"])
        }
    }

    @Test func aLineThatIsNotJSONInAJSONLFileIsAnError() throws {
        try withFile("input.jsonl", "{\"text\": \"fine\"}\n{\"text\": \"broken\"\n{\"text\": \"fine\"}\n") { path in
            #expect(throws: TextFormatError.invalidJSON(SourceLocation(file: path, line: 2))) {
                try InputTexts.read(path: path)
            }
        }
    }

    @Test func vocabularyWithCRLFLineEndsKeepsIDs() throws {
        try withFile("vocab.txt", "[PAD]\r\n[UNK]\r\n\r\nrash\u{2028}x\r\n") { path in
            let vocabulary = try WordPieceVocabulary(path: path)
            #expect(vocabulary.tokens == ["[PAD]", "[UNK]", "", "rash\u{2028}x"])
        }
    }
}
