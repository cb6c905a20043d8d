import AdeaugCore
import AdeaugGeneration

/// Joins Core's envelope-key shape to the AWS KMS client of the generation stage (libcurl,
/// SigV4, credentials found as the AWS CLI finds them; `$ADEAUG_KMS_ENDPOINT` overrides the
/// URL). Core never depends on the stage; the executable wires them here.
enum EnvelopeKeyWiring {
    @Sendable static func service(region: String) throws -> any EnvelopeKeyService {
        try KMSKeyService.load(region: region)
    }
}
