import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

@Suite struct ShardedBuildAndScanTests {
    static let documents = [
        "Our clinic blog. The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose. Call us.",
        "News\nSevere rash after penicillin.\nMore news about the weather and the local football team winning again.",
        "Gardening: tomatoes need plenty of water and sun every day of the week in the warm spring months.",
        "Forum post: my aunt had lactic acidosis after two weeks of metformin therapy, is that common at all?",
    ]

    private func write(_ folder: TemporaryDirectory) throws -> [String] {
        try Self.documents.enumerated().map { offset, content in
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["content": content, "url": "https://site/\(offset)"]), as: UTF8.self)
            return try folder.file("shard\(offset).jsonl", line + "\n")
        }
    }

    @Test func shardSelectionSplitsFilesByPosition() throws {
        let files = ["d", "b", "a", "c", "e"]
        let parts = try (0..<2).map { try ArrayTask(index: $0, count: 2).selectFiles(files) }
        #expect(parts == [["a", "c", "e"], ["b", "d"]])
        #expect(throws: ArrayTaskError.self) { try ArrayTask(parsing: "2/2") }
        #expect(try ArrayTask(parsing: "1/4").count == 4)
    }

    @Test func partsMergeIntoTheSameIndexAsOneBuild() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try write(folder)
        var partPaths: [String] = []
        for part in 0..<2 {
            let path = folder.path + "/part\(part).sqlite"
            let builder = PretrainingIndexBuilder(index: try PretrainingIndex(path: path, readOnly: false))
            for file in try ArrayTask(index: part, count: 2).selectFiles(files) { _ = try builder.add(path: file) }
            partPaths.append(path)
        }
        let single = PretrainingIndexBuilder(index: try PretrainingIndex(path: folder.path + "/single.sqlite", readOnly: false))
        for file in files.sorted() { _ = try single.add(path: file) }
        let merged = PretrainingIndexMerger(index: try PretrainingIndex(path: folder.path + "/merged.sqlite", readOnly: false))
        for path in partPaths { #expect(try merged.merge(part: path)) }
        #expect(try merged.merge(part: partPaths[0]) == false)
        let mergedStatistics = try merged.index.statistics()
        let singleStatistics = try single.index.statistics()
        #expect(mergedStatistics.documents == singleStatistics.documents)
        #expect(mergedStatistics.storedHashes == singleStatistics.storedHashes)
        for query in ["Severe rash after penicillin", "tomatoes need plenty of water and sun every day of the week in the warm spring months"] {
            let evidence = try merged.index.lookup(query)
            #expect(evidence.fraction == 1, "\(query)")
            #expect(evidence.urls.first?.hasPrefix("https://site/") == true)
        }
        // Parts built with other settings are refused.
        let other = folder.path + "/other.sqlite"
        _ = try PretrainingIndex(path: other, readOnly: false, settings: NGramSettings(gram: 5, window: 4))
        #expect(throws: ContaminationError.self) { try merged.merge(part: other) }
    }

    @Test func scanFindsQueriesWithProvenanceAndResumes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try write(folder)
        let queries = [
            "The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose.",
            "Severe rash after penicillin.",
            "Neutropenia after clozapine in a young man.",
            "Tomatoes need plenty of water and sun every day.",  // 10 words: n-grams and whole sentence
        ].enumerated().map { InputSentence(id: "q\($0.offset)", text: $0.element, source: SourceLocation(file: "q", line: $0.offset + 1)) }
        let scanner = try ShardScanner(querySet: ScanQuerySet(queries: queries), outputPath: folder.path + "/hits0.sqlite")
        let first = try scanner.scan(path: files[0])
        #expect(first.hits == 1)
        #expect(try scanner.scan(path: files[0]).skipped)
        for file in files.dropFirst() { _ = try scanner.scan(path: file) }
        let hits = try scanner.output.prepare("SELECT query_id, url, matched, total FROM scan_hits ORDER BY query_id, url")
            .rows { ($0.text(0), $0.text(1), $0.int(2), $0.int(3)) }
        #expect(hits.map(\.0) == ["q0", "q0", "q1", "q3"])
        #expect(hits[3].1 == "https://site/2")
        #expect(hits[3].2 > 0 && hits[3].2 < hits[3].3)  // a span, not the whole sentence
        #expect(hits[2].2 == hits[2].3)
        #expect(hits[0].1 == "https://site/0")
        #expect(hits[0].2 == hits[0].3)  // verbatim: every n-gram
        #expect(hits[1].1 == "https://site/3")  // the forum post shares a 9-word span
        #expect(hits[1].2 > 0 && hits[1].2 < hits[1].3)
        #expect(hits[2].1 == "https://site/1")
        // Merge two outputs.
        let other = try ShardScanner(querySet: ScanQuerySet(queries: queries), outputPath: folder.path + "/hits1.sqlite")
        _ = try other.scan(path: files[0])
        let merged = try ShardScanner(querySet: ScanQuerySet(queries: []), outputPath: folder.path + "/all.sqlite")
        try merged.merge(part: folder.path + "/hits0.sqlite")
        try merged.merge(part: folder.path + "/hits1.sqlite")
        #expect(try merged.output.prepare("SELECT count(*) FROM scan_hits").rows { $0.int(0) }.first == 4)
    }
}
