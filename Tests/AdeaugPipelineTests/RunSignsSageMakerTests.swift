import AdeaugCore
import AdeaugExperiments
import AdeaugPipeline
import AdeaugTestSupport
import Foundation
import Logging
import Testing

/// `run` with `endpoint: sagemaker` signs every request with SigV4 from the AWS variables, as
/// `adeaug generate` does: a loopback endpoint re-computes each signature and refuses a wrong
/// one; the secret is in no request and nowhere in the workspace.
@Suite struct RunSignsSageMakerTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let verifier = SigV4Verifier(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, region: "us-east-1", service: "sagemaker")

    /// Whether a request carries a valid SigV4 signature over its signed headers and body.
    static func signatureIsValid(_ request: LoopbackServer.Request) -> Bool {
        guard let authorization = request.headers["authorization"], let amzDate = request.headers["x-amz-date"],
            authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(amzDate.prefix(8))/us-east-1/sagemaker/aws4_request, ")
        else { return false }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).components(separatedBy: ", ") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pieces.count == 2 { fields[pieces[0]] = pieces[1] }
        }
        guard let names = fields["SignedHeaders"]?.split(separator: ";").map(String.init) else { return false }
        var signed: [String: String] = [:]
        for name in names {
            guard let value = request.headers[name] else { return false }
            signed[name] = value
        }
        let expected = verifier.sign(method: "POST", path: request.path, headers: signed, body: request.body, amzDate: amzDate)
        return fields["Signature"] == expected.signature
    }

    @Test func runSignsAndStoresNoSecret() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-sagemaker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpus = folder.appendingPathComponent("corpus.csv")
        try Data(PipelineEndToEndTests.fixtureCSV().utf8).write(to: corpus)

        let log = RequestLog()
        let counts = Counter()
        let server = try LoopbackServer { request in
            log.append(request)
            guard Self.signatureIsValid(request) else {
                return .json(403, #"{"message": "The request signature we calculated does not match the signature you provided."}"#)
            }
            let sentences = PipelineEndToEndTests.generated
            let sentence = sentences[counts.next() % sentences.count]
            return .json(200, #"[{"generated_text": " \#(sentence)\n###"}]"#)
        }
        defer { server.stop() }

        var config = PipelineConfig()
        config.workspace = folder.appendingPathComponent("ws").path
        config.corpus.path = corpus.path
        config.generation.endpoint = .sagemaker
        config.generation.url = server.baseURL + "/endpoints/falcon-7b-instruct/invocations"
        config.generation.region = "us-east-1"
        config.generation.localServer = false
        config.generation.target = 6
        config.generation.maxRequests = 20
        config.rebalance.count = 6
        config.rebalance.trainPositives = 20
        config.compare.seeds = 1
        var runner = PipelineRunner(
            config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, makeTrainer: { _ in NaiveBayesTrainer() })
        runner.environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": Self.secret, "HOME": folder.path]
        _ = try runner.run(arguments: ["test"])

        #expect(log.requests.count >= 6)
        #expect(log.requests.allSatisfy(Self.signatureIsValid))
        #expect(!log.requests.contains { request in
            request.headers.values.contains { $0.contains("wJalrXUtnFEMI") } || String(decoding: request.body, as: UTF8.self).contains("wJalrXUtnFEMI")
        })
        let workspace = try Workspace(directory: config.workspace, create: false)
        #expect(try workspace.candidates().count >= 6)
        let files = try FileManager.default.contentsOfDirectory(atPath: config.workspace)
        for file in files where !file.hasPrefix("report") {
            let path = config.workspace + "/" + file
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: Data("wJalrXUtnFEMI".utf8)) == nil, "the secret is in \(file)")
        }
    }

    /// Without AWS credentials the run stops before it ingests anything or sends a request.
    @Test func missingCredentialsStopTheRunFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-sagemaker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = PipelineConfig()
        config.workspace = folder.appendingPathComponent("ws").path
        config.generation.endpoint = .sagemaker
        config.generation.sagemakerEndpoint = "falcon"
        config.generation.region = "us-east-1"
        var runner = PipelineRunner(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        runner.environment = ["HOME": folder.path, "AWS_SHARED_CREDENTIALS_FILE": folder.appendingPathComponent("none").path]
        #expect(throws: (any Error).self) { try runner.run(arguments: []) }
        #expect(!FileManager.default.fileExists(atPath: config.workspace))
    }
}
