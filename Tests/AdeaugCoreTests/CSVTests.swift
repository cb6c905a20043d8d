import AdeaugCore
import Foundation
import Testing

@Suite struct CSVTests {
    static let rows = [
        ["plain", "1"],
        ["with, comma", "0"],
        ["with \"quotes\"", "1"],
        ["multi\nline\r\nfield", "0"],
        ["tab\there", "1"],
        ["line\u{2028}separator\u{2029}and\u{85}next", "0"],
        ["", "1"],
    ]

    @Test func commaQuotingRoundTrips() throws {
        let writer = CSVWriter()
        let text = writer.render(header: ["text", "label"], rows: Self.rows)
        #expect(writer.field("with, comma") == "\"with, comma\"")
        #expect(writer.field("with \"quotes\"") == "\"with \"\"quotes\"\"\"")
        #expect(writer.field("tab\there") == "tab\there")
        let records = try CSVReader().records(in: Data(text.utf8), file: "r.csv")
        #expect(records.map(\.fields) == [["text", "label"]] + Self.rows)
        // Each record starts on the line after the previous one ended (the quoted newlines count).
        #expect(records.map(\.line) == [1, 2, 3, 4, 5, 8, 9, 10])
    }

    @Test func tabSeparatedRoundTrips() throws {
        let writer = CSVWriter(delimiter: .tab)
        #expect(writer.field("tab\there") == "\"tab\there\"")
        #expect(writer.field("with, comma") == "with, comma")
        let text = writer.render(header: ["text", "label"], rows: Self.rows)
        #expect(CSVDelimiter.forPath("corpus.TSV") == .tab)
        let records = try CSVReader(delimiter: CSVDelimiter.forPath("corpus.tsv")).records(in: Data(text.utf8), file: "corpus.tsv")
        #expect(records.map(\.fields) == [["text", "label"]] + Self.rows)
    }

    @Test func crlfAndFinalLineWithoutNewline() throws {
        let text = "a,b\r\n\"x\r\ny\",2\r\n\r\nlast,3"
        let records = try CSVReader().records(in: Data(text.utf8), file: "c.csv")
        #expect(records.map(\.fields) == [["a", "b"], ["x\r\ny", "2"], ["last", "3"]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func unclosedQuoteNamesTheRecordsLine() {
        let text = "a,b\nfine,1\n\"never closed,2\nmore\n"
        #expect(throws: TextFormatError.unclosedQuote(SourceLocation(file: "q.csv", line: 3))) {
            try CSVReader().records(in: Data(text.utf8), file: "q.csv")
        }
    }
}
