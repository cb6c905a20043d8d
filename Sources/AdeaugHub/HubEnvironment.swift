import Foundation

/// Where and how the Hub is reached, read from the variables `huggingface_hub` reads, so one
/// cache and one login serve both adeaug and Python tools.
public struct HubEnvironment: Sendable {
    /// `HF_ENDPOINT`, default https://huggingface.co (a mirror, or a loopback server in tests).
    public var endpoint: String
    /// `HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub` (`XDG_CACHE_HOME` respected).
    public var cacheDirectory: String
    /// `HF_TOKEN`, else the token file (`HF_TOKEN_PATH`, else `$HF_HOME/token`, where
    /// `huggingface-cli login` writes it). Never logged.
    public var token: String?
    /// `HF_HUB_OFFLINE=1`: the cache only, no request.
    public var offline: Bool

    public init(endpoint: String, cacheDirectory: String, token: String? = nil, offline: Bool = false) {
        self.endpoint = endpoint
        self.cacheDirectory = cacheDirectory
        self.token = token
        self.offline = offline
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = value("HOME") ?? NSHomeDirectory()
        let hfHome = value("HF_HOME").map { NSString(string: $0).expandingTildeInPath }
            ?? ((value("XDG_CACHE_HOME") ?? home + "/.cache") + "/huggingface")
        endpoint = (value("HF_ENDPOINT") ?? "https://huggingface.co").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        cacheDirectory = (value("HF_HUB_CACHE") ?? value("HUGGINGFACE_HUB_CACHE")).map { NSString(string: $0).expandingTildeInPath }
            ?? hfHome + "/hub"
        let tokenFile = value("HF_TOKEN_PATH").map { NSString(string: $0).expandingTildeInPath } ?? hfHome + "/token"
        token = (value("HF_TOKEN") ?? value("HUGGING_FACE_HUB_TOKEN")
            ?? (try? String(contentsOfFile: tokenFile, encoding: .utf8)))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        offline = ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"].contains { ["1", "ON", "YES", "TRUE"].contains(value($0)?.uppercased() ?? "") }
    }
}
