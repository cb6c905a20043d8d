import AdeaugTransport

/// Why a model could not be fetched from the Hub, worded as what the user can do. No message
/// ever holds the token.
public enum HubError: Error, CustomStringConvertible, Equatable, Sendable {
    /// 401: the Hub answers so for a private or missing repository without a valid token.
    case unauthorized(repository: String, tokenSent: Bool)
    /// 403: a gated repository whose conditions this account has not accepted.
    case gated(repository: String)
    case repositoryNotFound(repository: String)
    case revisionNotFound(repository: String, revision: String)
    /// A file the model needs is not in the repository at that revision.
    case fileNotFound(reference: HubModelReference, file: String)
    /// No weights adeaug reads (model.safetensors, its sharded index, pytorch_model.bin).
    case noWeights(reference: HubModelReference)
    case offlineNotCached(reference: HubModelReference, file: String, cache: String)
    case network(url: String, TransportError)
    /// A network failure while fetching a Hub name that is not a local folder either.
    case unreachable(reference: HubModelReference, url: String, TransportError)
    case unexpectedStatus(url: String, status: Int, message: String)
    case missingMetadata(url: String, header: String)
    case checksumMismatch(file: String, expected: String, actual: String)
    case sizeMismatch(file: String, expected: Int64, actual: Int64)
    case filesystem(path: String, message: String)
    case client(HTTPClientError)

    public var description: String {
        switch self {
        case .unauthorized(let repository, let tokenSent):
            tokenSent
                ? "The Hub refused the token for \(repository) (401): it is private to another account, does not exist, or the token is invalid."
                : "The Hub answered 401 for \(repository): it does not exist, or it is private and needs a token (set HF_TOKEN or run `huggingface-cli login`). There is no local folder \(repository) either."
        case .gated(let repository):
            "\(repository) is gated (403): accept its conditions on its Hub page with the account whose token is in HF_TOKEN."
        case .repositoryNotFound(let repository): "No model repository \(repository) on the Hub (404), and no local folder of that name."
        case .revisionNotFound(let repository, let revision): "\(repository) has no revision \(revision) (404): check the branch, tag or commit after @."
        case .fileNotFound(let reference, let file): "\(reference) at \(reference.revision) has no \(file), which a BERT checkpoint needs."
        case .noWeights(let reference):
            "\(reference) has no weights adeaug reads (model.safetensors, model.safetensors.index.json, pytorch_model.bin); a TensorFlow- or Flax-only repository must be converted to PyTorch or safetensors first."
        case .offlineNotCached(let reference, let file, let cache):
            "HF_HUB_OFFLINE is set and \(file) of \(reference) is not in the cache \(cache); fetch it once online (unset HF_HUB_OFFLINE) or give a local folder."
        case .network(let url, let error): "Cannot reach \(url): \(error)."
        case .unreachable(let reference, let url, let error):
            "Cannot fetch \(reference) from \(url): \(error). There is no local folder \(reference.repository) either; without network, HF_HUB_OFFLINE=1 uses what the Hugging Face cache holds."
        case .unexpectedStatus(let url, let status, let message): "The Hub answered \(status) for \(url)\(message.isEmpty ? "" : ": " + message)."
        case .missingMetadata(let url, let header): "The Hub's answer for \(url) lacks the \(header) header; is HF_ENDPOINT a Hugging Face Hub?"
        case .checksumMismatch(let file, let expected, let actual):
            "\(file) arrived corrupted: its SHA-256 is \(actual), the Hub says \(expected); the partial download was removed, run again."
        case .sizeMismatch(let file, let expected, let actual):
            "\(file) arrived with \(actual) bytes, the Hub says \(expected); the partial download was removed, run again."
        case .filesystem(let path, let message): "Cannot write the Hub cache at \(path): \(message)."
        case .client(let error): error.description
        }
    }
}
