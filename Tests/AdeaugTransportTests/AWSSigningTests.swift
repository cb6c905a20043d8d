import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugTransport

@Suite struct AWSSigningTests {
    @Test func signingProviderAndHeadersNeverShowTheSecret() {
        let signing = AWSSigning(region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        #expect(signing.provider == "aws:amz:eu-west-1:sagemaker")
        #expect(signing.extraHeaders == ["X-Amz-Security-Token: TOKEN"])
        #expect(!"\(signing)".contains("SECRET") && !"\(signing)".contains("TOKEN"))
        #expect(!"\(RequestAuthentication.bearer(token: "hf_abc"))".contains("hf_abc"))
    }

    @Test func readsCredentialsFromEnvironmentThenProfile() throws {
        let env = try AWSCredentials.load(environment: ["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "AWS_SESSION_TOKEN": "ST"])
        #expect(env.accessKeyID == "AK" && env.sessionToken == "ST")
        let directory = TemporaryDirectory()
        try "[default]\naws_access_key_id = D1\naws_secret_access_key = D2\n\n[work]\naws_access_key_id=W1\naws_secret_access_key=W2\naws_session_token=W3\n"
            .write(toFile: directory.path + "/credentials", atomically: true, encoding: .utf8)
        let work = try AWSCredentials.load(environment: ["AWS_SHARED_CREDENTIALS_FILE": directory.path + "/credentials", "AWS_PROFILE": "work"])
        #expect(work.accessKeyID == "W1" && work.secretAccessKey == "W2" && work.sessionToken == "W3")
        #expect(throws: AWSCredentialsError.self) {
            try AWSCredentials.load(profile: "none", environment: ["AWS_SHARED_CREDENTIALS_FILE": directory.path + "/credentials"])
        }
    }
}
