import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

/// Array tasks of `scan run`: each writes its own part and marker, a rerun after completion
/// does nothing, a part killed midway is finished, and the merge equals one process's scan.
@Suite struct ScanTaskTests {
    private func shards(_ folder: TemporaryDirectory) throws -> [String] {
        try ShardedBuildAndScanTests.documents.enumerated().map { offset, content in
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["content": content, "url": "https://site/\(offset)"]), as: UTF8.self)
            return try folder.file("shard\(offset).jsonl", line + "\n")
        }
    }

    private let queries = ScanQuerySet(queries: [
        "The patient developed severe lactic acidosis after two weeks of metformin therapy at a high dose.",
        "Severe rash after penicillin.",
    ].enumerated().map { InputSentence(id: "q\($0.offset)", text: $0.element, source: SourceLocation(file: "q", line: $0.offset + 1)) })

    private func hits(_ path: String) throws -> [String] {
        try Database(path: path, create: false).prepare("SELECT query_id, shard, row, url, matched, total FROM scan_hits ORDER BY 1, 2, 3")
            .rows { "\($0.text(0)) \($0.text(1)) \($0.int(2)) \($0.text(3)) \($0.int(4))/\($0.int(5))" }
    }

    @Test func partsWithMarkersMergeIntoTheSingleProcessScan() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try shards(folder)
        _ = try ScanTask(files: files, output: folder.path + "/single.sqlite", task: nil).run(querySet: queries) { _ in }
        let output = folder.path + "/array.sqlite"
        #expect(throws: TaskPartError.noParts(output: output)) { try ScanTask.mergeParts(into: output) { _ in } }
        for index in 0..<3 {
            let task = ScanTask(files: files, output: output, task: try ArrayTask(index: index, count: 3))
            #expect(try task.completion() == nil)
            _ = try task.run(querySet: queries) { _ in }
            let marker = try #require(try task.completion())
            #expect(marker.kind == "scan")
            let part = try #require(task.part)
            #expect(marker.files == part.task.selectFiles(files).count)
            #expect(FileManager.default.fileExists(atPath: part.path))
            #expect(!FileManager.default.fileExists(atPath: part.workingPath))
            if index == 1 {
                #expect(throws: TaskPartError.incomplete(output: output, missing: [2], count: 3)) { try ScanTask.mergeParts(into: output) { _ in } }
            }
        }
        #expect(try ScanTask.mergeParts(into: output) { _ in }.count == 3)
        #expect(try hits(output) == (try hits(folder.path + "/single.sqlite")))
        #expect(try hits(output).count == 3)
    }

    @Test func aKilledTaskFinishesItsPartAndARenamedPartGetsItsMarker() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try shards(folder)
        let output = folder.path + "/array.sqlite"
        let task = ScanTask(files: files, output: output, task: try ArrayTask(index: 0, count: 2))
        let part = try #require(task.part)
        // Killed after its first shard: the working file holds it, no part, no marker.
        let working = try part.prepare()
        do { _ = try ShardScanner(querySet: queries, outputPath: working).scan(path: part.task.selectFiles(files)[0]) }
        #expect(try task.completion() == nil)
        let results = try task.run(querySet: queries) { _ in }
        #expect(results.map(\.skipped) == [true, false])
        #expect(try task.completion()?.resumedFiles == 1)
        // Killed between the rename and the marker: the next run only writes the marker.
        try FileManager.default.removeItem(atPath: part.markerPath)
        #expect(try task.run(querySet: queries) { _ in }.allSatisfy(\.skipped))
        #expect(try task.completion()?.files == 2)
    }
}
