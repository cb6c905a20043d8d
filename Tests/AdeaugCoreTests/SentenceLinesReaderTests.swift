import AdeaugCore
import Foundation
import Testing

@Suite struct SentenceLinesReaderTests {
    @Test func jsonlFileWithATextLineIsAnErrorNotASentence() {
        let text = "{\"text\": \"first\"}\nsecond, plain\n"
        #expect(throws: TextFormatError.invalidJSON(SourceLocation(file: "in.jsonl", line: 2))) {
            try SentenceLinesReader().sentences(in: Data(text.utf8), file: "in.jsonl")
        }
        // Also when only the first line tells the format.
        #expect(throws: TextFormatError.invalidJSON(SourceLocation(file: standardInput, line: 2))) {
            try SentenceLinesReader().sentences(in: Data(text.utf8), file: standardInput)
        }
    }

    @Test func objectsNeedAStringText() {
        #expect(throws: TextFormatError.missingStringField(SourceLocation(file: "t.jsonl", line: 2), name: "text")) {
            try SentenceLinesReader().sentences(in: Data("{\"text\": \"a\"}\n{\"text\": 3}\n".utf8), file: "t.jsonl")
        }
        #expect(throws: TextFormatError.notAnObject(SourceLocation(file: "t.jsonl", line: 1))) {
            try SentenceLinesReader().sentences(in: Data("\"just a string\"\n".utf8), file: "t.jsonl")
        }
    }

    @Test func plainTextStartingWithoutBraceIsLines() throws {
        let file = try SentenceLinesReader().sentences(in: Data("a sentence\n{not json} but text\n".utf8), file: "s.txt")
        #expect(file.format == .plainLines)
        #expect(file.sentences.map(\.text) == ["a sentence", "{not json} but text"])
    }

    @Test func idsAreStringsOrNumbers() throws {
        let text = "{\"id\": \"x1\", \"text\": \"a\"}\n{\"id\": 7, \"text\": \"b\"}\n{\"text\": \"c\"}\n"
        let file = try SentenceLinesReader().sentences(in: Data(text.utf8), file: "ids.jsonl")
        #expect(file.format == .jsonLines)
        #expect(file.sentences.map(\.id) == ["x1", "7", nil])
    }

    var standardInput: String { TextInput.standardInputName }
}
