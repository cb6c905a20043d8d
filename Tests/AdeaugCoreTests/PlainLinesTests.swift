import AdeaugCore
import Foundation
import Testing

@Suite struct PlainLinesTests {
    @Test func onlyLineFeedEndsALine() throws {
        let text = "one\u{2028}still one\r\ntwo\u{2029}\u{85}still two\n\n \t\nthree\rstill three\nfour without newline"
        let lines = try PlainLinesReader().lines(in: Data(text.utf8), file: "s.txt")
        #expect(lines.map(\.text) == ["one\u{2028}still one", "two\u{2029}\u{85}still two", "three\rstill three", "four without newline"])
        #expect(lines.map(\.number) == [1, 2, 5, 6])
    }

    @Test func writerAndReaderRoundTrip() throws {
        let sentences = ["a\u{2028}b", "c\u{2029}d", "e\u{85}f", "g\rh", "final"]
        let text = try PlainLinesWriter.render(sentences)
        #expect(try PlainLinesReader().lines(in: Data(text.utf8), file: "w.txt").map(\.text) == sentences)
        // CRLF files read the same.
        let crlf = sentences.map { $0 + "\r\n" }.joined()
        #expect(try PlainLinesReader().lines(in: Data(crlf.utf8), file: "w.txt").map(\.text) == sentences)
    }

    @Test func writerRefusesValuesThatWouldNotComeBackWhole() {
        #expect(throws: TextFormatError.unwritableLine(index: 1, reason: "holds a line feed, so it would be read back as several lines")) {
            try PlainLinesWriter.render(["fine", "two\nlines"])
        }
        #expect(throws: TextFormatError.self) { try PlainLinesWriter.render(["ends in\r"]) }
    }

    @Test func missingFileAndFolderAreNamed() {
        #expect(throws: TextFormatError.notFound(path: "/nonexistent/adeaug/s.txt")) {
            try PlainLinesReader().lines(atPath: "/nonexistent/adeaug/s.txt")
        }
        let folder = NSTemporaryDirectory()
        #expect(throws: TextFormatError.isDirectory(path: folder)) { try PlainLinesReader().lines(atPath: folder) }
    }
}
