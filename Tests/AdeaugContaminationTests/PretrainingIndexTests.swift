import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct PretrainingIndexTests {
    static let web = [
        "Welcome to our health blog. Many readers ask about side effects. The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose in the hospital. Call your doctor.",
        "Menu\nHome\nSevere rash after penicillin.\nContact us",
        "Unrelated page about gardening tomatoes in the spring with plenty of water and sun every day of the week.",
    ]

    private func jsonl(_ documents: [String]) throws -> String {
        try documents.enumerated().map { offset, content in
            String(decoding: try JSONSerialization.data(withJSONObject: ["content": content, "url": "https://example.org/\(offset)"]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    @Test func findsVerbatimSentencesSpansAndShortSentences() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let input = try folder.file("web.jsonl", try jsonl(Self.web))
        let index = try PretrainingIndex(path: folder.path + "/index.sqlite", readOnly: false)
        let result = try PretrainingIndexBuilder(index: index).add(path: input)
        #expect(result.documents == 3)
        // Verbatim (after normalisation), long enough for the n-gram guarantee.
        let verbatim = try index.lookup("The PATIENT developed severe lactic-acidosis after two weeks of metformin therapy at a high dose in the hospital")
        #expect(verbatim.fraction == 1)
        #expect(verbatim.urls.first == "https://example.org/0")
        #expect(verbatim.longestSpan >= 13)
        // A 13-word shared span inside a different sentence.
        let span = try index.lookup("Reports say the patient developed severe lactic acidosis after two weeks of metformin therapy, which is rare and unexpected for most people.")
        #expect(span.fraction > 0)
        #expect(span.longestSpan >= 8)
        // A short sentence of a document: whole-sentence fallback.
        #expect(try index.lookup("severe rash after penicillin").fraction == 1)
        #expect(try index.lookup("Severe rash after amoxicillin.").fraction == 0)
        #expect(try index.lookup("Neutropenia was seen in three patients receiving clozapine for refractory schizophrenia.").fraction == 0)
        // Digits count: the dose is part of the verbatim text.
        #expect(try index.lookup("The patient developed severe lactic acidosis after 2 weeks of metformin therapy at a high dose in the hospital").fraction < 1)
    }

    @Test func buildIsIncrementalResumableAndReadsCompressedInput() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.file("a.jsonl", try jsonl(Array(Self.web.prefix(2))))
        _ = try folder.file("b.jsonl", try jsonl([Self.web[2]]))
        _ = try folder.file("c.txt", "Plain text line about aspirin and gastric bleeding in elderly patients taking it daily for years.\n")
        // The zstd command-line tool when installed (Debian's `zstd`), else pyarrow's zstd codec.
        try #require(try folder.shell("""
            gzip -k a.jsonl && { zstd -q b.jsonl -o b.jsonl.zst 2>/dev/null || python3 -c "import pyarrow as pa; \
            open('b.jsonl.zst', 'wb').write(pa.compress(open('b.jsonl', 'rb').read(), codec='zstd', asbytes=True))"; }
            """) == 0, "needs gzip, and zstd or python3 with pyarrow")
        let path = folder.path + "/index.sqlite"
        var index = try PretrainingIndex(path: path, readOnly: false)
        var builder = PretrainingIndexBuilder(index: index)
        builder.batchDocuments = 1
        #expect(try builder.add(path: folder.path + "/a.jsonl.gz").documents == 2)
        #expect(try builder.add(path: folder.path + "/a.jsonl.gz").skipped)
        index = try PretrainingIndex(path: path, readOnly: false)
        builder = PretrainingIndexBuilder(index: index)
        #expect(try builder.add(path: folder.path + "/b.jsonl.zst").documents == 1)
        #expect(try builder.add(path: folder.path + "/c.txt").documents == 1)
        let reader = try PretrainingIndex(path: path, readOnly: true)
        #expect(try reader.lookup("Unrelated page about gardening tomatoes in the spring with plenty of water and sun every day of the week").fraction == 1)
        #expect(try reader.lookup("Plain text line about aspirin and gastric bleeding in elderly patients taking it daily for years.").urls.first == folder.path + "/c.txt#0")
        let statistics = try reader.statistics()
        #expect(statistics.documents == 4)
        #expect(statistics.completeFiles == 3)
        // Other settings than the index was built with are refused.
        #expect(throws: ContaminationError.self) { try PretrainingIndex(path: path, readOnly: true, settings: NGramSettings(gram: 13, window: 1)) }
        #expect(throws: ContaminationError.self) { try PretrainingIndex(path: folder.path + "/none.sqlite", readOnly: true) }
    }

    @Test func resumesAfterAnInterruptedFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let documents = (0..<10).map { "Document number \($0) talks about warfarin and bleeding in a long enough sentence for fingerprints here." }
        let input = try folder.file("docs.jsonl", try jsonl(documents))
        let index = try PretrainingIndex(path: folder.path + "/index.sqlite", readOnly: false)
        // Pretend a previous build committed 6 rows and was killed.
        try index.database.execute("INSERT INTO shards(path, rows_done) VALUES('\(URL(fileURLWithPath: input).standardizedFileURL.path)', 6)")
        let result = try PretrainingIndexBuilder(index: index).add(path: input)
        #expect(result.documents == 4)
        #expect(try index.statistics().documents == 4)
    }

    /// The guarantee stated in `index --help`, on random text: every 13-word span of an indexed
    /// document is found inside any sentence, and a verbatim 13+-word span has fraction 1.
    @Test func everyThirteenWordSpanIsFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var generator = SeededGenerator(seed: 11)
        // Letters only: digits would split a word into several tokens.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let vocabulary = (0..<400).map { "q" + String(letters[$0 % 26]) + String(letters[$0 / 26]) }
        func words(_ count: Int) -> [String] { (0..<count).map { _ in vocabulary[generator.nextInt(below: vocabulary.count)] } }
        let documents = (0..<20).map { _ in words(300) }
        let input = try folder.file("random.jsonl", try jsonl(documents.map { $0.joined(separator: " ") }))
        let index = try PretrainingIndex(path: folder.path + "/index.sqlite", readOnly: false)
        _ = try PretrainingIndexBuilder(index: index).add(path: input)
        for _ in 0..<200 {
            let document = documents[generator.nextInt(below: documents.count)]
            let length = 13 + generator.nextInt(below: 10)
            let start = generator.nextInt(below: document.count - length)
            let span = Array(document[start..<(start + length)])
            #expect(try index.lookup(span.joined(separator: " ")).fraction == 1)
            let embedded = (words(1 + generator.nextInt(below: 8)) + Array(span.prefix(13)) + words(1 + generator.nextInt(below: 8)))
            #expect(try index.lookup(embedded.joined(separator: " ")).fraction > 0)
        }
    }

    /// A second writer holding the index's write lock: a clear error naming the index, and no
    /// half-written batch.
    @Test func lockedIndexFailsCleanly() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let input = try folder.file("web.jsonl", try jsonl(Self.web))
        let path = folder.path + "/index.sqlite"
        let index = try PretrainingIndex(path: path, readOnly: false)
        let other = try Database(path: path, create: false)
        try other.execute("PRAGMA busy_timeout = 0; BEGIN IMMEDIATE")
        try index.database.execute("PRAGMA busy_timeout = 100")
        #expect {
            try PretrainingIndexBuilder(index: index).add(path: input)
        } throws: { error in
            (error as? ContaminationError).map { "\($0)".hasPrefix(path) && "\($0)".contains("locked") } ?? false
        }
        try other.execute("ROLLBACK")
        #expect(try index.statistics().documents == 0)
    }
}
