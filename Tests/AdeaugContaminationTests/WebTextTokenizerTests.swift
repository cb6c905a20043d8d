import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct WebTextTokenizerTests {
    /// The ASCII fast path must give exactly what the general (Unicode) path gives.
    @Test func asciiFastPathMatchesTheUnicodePath() throws {
        let tokenizer = WebTextTokenizer()
        let corpus = try AdeCorpusSentences(directory: SharedData.adeCorpus)
        for sentence in corpus.sentences.prefix(3000) + ["a 5 , 6 b", "x.\ny!z?", "1.5.6,7", "..", ""] {
            #expect(tokenizer.tokenize(sentence) == tokenizer.tokenizeUnicode(sentence), "\(sentence)")
        }
        #expect(tokenizer.tokenize("ＡＳＰＩＲＩＮ") == tokenizer.tokenize("aspirin"))
        #expect(tokenizer.tokenize("Dose 1.5 mg, then 10,000 IU. Stop!").tokens.count == 7)
        #expect(tokenizer.tokenize("5 mg").tokens != tokenizer.tokenize("10 mg").tokens)
        #expect(tokenizer.tokenize("ASPIRIN-induced").tokens == tokenizer.tokenize("aspirin induced").tokens)
    }
}
