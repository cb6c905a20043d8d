import AdeaugCore

/// Joins Core's envelope-key shape to an AWS KMS client. HOOK: the KMS client
/// (`KMSKeyService` in AdeaugGeneration) had not landed when this was written; until it is
/// wired here, KMS-wrapped workspace keys are refused with this message.
enum EnvelopeKeyWiring {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "AWS KMS envelope keys are not wired into this build yet; use --key-file or ADEAUG_KEY." }
    }

    @Sendable static func service(region: String) throws -> any EnvelopeKeyService {
        throw Unavailable()
    }
}
