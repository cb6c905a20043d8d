import AdeaugCore
import Foundation
import Testing
@testable import AdeaugBenchmarks

/// Where `adeaug bench train|infer|tokenize` takes its sentences from: --data, else the
/// workspace, else PyTorch's split in the shared folder.
struct BertBenchmarkSentencesTests {
    /// A scratch folder with a data folder, a shared folder holding PyTorch's split, and a
    /// workspace with one sentence per split, each set of sentences told apart by its prefix.
    struct Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-bench-sentences-\(UUID().uuidString)").path
        var data: String { root + "/data" }
        var shared: String { root + "/shared" }
        var workspace: String { root + "/workspace" }

        init() throws {
            try Self.writeSplit(in: data, prefix: "data")
            try Self.writeSplit(in: shared + "/reference/pytorch-split", prefix: "shared")
            let workspace = try Workspace(location: WorkspaceLocation(directory: workspace), create: true)
            try workspace.database.transaction {
                let runID = try workspace.recordRun(command: "ingest", arguments: [])
                try workspace.replaceExamples([SplitName.train, .test].enumerated().map { offset, split in
                    let text = "workspace \(split.rawValue) sentence"
                    return NewExample(
                        text: text, normalized: text, label: .adverseEvent, split: split, pmids: ["1"],
                        source: SourceLocation(file: "x", line: offset + 1), rowCount: 1)
                }, runID: runID)
            }
        }

        static func writeSplit(in folder: String, prefix: String) throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for split in ["train", "test"] {
                try Data((#"{"text": "\#(prefix) \#(split) sentence", "label": 1}"# + "\n").utf8)
                    .write(to: URL(fileURLWithPath: folder + "/\(split).jsonl"))
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func theDataFolderWinsThenTheWorkspaceThenTheSharedSplit() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let workspace = WorkspaceLocation(directory: scratch.workspace)

        let fromData = try BertBenchmarkSentences.load(from: .init(dataFolder: scratch.data, workspace: workspace, sharedFolder: scratch.shared))
        #expect(fromData == BertBenchmarkSentences(train: ["data train sentence"], test: ["data test sentence"], source: scratch.data))

        let fromWorkspace = try BertBenchmarkSentences.load(from: .init(workspace: workspace, sharedFolder: scratch.shared))
        #expect(fromWorkspace.train == ["workspace train sentence"])
        #expect(fromWorkspace.test == ["workspace test sentence"])
        #expect(fromWorkspace.source == "workspace \(scratch.workspace)")

        // A workspace that cannot be opened is passed over.
        let missingWorkspace = WorkspaceLocation(directory: scratch.root + "/no-workspace")
        let fromShared = try BertBenchmarkSentences.load(from: .init(workspace: missingWorkspace, sharedFolder: scratch.shared))
        let split = scratch.shared + "/reference/pytorch-split"
        #expect(fromShared == BertBenchmarkSentences(train: ["shared train sentence"], test: ["shared test sentence"], source: split))
    }

    @Test func aMissingDataFolderIsNamedEvenWhenOtherSentencesExist() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let missing = scratch.root + "/no-such-data"
        #expect(throws: BertBenchmarkSentencesError.noSuchFolder(missing)) {
            try BertBenchmarkSentences.load(from: .init(dataFolder: missing, sharedFolder: scratch.shared))
        }
        #expect(BertBenchmarkSentencesError.noSuchFolder(missing).description.contains(missing))
    }

    @Test func noSourceAtAllAndABadFileAreTypedErrors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let nowhere = scratch.root + "/no-shared"
        #expect(throws: BertBenchmarkSentencesError.noSentences(sharedFolder: nowhere)) {
            try BertBenchmarkSentences.load(from: .init(sharedFolder: nowhere))
        }
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: scratch.data + "/test.jsonl"))
        do {
            _ = try BertBenchmarkSentences.load(from: .init(dataFolder: scratch.data, sharedFolder: scratch.shared))
            Issue.record("a test.jsonl that is not JSON Lines was read")
        } catch {
            guard case .unreadable(let path, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path == scratch.data + "/test.jsonl")
        }
    }

    @Test func theSharedFolderIsADEAUG_SHAREDElseTheSibling() {
        #expect(BertBenchmarkSentences.Source.defaultSharedFolder(environment: ["ADEAUG_SHARED": "/data/shared"]) == "/data/shared")
        #expect(BertBenchmarkSentences.Source.defaultSharedFolder(environment: [:]) == "../shared")
    }
}
