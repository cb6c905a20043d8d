import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct SentenceFileReaderTests {
    @Test func readsTextLinesAndJSONLWithIDs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let text = try SentenceFileReader().read(path: try folder.file("a.txt", "First sentence.\r\n\n  Second one.  \n"))
        #expect(text.map(\.text) == ["First sentence.", "Second one."])
        #expect(text[1].source.line == 3)
        let jsonl = try SentenceFileReader().read(path: try folder.file("b.jsonl", "{\"id\": 7, \"text\": \"A\"}\n{\"text\": \"B\", \"label\": 1}\n"))
        #expect(jsonl.map(\.id) == ["7", folder.path + "/b.jsonl:2"])
    }

    @Test func unicodeSeparatorsStayInsideTheSentence() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let text = try SentenceFileReader().read(path: try folder.file("u.txt", "a\u{2028}b\u{85}c\r\nd\u{2029}e"))
        #expect(text.map(\.text) == ["a\u{2028}b\u{85}c", "d\u{2029}e"])
        let plainInJSONL = try folder.file("p.jsonl", "{\"text\": \"A\"}\nB as plain text\n")
        #expect(throws: ContaminationError.malformedInput(file: plainInJSONL, line: 2, reason: TextFormatError.invalidJSON(SourceLocation(file: plainInJSONL, line: 2)).reason)) {
            try SentenceFileReader().read(path: plainInJSONL)
        }
    }

    @Test func badInputNamesFileAndLine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let reader = SentenceFileReader()
        #expect(throws: ContaminationError.unreadable(file: folder.path + "/missing.txt", reason: "no such file")) {
            try reader.read(path: folder.path + "/missing.txt")
        }
        let empty = try folder.file("empty.txt", "\n  \n")
        #expect(throws: ContaminationError.emptyInput(file: empty)) { try reader.read(path: empty) }
        let invalid = try folder.file("bad.txt", bytes: Array("ok\n".utf8) + [0x66, 0xC3, 0x28, 0x0A])
        #expect(throws: ContaminationError.malformedInput(file: invalid, line: 2, reason: "invalid UTF-8")) {
            try reader.read(path: invalid)
        }
        let noText = try folder.file("c.jsonl", "{\"text\": \"A\"}\n{\"sentence\": \"B\"}\n")
        #expect(throws: ContaminationError.malformedInput(file: noText, line: 2, reason: "no string field `text`")) {
            try reader.read(path: noText)
        }
        let long = try folder.file("long.txt", "short\n" + String(repeating: "x", count: SentenceFileReader.maximumLineBytes + 1) + "\n")
        #expect(throws: ContaminationError.malformedInput(file: long, line: 2, reason: "line longer than 1048576 bytes")) {
            try reader.read(path: long)
        }
    }
}
