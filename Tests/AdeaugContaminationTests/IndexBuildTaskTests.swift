import AdeaugCore
import Foundation
import Testing

@testable import AdeaugContamination

/// Array tasks of `index build`: parts with markers that merge into the index one build makes.
@Suite struct IndexBuildTaskTests {
    @Test func partsMergeIntoTheSingleBuildsIndex() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try ShardedBuildAndScanTests.documents.enumerated().map { offset, content in
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["content": content, "url": "https://site/\(offset)"]), as: UTF8.self)
            return try folder.file("shard\(offset).jsonl", line + "\n")
        }
        _ = try IndexBuildTask(files: files, output: folder.path + "/single.sqlite", task: nil, settings: .default, batchDocuments: 2).run { _ in }
        let output = folder.path + "/index.sqlite"
        for index in 0..<2 {
            let task = IndexBuildTask(files: files, output: output, task: try ArrayTask(index: index, count: 2), settings: .default, batchDocuments: 2)
            _ = try task.run { _ in }
            let marker = try #require(try task.completion())
            #expect(marker.kind == "index" && marker.files == 2 && marker.documents == 2 && (marker.hashes ?? 0) > 0)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        let merger = try IndexBuildTask.mergeParts(into: output) { _, merged in #expect(merged) }
        #expect(MergeCompletion.read(of: output)?.parts == 2)
        let single = try PretrainingIndex(path: folder.path + "/single.sqlite", readOnly: true).statistics()
        let merged = try merger.index.statistics()
        #expect(merged.documents == single.documents && merged.storedHashes == single.storedHashes)
        #expect(try merger.index.lookup("Severe rash after penicillin").fraction == 1)
    }
}
