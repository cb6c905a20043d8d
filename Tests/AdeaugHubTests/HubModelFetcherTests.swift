@testable import AdeaugHub
import AdeaugTestSupport
import AdeaugTransport
import Foundation
import Testing

/// Downloads from a loopback Hub into a temporary cache: the layout huggingface_hub writes,
/// the cache reused without a request, offline mode, resume, checksums, errors and the token.
@Suite struct HubModelFetcherTests {
    let cache = TemporaryDirectory()

    func environment(_ hub: FakeHub, token: String? = nil, offline: Bool = false) -> HubEnvironment {
        HubEnvironment(endpoint: hub.server.baseURL, cacheDirectory: cache.path, token: token, offline: offline)
    }

    func fetcher(_ environment: HubEnvironment, log: @escaping (String) -> Void = { _ in }) -> HubModelFetcher {
        HubModelFetcher(environment: environment, showProgress: false, log: log)
    }

    var reference: HubModelReference { HubModelReference(repository: "tiny-org/tiny-mlm") }
    var repositoryFolder: String { cache.path + "/models--tiny-org--tiny-mlm" }

    @Test func freshDownloadHasTheHubCacheLayout() throws {
        let hub = try FakeHub()
        let folder = try fetcher(environment(hub)).fetch(reference)
        #expect(folder == repositoryFolder + "/snapshots/" + FakeHub.commit)
        for file in ["config.json", "vocab.txt", "tokenizer_config.json", "model.safetensors"] {
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + file)
            #expect(link == "../../blobs/" + hub.etag(file))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) == hub.files[file])
        }
        #expect(try String(contentsOfFile: repositoryFolder + "/refs/main", encoding: .utf8) == FakeHub.commit)
        // The SHA-256 names the weights' blob; files the repository lacks are remembered.
        #expect(FileManager.default.fileExists(atPath: repositoryFolder + "/blobs/" + SHA256.hex(SHA256.hash(hub.files["model.safetensors"]!))))
        #expect(FileManager.default.fileExists(atPath: repositoryFolder + "/.no_exist/\(FakeHub.commit)/tokenizer.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/pytorch_model.bin"))
        #expect(FileManager.default.fileExists(atPath: cache.path + "/.locks/models--tiny-org--tiny-mlm/\(hub.etag("model.safetensors")).lock"))
        #expect(hub.log.requests.allSatisfy { $0.headers["authorization"] == nil })
    }

    @Test func aSecondFetchUsesTheCacheWithoutARequest() throws {
        let hub = try FakeHub()
        let first = try fetcher(environment(hub)).fetch(reference)
        let requests = hub.log.count
        #expect(requests > 0)
        let second = try fetcher(environment(hub)).fetch(reference)
        #expect(second == first)
        #expect(hub.log.count == requests)
    }

    @Test func offlineWorksFromTheCacheAloneAndSaysWhatIsMissing() throws {
        let hub = try FakeHub()
        #expect {
            try fetcher(environment(hub, offline: true)).fetch(reference)
        } throws: { ($0 as? HubError).map { if case .offlineNotCached = $0 { true } else { false } } ?? false }
        #expect(hub.log.count == 0)
        let online = try fetcher(environment(hub)).fetch(reference)
        let requests = hub.log.count
        #expect(try fetcher(environment(hub, offline: true)).fetch(reference) == online)
        // A pinned commit resolves offline too.
        #expect(try fetcher(environment(hub, offline: true)).fetch(HubModelReference(repository: "tiny-org/tiny-mlm", revision: FakeHub.commit)) == online)
        #expect(hub.log.count == requests)
        let message = "\(HubError.offlineNotCached(reference: reference, file: "config.json", cache: repositoryFolder))"
        #expect(message.contains("HF_HUB_OFFLINE"))
    }

    @Test func aPartialDownloadIsResumedWithRange() throws {
        let hub = try FakeHub()
        let weights = hub.files["model.safetensors"]!
        let etag = hub.etag("model.safetensors")
        try FileManager.default.createDirectory(atPath: repositoryFolder + "/blobs", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: repositoryFolder + "/blobs/\(etag).incomplete", contents: Data(weights.prefix(4000)))
        let folder = try fetcher(environment(hub)).fetch(reference)
        let gets = hub.log.requests.filter { $0.method == "GET" && $0.path.hasSuffix("/model.safetensors") }
        #expect(gets.count == 1)
        #expect(gets.first?.headers["range"] == "bytes=4000-")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/model.safetensors"))) == weights)
        #expect(!FileManager.default.fileExists(atPath: repositoryFolder + "/blobs/\(etag).incomplete"))
    }

    @Test func weightsBehindARedirectToStorageAreFetchedAndResumed() throws {
        let hub = try FakeHub(redirectsLFS: true)
        let weights = hub.files["model.safetensors"]!
        let etag = hub.etag("model.safetensors")
        try FileManager.default.createDirectory(atPath: repositoryFolder + "/blobs", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: repositoryFolder + "/blobs/\(etag).incomplete", contents: Data(weights.prefix(1000)))
        let folder = try fetcher(environment(hub)).fetch(reference)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/model.safetensors"))) == weights)
        // HEAD reads the metadata off the redirect without following it; GET follows it, resuming.
        let storage = hub.log.requests.filter { $0.path == "/lfs-storage/" + etag }
        #expect(storage.map(\.method) == ["GET"])
        #expect(storage.first?.headers["range"] == "bytes=1000-")
    }

    @Test func aFileWhoseSHA256DiffersIsRefusedAndRemoved() throws {
        var damaged = try FakeHub().files["model.safetensors"]!
        damaged[100] ^= 0xFF
        let hub = try FakeHub(corrupted: ["model.safetensors": damaged])
        #expect {
            try fetcher(environment(hub)).fetch(reference)
        } throws: { ($0 as? HubError).map { if case .checksumMismatch(let file, _, _) = $0 { file == "model.safetensors" } else { false } } ?? false }
        let blobs = try FileManager.default.contentsOfDirectory(atPath: repositoryFolder + "/blobs")
        #expect(!blobs.contains { $0.hasPrefix(hub.etag("model.safetensors")) })
    }

    @Test func unknownRepositoryRevisionAndFileHaveTheirOwnErrors() throws {
        let hub = try FakeHub()
        let missingRepository = HubModelReference(repository: "tiny-org/nothing-here")
        #expect(throws: HubError.unauthorized(repository: "tiny-org/nothing-here", tokenSent: false)) { try fetcher(environment(hub)).fetch(missingRepository) }
        #expect(throws: HubError.revisionNotFound(repository: "tiny-org/tiny-mlm", revision: "v9")) {
            try fetcher(environment(hub)).fetch(HubModelReference(repository: "tiny-org/tiny-mlm", revision: "v9"))
        }
        let withoutVocabulary = try FakeHub(repository: "tiny-org/no-vocab", fixture: "tiny-non-bert/roberta")
        #expect(throws: HubError.fileNotFound(reference: HubModelReference(repository: "tiny-org/no-vocab"), file: "vocab.txt")) {
            try fetcher(environment(withoutVocabulary)).fetch(HubModelReference(repository: "tiny-org/no-vocab"))
        }
    }

    @Test func theTokenIsSentAsABearerHeaderAndNeverShown() throws {
        let secret = "hf_secretTOKEN1234567890"
        let hub = try FakeHub(requiredToken: secret)
        var lines: [String] = []
        _ = try fetcher(environment(hub, token: secret), log: { lines.append($0) }).fetch(reference)
        #expect(!hub.log.requests.isEmpty)
        #expect(hub.log.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(secret)" })
        #expect(!lines.isEmpty && lines.allSatisfy { !$0.contains(secret) })
        // A refused token: the error says so without quoting it.
        let refused = TemporaryDirectory()
        let wrong = HubEnvironment(endpoint: hub.server.baseURL, cacheDirectory: refused.path, token: "hf_wrong\(secret)")
        do {
            _ = try fetcher(wrong).fetch(reference)
            Issue.record("a wrong token was accepted")
        } catch {
            #expect(error as? HubError == .unauthorized(repository: "tiny-org/tiny-mlm", tokenSent: true))
            #expect(!"\(error)".contains(secret))
        }
    }

    @Test func aServerThatIsNotThereIsANetworkError() throws {
        let hub = try FakeHub()
        let address = hub.server.baseURL
        hub.server.stop()
        var fetcher = fetcher(HubEnvironment(endpoint: address, cacheDirectory: cache.path))
        fetcher.retry.maximumAttempts = 2
        fetcher.retry.baseDelaySeconds = 0.01
        #expect { try fetcher.fetch(reference) } throws: { ($0 as? HubError).map { if case .unreachable = $0 { true } else { false } } ?? false }
    }
}

