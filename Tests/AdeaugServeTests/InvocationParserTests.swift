import AdeaugServe
import Foundation
import Testing

@Suite struct InvocationParserTests {
    func parse(_ text: String, _ format: InvocationFormat) throws(InvocationError) -> Invocation {
        try InvocationParser.parse(Data(text.utf8), format: format)
    }

    @Test func jsonSingleAndBatch() throws {
        #expect(try parse(#"{"inputs": "rash after aspirin"}"#, .json) == Invocation(texts: ["rash after aspirin"], isBatch: false))
        #expect(try parse(#"{"inputs": ["a", "b"], "parameters": {"top_k": 2, "threshold": 0.7}}"#, .json)
            == Invocation(texts: ["a", "b"], parameters: InvocationParameters(topK: 2, threshold: 0.7), isBatch: true))
    }

    @Test func jsonErrorsNameTheProblem() {
        #expect(throws: InvocationError.invalidJSON(line: nil)) { try parse("{nope", .json) }
        #expect(throws: InvocationError.missingField("inputs", line: nil)) { try parse(#"{"text": "a"}"#, .json) }
        #expect(throws: InvocationError.emptyInput(line: nil)) { try parse(#"{"inputs": "  "}"#, .json) }
        #expect(throws: InvocationError.emptyInput(line: nil)) { try parse(#"{"inputs": []}"#, .json) }
        #expect(throws: InvocationError.wrongKind("inputs", line: nil)) { try parse(#"{"inputs": 3}"#, .json) }
        #expect(throws: InvocationError.invalidUTF8(line: nil)) { try InvocationParser.parse(Data([0x7B, 0xFF, 0x7D]), format: .json) }
        #expect(throws: InvocationError.invalidParameter("top_k", problem: "must be a whole number of at least 1")) {
            try parse(#"{"inputs": "a", "parameters": {"top_k": 0}}"#, .json)
        }
    }

    @Test func jsonLinesOneInputPerLineAndErrorsNameTheLine() throws {
        #expect(try parse("{\"inputs\": \"a\"}\n{\"text\": \"b\"}\n", .jsonLines).texts == ["a", "b"])
        // U+2028 does not end a record: records split on \n only.
        #expect(try parse("{\"inputs\": \"a\u{2028}b\"}\n", .jsonLines).texts == ["a\u{2028}b"])
        #expect(throws: InvocationError.invalidJSON(line: 2)) { try parse("{\"inputs\": \"a\"}\n{oops\n", .jsonLines) }
        #expect(throws: InvocationError.missingField("inputs", line: 1)) { try parse("{\"x\": 1}\n", .jsonLines) }
        #expect(throws: InvocationError.emptyInput(line: 3)) { try parse("{\"inputs\": \"a\"}\n\n{\"inputs\": \"\"}\n", .jsonLines) }
        #expect(throws: InvocationError.invalidUTF8(line: 2)) {
            try InvocationParser.parse(Data("{\"inputs\": \"a\"}\n".utf8) + Data([0xC3, 0x28]), format: .jsonLines)
        }
    }

    @Test func csvOneSentencePerRow() throws {
        #expect(try parse("rash, itching after aspirin\n\"quoted, \"\"one\"\"\"\n", .csv).texts == ["rash, itching after aspirin", "quoted, \"one\""])
        #expect(throws: InvocationError.unclosedQuote(line: 2)) { try parse("a\n\"b\n", .csv) }
    }

    @Test func contentTypesAndAccept() {
        #expect(InvocationFormat(contentType: "application/json; charset=utf-8") == .json)
        #expect(InvocationFormat(contentType: "text/plain") == nil)
        #expect(InvocationFormat.accepted(by: nil) == .json)
        #expect(InvocationFormat.accepted(by: "*/*") == .json)
        #expect(InvocationFormat.accepted(by: "text/csv") == .csv)
        #expect(InvocationFormat.accepted(by: "image/png") == nil)
    }

    @Test func errorsNeverQuoteTheRequest() {
        let errors: [InvocationError] = [.invalidJSON(line: 2), .missingField("inputs", line: 1), .emptyInput(line: nil), .invalidUTF8(line: 4)]
        for error in errors { #expect(error.status == 400 && !error.description.contains("secret")) }
        #expect(InvocationError.bodyTooLarge(limit: 1).status == 413)
        #expect(InvocationError.unsupportedContentType.status == 415)
        #expect(InvocationError.overloaded(queued: 3).status == 429)
    }
}
