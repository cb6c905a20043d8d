/// Why AWS KMS gave no data key, worded as what the user must fix.
///
/// No case carries a credential, a signature or key material: server text is cleaned of the
/// secret, the session token and any echoed signature before it gets here (`KMSKeyService`),
/// and a 2xx answer that cannot be read is never quoted (it may hold a plaintext key).
public enum KMSError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A key id, region or endpoint that cannot be used.
    case invalidConfiguration(String)
    case missingCredentials(String)
    /// KMS answered with an error body (`{"__type": …, "message": …}`).
    case refused(operation: String, keyID: String, status: Int, type: String, message: String, attempts: Int)
    /// The answer was not the JSON object KMS sends. `excerpt` only for error statuses.
    case notJSON(operation: String, status: Int, byteCount: Int, excerpt: String?, attempts: Int)
    /// JSON, but without a field KMS always sends, or with one that is not valid base64.
    case unexpectedAnswer(operation: String, reason: String)
    /// A data key of the wrong size (adeaug asks for `AES_256`: 32 bytes).
    case wrongKeyLength(operation: String, byteCount: Int)
    /// The endpoint could not be reached (refused, name not resolved, TLS verification failed).
    case unreachable(operation: String, endpoint: String, reason: String, attempts: Int)
    /// The request went out and no answer came (timeout, connection closed without a reply).
    case noAnswer(operation: String, endpoint: String, reason: String, attempts: Int)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return message
        case .missingCredentials(let message):
            return "No AWS credentials for KMS. \(message)"
        case .refused(let operation, let keyID, let status, let type, let message, let attempts):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "AWS KMS refused \(operation) with key \(keyID) (HTTP \(status), \(type))\(detail)\(Self.after(attempts))."
                + Self.hint(type: type, operation: operation, keyID: keyID)
        case .notJSON(let operation, let status, let byteCount, let excerpt, let attempts):
            let quoted = excerpt.map { $0.isEmpty ? " and an empty body" : ": \($0)" } ?? " and \(byteCount) bytes that are not a KMS JSON object"
            return "The KMS endpoint answered \(operation) with HTTP \(status)\(quoted)\(Self.after(attempts)). "
                + "Is $\(KMSKeyService.endpointVariable) (or the region) pointing at AWS KMS?"
        case .unexpectedAnswer(let operation, let reason):
            return "The KMS answer to \(operation) is unusable: \(reason)."
        case .wrongKeyLength(let operation, let byteCount):
            return "KMS returned a \(byteCount)-byte data key from \(operation); adeaug needs a 32-byte AES-256 key "
                + "(it asks for KeySpec AES_256, and a wrapped key must come from such a request)."
        case .unreachable(let operation, let endpoint, let reason, let attempts):
            return "Cannot reach AWS KMS at \(endpoint) for \(operation): \(reason)\(Self.after(attempts))."
        case .noAnswer(let operation, let endpoint, let reason, let attempts):
            return "No answer from AWS KMS at \(endpoint) to \(operation): \(reason)\(Self.after(attempts))."
        }
    }

    /// Whether trying again later may help (throttling, 5xx, network), as opposed to a
    /// refusal or a wrong setting that only the user can fix.
    public var isTransient: Bool {
        switch self {
        case .refused(_, _, let status, let type, _, _):
            KMSError.isTransient(status: status, type: type)
        case .notJSON(_, let status, _, _, _):
            status >= 500 || status == 429
        case .unreachable, .noAnswer:
            true
        case .invalidConfiguration, .missingCredentials, .unexpectedAnswer, .wrongKeyLength:
            false
        }
    }

    static func isTransient(status: Int, type: String) -> Bool {
        status >= 500 || status == 429 || type.contains("Throttling") || type == "KMSInternalException"
            || type == "DependencyTimeoutException"
    }

    private static func after(_ attempts: Int) -> String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }

    private static func hint(type: String, operation: String, keyID: String) -> String {
        switch type {
        case "AccessDeniedException":
            " Check that these AWS credentials may call kms:\(operation) on \(keyID) (the key policy and IAM policy must both allow it)."
        case "NotFoundException":
            " Check the key id and the region: a KMS key lives in one region."
        case "InvalidCiphertextException":
            " The wrapped key is damaged, or was made under another KMS key or with another encryption context."
        case "IncorrectKeyException":
            " The wrapped key was made under another KMS key than \(keyID)."
        case "DisabledException", "KMSInvalidStateException":
            " The KMS key is disabled or pending deletion; enable it (or cancel the deletion) in KMS."
        case "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException",
            "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch":
            " Check the AWS credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or the profile) and that the clock is right."
        case let other where other.contains("Throttling"):
            " KMS is throttling this account; try again in a moment."
        default:
            ""
        }
    }
}
