import AdeaugCore
import Foundation

/// `adeaug check` on plain files: candidates, test and (optionally) train sentences read by
/// `SentenceFileReader`, verdicts written as JSONL, one line per candidate in input order.
public struct FileCheck {
    public var candidatesPath: String
    public var testPath: String
    public var trainPath: String?
    public var policy: NearDuplicatePolicy = .default
    public var pretrainingThreshold = ContaminationSettings().pretrainingThreshold

    public init(candidatesPath: String, testPath: String, trainPath: String? = nil) {
        self.candidatesPath = candidatesPath
        self.testPath = testPath
        self.trainPath = trainPath
    }

    /// Reads every file first (so that bad input fails before any work), then checks.
    public func run(pretraining: (any PretrainingLookup)? = nil) throws -> [Verdict] {
        let reader = SentenceFileReader()
        let candidates = try reader.read(path: candidatesPath)
        let test = try reader.read(path: testPath)
        let train = try trainPath.map { try reader.read(path: $0) } ?? []
        let checker = ContaminationChecker(
            test: test, train: train, pretraining: pretraining, policy: policy,
            pretrainingThreshold: pretrainingThreshold)
        return try checker.check(candidates)
    }

    /// The verdicts as JSONL text (sorted keys, one object per line).
    public static func jsonLines(_ verdicts: [Verdict]) throws -> String {
        try JSONLinesWriter.render(verdicts)
    }
}