@Suite struct HubEnvironmentTests {
    @Test func readsTheVariablesHuggingFaceHubReads() throws {
        let home = TemporaryDirectory()
        try "hf_fromfile\n".write(toFile: home.path + "/token", atomically: true, encoding: .utf8)
        let fromHome = HubEnvironment(environment: ["HOME": "/home/x", "HF_HOME": home.path, "HF_HUB_OFFLINE": "1"])
        #expect(fromHome.cacheDirectory == home.path + "/hub")
        #expect(fromHome.token == "hf_fromfile")
        #expect(fromHome.offline)
        #expect(fromHome.endpoint == "https://huggingface.co")
        let explicit = HubEnvironment(environment: [
            "HOME": "/home/x", "HF_HUB_CACHE": "/data/hub", "HF_TOKEN": "hf_env", "HF_ENDPOINT": "http://127.0.0.1:9/",
        ])
        #expect(explicit.cacheDirectory == "/data/hub")
        #expect(explicit.token == "hf_env")
        #expect(explicit.endpoint == "http://127.0.0.1:9")
        #expect(!explicit.offline)
        #expect(HubEnvironment(environment: ["HOME": "/home/x"]).cacheDirectory == "/home/x/.cache/huggingface/hub")
    }

    @Test func hubNamesAreToldFromFolders() {
        #expect(HubModelReference("dmis-lab/biobert-base-cased-v1.2") == HubModelReference(repository: "dmis-lab/biobert-base-cased-v1.2"))
        #expect(HubModelReference("emilyalsentzer/Bio_ClinicalBERT@v1.0")?.revision == "v1.0")
        #expect(HubModelReference("/models/bert") == nil)
        #expect(HubModelReference("./bert") == nil)
        #expect(HubModelReference("a/b/c") == nil)
        #expect(HubModelReference("bert") == nil)
        #expect(HubModelReference(NSTemporaryDirectory()) == nil)
    }
}
