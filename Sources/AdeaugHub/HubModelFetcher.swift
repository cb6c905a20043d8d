import AdeaugTransport
import Foundation

/// Fetches the files `from_pretrained` reads for a BERT checkpoint into the Hugging Face cache
/// and returns the snapshot folder, which then loads like any local folder.
///
/// A snapshot already in the cache that holds every file (or knows it absent) is used without
/// a request, as is every cached file under `HF_HUB_OFFLINE=1`; anything else is asked of
/// `HF_ENDPOINT`. A cached branch is not checked for newer commits: name `@REVISION` (or remove
/// `refs/<branch>`) to move on.
public struct HubModelFetcher {
    public var environment: HubEnvironment
    /// One line per step worth telling (what is fetched from where); never the token.
    public var log: (String) -> Void
    /// Checks config.json before the weights are fetched (a RoBERTa repository is refused
    /// before its hundreds of megabytes arrive). Arguments: the file's bytes and its path.
    public var checkConfig: (Data, String) throws -> Void
    /// Draw a progress line for big downloads on stderr.
    public var showProgress: Bool
    /// How requests that fail below HTTP (refused, reset, timed out) are tried again.
    public var retry = RetryPolicy()

    public init(
        environment: HubEnvironment = HubEnvironment(), showProgress: Bool = true, log: @escaping (String) -> Void = { _ in },
        checkConfig: @escaping (Data, String) throws -> Void = { _, _ in }
    ) {
        self.environment = environment
        self.showProgress = showProgress
        self.log = log
        self.checkConfig = checkConfig
    }

    /// The tokenizer files read when present (vocab.txt or tokenizer.json is required).
    static let optionalTokenizerFiles = ["tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"]

    public func fetch(_ reference: HubModelReference) throws -> String {
        let layout = HubCacheLayout(cacheDirectory: environment.cacheDirectory, repository: reference.repository)
        if let commit = layout.commit(for: reference) {
            var cached = CachedFiles(layout: layout, commit: commit, unknownIsAbsent: environment.offline)
            do {
                return try collect(reference, from: &cached)
            } catch let missing as CachedFiles.NotCached {
                if environment.offline {
                    throw HubError.offlineNotCached(reference: reference, file: missing.file, cache: layout.repositoryFolder)
                }
            }
        } else if environment.offline {
            throw HubError.offlineNotCached(reference: reference, file: "config.json", cache: layout.repositoryFolder)
        }
        log("fetching \(reference) from \(environment.endpoint) into \(layout.repositoryFolder)")
        var downloader = try HubFileDownloader(environment: environment, reference: reference, progress: HubDownloadProgress(enabled: showProgress))
        downloader.retry = retry
        var online = OnlineFiles(downloader: downloader, reference: reference)
        do {
            return try collect(reference, from: &online)
        } catch HubError.network(let url, let failure) {
            throw HubError.unreachable(reference: reference, url: url, failure)
        }
    }

    /// The files `from_pretrained` asks for, in its order: config, tokenizer, then the first
    /// weights format present (single safetensors, sharded safetensors, PyTorch, sharded PyTorch).
    private func collect(_ reference: HubModelReference, from source: inout some HubFileSource) throws -> String {
        guard let config = try source.obtain("config.json") else { throw HubError.fileNotFound(reference: reference, file: "config.json") }
        try checkConfig(try Data(contentsOf: URL(fileURLWithPath: config)), config)
        // transformers 5 saves tokenizer.json only; older folders have vocab.txt. One is needed.
        let vocabulary = try source.obtain("vocab.txt")
        var tokenizerFiles: [String: String] = [:]
        for file in Self.optionalTokenizerFiles { tokenizerFiles[file] = try source.obtain(file) }
        guard vocabulary != nil || tokenizerFiles["tokenizer.json"] != nil else {
            throw HubError.fileNotFound(reference: reference, file: "vocab.txt")
        }
        if try source.obtain("model.safetensors") == nil {
            if let index = try source.obtain("model.safetensors.index.json") {
                for shard in try Self.shards(of: index) { guard try source.obtain(shard) != nil else { throw HubError.fileNotFound(reference: reference, file: shard) } }
            } else if try source.obtain("pytorch_model.bin") == nil {
                guard let index = try source.obtain("pytorch_model.bin.index.json") else { throw HubError.noWeights(reference: reference) }
                for shard in try Self.shards(of: index) { guard try source.obtain(shard) != nil else { throw HubError.fileNotFound(reference: reference, file: shard) } }
            }
        }
        guard let folder = source.folder else { throw HubError.fileNotFound(reference: reference, file: "config.json") }
        return folder
    }

    /// The shard files an index's `weight_map` names, each once, in order.
    static func shards(of index: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: index))) as? [String: Any]
        guard let map = object?["weight_map"] as? [String: String] else {
            throw HubError.filesystem(path: index, message: "not a weights index (no weight_map)")
        }
        var seen = Set<String>()
        return map.values.sorted().filter { seen.insert($0).inserted }
    }
}

/// Where `collect` gets files from: the cache alone, or the Hub.
protocol HubFileSource {
    /// The snapshot folder, once a commit is known.
    var folder: String? { get }
    /// The file's path in the snapshot, or nil when the repository has none.
    mutating func obtain(_ file: String) throws -> String?
}

/// The cache only: a file neither cached nor known absent stops the look-up (`NotCached`),
/// except offline, where an optional file not cached counts as absent, as in transformers.
struct CachedFiles: HubFileSource {
    struct NotCached: Error { var file: String }
    let layout: HubCacheLayout
    let commit: String
    let unknownIsAbsent: Bool
    var folder: String? { layout.snapshot(commit) }

    func obtain(_ file: String) throws -> String? {
        if let path = layout.cached(commit, file) { return path }
        if layout.knownAbsent(commit, file) { return nil }
        let required = file == "config.json" || file.contains("-of-")
        if unknownIsAbsent && !required { return nil }
        throw NotCached(file: file)
    }
}

/// The Hub: the first file's answer fixes the commit, and every later file is asked for at
/// that commit, so a branch that moves mid-download cannot mix two commits.
struct OnlineFiles: HubFileSource {
    let downloader: HubFileDownloader
    let reference: HubModelReference
    var commit: String?
    var folder: String? { commit.map(downloader.layout.snapshot) }

    init(downloader: HubFileDownloader, reference: HubModelReference) {
        self.downloader = downloader
        self.reference = reference
    }

    mutating func obtain(_ file: String) throws -> String? {
        if let commit {
            if let path = downloader.layout.cached(commit, file) { return path }
            if downloader.layout.knownAbsent(commit, file) { return nil }
        }
        guard let metadata = try downloader.metadata(file, revision: commit ?? reference.revision) else { return nil }
        if commit == nil {
            commit = metadata.commit
            if metadata.commit != reference.revision { try downloader.layout.writeRef(reference.revision, commit: metadata.commit) }
        }
        return try downloader.fetch(file, metadata: metadata)
    }
}
