import AdeaugCore
import Foundation
import Testing

@Suite struct JSONLinesTests {
    struct Item: Codable, Equatable {
        var text: String
        var label: Int
    }

    /// Values that Unicode-aware line splitting would cut in two.
    static let awkwardTexts = [
        "line\u{2028}separator", "paragraph\u{2029}separator", "next\u{85}line", "lone\rreturn",
        "real\nnewline", "crlf\r\ninside", "vertical\u{0B}tab", "form\u{0C}feed", "ends in return\r", "",
    ]

    @Test func awkwardStringsRoundTripOneRecordEach() throws {
        let items = Self.awkwardTexts.enumerated().map { Item(text: $0.element, label: $0.offset) }
        let text = try JSONLinesWriter.render(items)
        #expect(text.utf8.filter { $0 == 0x0A }.count == items.count)
        let records = try JSONLinesReader().decode(Item.self, in: Data(text.utf8), file: "items.jsonl")
        #expect(records.map(\.value) == items)
        #expect(records.map(\.location.line) == Array(1...items.count))
    }

    @Test func rawSeparatorsInsideALineBelongToTheValue() throws {
        // A writer other than ours may leave U+2028, U+2029 and U+0085 raw inside strings.
        let text = "{\"text\": \"a\u{2028}b\u{2029}c\u{85}d\", \"label\": 1}\r\n\n  \n{\"text\": \"e\", \"label\": 0}"
        let records = try JSONLinesReader().decode(Item.self, in: Data(text.utf8), file: "raw.jsonl")
        #expect(records.map(\.value) == [Item(text: "a\u{2028}b\u{2029}c\u{85}d", label: 1), Item(text: "e", label: 0)])
        // Blank lines are skipped but counted; the final line has no newline and is a record.
        #expect(records.map(\.location.line) == [1, 4])
    }

    @Test func aLineThatIsNotJSONNamesFileAndLine() throws {
        let text = "{\"text\": \"ok\", \"label\": 1}\nplain text, not JSON\n"
        #expect(throws: TextFormatError.invalidJSON(SourceLocation(file: "in.jsonl", line: 2))) {
            try JSONLinesReader().values(in: Data(text.utf8), file: "in.jsonl")
        }
        let folder = NSTemporaryDirectory() + "adeaug-jsonl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bad.jsonl"
        try Data("{\"text\": \"a\", \"label\": 0}\n\n{\"text\": \"b\", \"label\": \n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try JSONLinesReader().decode(Item.self, atPath: path)
            Issue.record("expected an error for \(path)")
        } catch let error as TextFormatError {
            #expect(error == .invalidJSON(SourceLocation(file: path, line: 3)))
            #expect(error.description.hasPrefix(path + ":3: not valid JSON"))
        }
    }

    @Test func valuesOfTheWrongShapeNameTheField() {
        let text = "{\"text\": \"a\", \"label\": \"one\"}\n"
        #expect(throws: TextFormatError.unexpectedJSON(SourceLocation(file: "f.jsonl", line: 1), reason: "field `label` is of the wrong kind")) {
            try JSONLinesReader().decode(Item.self, in: Data(text.utf8), file: "f.jsonl")
        }
    }

    @Test func invalidUTF8AndLongLinesNameTheLine() {
        let bytes = Array("{\"a\": 1}\n".utf8) + [0x22, 0xC3, 0x28, 0x22, 0x0A]
        #expect(throws: TextFormatError.invalidUTF8(SourceLocation(file: "u.jsonl", line: 2))) {
            try JSONLinesReader().values(in: Data(bytes), file: "u.jsonl")
        }
        let long = "1\n" + String(repeating: "2", count: 20) + "\n"
        #expect(throws: TextFormatError.lineTooLong(SourceLocation(file: "l.jsonl", line: 2), bytes: 20, limit: 10)) {
            try JSONLinesReader(maximumLineBytes: 10).values(in: Data(long.utf8), file: "l.jsonl")
        }
    }

    @Test func jsonValueKeepsKinds() throws {
        let text = #"{"s": "x", "b": true, "i": 1, "d": 1.5, "n": null, "a": [1, "y"], "o": {"k": false}}"#
        let value = try #require(try JSONLinesReader().values(in: Data(text.utf8), file: "v.jsonl").first?.value)
        #expect(value["s"] == .string("x"))
        #expect(value["b"] == .bool(true))
        #expect(value["i"] == .integer(1))
        #expect(value["d"] == .number(1.5))
        #expect(value["n"] == .null)
        #expect(value["a"] == .array([.integer(1), .string("y")]))
        #expect(value["o"]?["k"] == .bool(false))
        #expect(value["i"]?.scalarText == "1")
        #expect(value["b"]?.scalarText == "true")
        #expect(value["a"]?.scalarText == nil)
        #expect(try JSONLinesReader().values(in: Data((try JSONLinesWriter.line(value) + "\n").utf8), file: "w.jsonl").map(\.value) == [value])
    }
}
