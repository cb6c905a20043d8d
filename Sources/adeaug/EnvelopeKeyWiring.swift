import AdeaugCore
import AdeaugTransport

/// Joins Core's envelope-key shape to the AWS KMS client of the transport module (libcurl,
/// SigV4, credentials found as the AWS CLI finds them; `$ADEAUG_KMS_ENDPOINT` overrides the
/// URL). Core never depends on the transport; the executable wires them here.
enum EnvelopeKeyWiring {
    @Sendable static func service(region: String) throws -> any EnvelopeKeyService {
        try KMSKeyService.load(region: region)
    }
}
