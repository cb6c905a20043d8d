import CCurl

/// Everything about signing an AWS request (SageMaker, KMS) with SigV4, in one place.
///
/// libcurl computes the signature (`CURLOPT_AWS_SIGV4`); what is easy to get wrong with the
/// curl 7.88 that Debian ships is how it is set up:
/// - the provider string spells out region and service (`aws:amz:REGION:sagemaker`): guessed
///   from the host name `runtime.sagemaker.REGION.amazonaws.com`, curl gets both wrong;
/// - the key pair goes in `CURLOPT_USERPWD`; a session token has no option of its own and is
///   sent as an `X-Amz-Security-Token` header, which curl signs like every custom header
///   (an empty token header would be signed and rejected, so none is sent without a token);
/// - the body must be given with `CURLOPT_COPYPOSTFIELDS` (only that is hashed);
/// - no `X-Amz-Date` of our own (7.88 duplicates it), no valueless header such as `Expect:`
///   (signed wrongly), no query string (not canonicalised).
public struct AWSSigning: Sendable, CustomStringConvertible {
    public var region: String
    public var service: String
    public var credentials: AWSCredentials

    public init(region: String, service: String = "sagemaker", credentials: AWSCredentials) {
        self.region = region
        self.service = service
        self.credentials = credentials
    }

    /// The value of `CURLOPT_AWS_SIGV4`.
    public var provider: String { "aws:amz:\(region):\(service)" }

    /// Headers to add to the request (only the session token, when there is one).
    var extraHeaders: [String] {
        guard let token = credentials.sessionToken, !token.isEmpty else { return [] }
        return ["X-Amz-Security-Token: \(token)"]
    }

    /// Sets the signing options on an easy handle.
    func configure(_ handle: UnsafeMutableRawPointer) {
        _ = ccurl_easy_setopt_string(handle, CURLOPT_AWS_SIGV4, provider)
        _ = ccurl_easy_setopt_string(handle, CURLOPT_USERPWD, "\(credentials.accessKeyID):\(credentials.secretAccessKey)")
    }

    public var description: String { "AWSSigning(\(provider), \(credentials))" }
}
