import AdeaugCore
import Foundation

/// The sentences the BERT benchmarks time, and where they came from.
public struct BertBenchmarkSentences: Sendable, Equatable {
    public var train: [String]
    public var test: [String]
    /// Said in the output (`data`): the folder, or "workspace DIR".
    public var source: String

    public init(train: [String], test: [String], source: String) {
        self.train = train
        self.test = test
        self.source = source
    }

    /// Where to look, first match wins: a folder with train.jsonl and test.jsonl (`--data`),
    /// else the workspace's splits when both hold sentences, else PyTorch's split in the
    /// shared folder (`reference/pytorch-split`), so adeaug times what PyTorch was timed on.
    public struct Source: Sendable {
        public var dataFolder: String?
        /// A workspace that cannot be opened is passed over.
        public var workspace: WorkspaceLocation?
        public var sharedFolder: String

        public init(dataFolder: String? = nil, workspace: WorkspaceLocation? = nil, sharedFolder: String) {
            self.dataFolder = dataFolder
            self.workspace = workspace
            self.sharedFolder = sharedFolder
        }

        /// `$ADEAUG_SHARED`, else `../shared` (the checkout's sibling).
        public static func defaultSharedFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
            environment["ADEAUG_SHARED"] ?? "../shared"
        }
    }

    public static func load(from source: Source) throws(BertBenchmarkSentencesError) -> BertBenchmarkSentences {
        if let folder = source.dataFolder {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw .noSuchFolder(folder)
            }
            return try read(folder: folder, source: folder)
        }
        if let location = source.workspace, let sentences = try workspaceSentences(location) {
            return sentences
        }
        let split = source.sharedFolder + "/reference/pytorch-split"
        guard FileManager.default.fileExists(atPath: split + "/train.jsonl") else {
            throw .noSentences(sharedFolder: source.sharedFolder)
        }
        return try read(folder: split, source: split)
    }

    /// train.jsonl and test.jsonl of `folder`, each line an object with a `text` field.
    static func read(folder: String, source: String) throws(BertBenchmarkSentencesError) -> BertBenchmarkSentences {
        struct Sentence: Decodable { var text: String }
        func texts(_ name: String) throws(BertBenchmarkSentencesError) -> [String] {
            let path = folder + "/" + name
            do {
                return try JSONLinesReader().decode(Sentence.self, atPath: path).map(\.value.text)
            } catch {
                throw .unreadable(path: path, detail: "\(error)")
            }
        }
        return BertBenchmarkSentences(train: try texts("train.jsonl"), test: try texts("test.jsonl"), source: source)
    }

    /// nil when the workspace cannot be opened or a split is empty.
    static func workspaceSentences(_ location: WorkspaceLocation) throws(BertBenchmarkSentencesError) -> BertBenchmarkSentences? {
        guard let workspace = try? Workspace(location: location, create: false, access: .read) else { return nil }
        do {
            let train = try workspace.examples(split: .train).map(\.text)
            let test = try workspace.examples(split: .test).map(\.text)
            guard !train.isEmpty, !test.isEmpty else { return nil }
            return BertBenchmarkSentences(train: train, test: test, source: "workspace \(location.directory)")
        } catch {
            throw .unreadable(path: location.directory, detail: "\(error)")
        }
    }
}
