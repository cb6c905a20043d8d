import AdeaugCore
import Foundation

/// One round of a hyperparameter search as an array job: round 0 trains the sampled settings,
/// round `r` the survivors of round `r - 1`'s merged trials. Setting `j` of the round goes to
/// task `j mod N`. Successive halving has one round per rung, each submitted once the one before
/// is merged; random search has one.
public struct TuningRound {
    public var search: HyperparameterSearch
    public var plan: HyperparameterSearch.Plan
    public var round: Int
    public var candidates: [Hyperparameters]
    /// The round's merged output; parts in `<output>.parts/`, the merged trials in `<output>.json`.
    public var output: String
    /// Names the round: its settings (as trainers), data share, slices and seed.
    public var fingerprint: String

    /// - Parameters:
    ///   - folder: where the rounds' outputs live (`<workspace>/runs`).
    ///   - trainerFingerprint: the trainer a setting makes, as a fingerprint.
    public init(
        search: HyperparameterSearch, training: [Example], round: Int, folder: String, trainerFingerprint: (Hyperparameters) throws -> String
    ) throws {
        let plan = try search.plan(training: training)
        guard round >= 0, round < plan.shares.count else { throw TuningRoundError.noSuchRound(round, rounds: plan.shares.count) }
        var candidates = plan.candidates
        if round > 0 {
            let previous = Self.output(folder: folder, round: round - 1)
            guard let merged = TuningRoundResult.read(of: previous) else { throw TuningRoundError.previousNotMerged(round: round, path: previous + ".json") }
            candidates = HyperparameterSearch.survivors(of: merged.trials)
        }
        self.search = search
        self.plan = plan
        self.round = round
        self.candidates = candidates
        self.output = Self.output(folder: folder, round: round)
        var lines = try candidates.map { "\($0)\t\(try trainerFingerprint($0))" }
        lines.append("round=\(round) share=\(plan.shares[round]) seed=\(search.seed)")
        lines += (plan.fit + plan.validation).map { "\($0.label.rawValue)\t\($0.text)" }
        self.fingerprint = ComparisonRunner.fingerprint(of: lines)
    }

    public static func output(folder: String, round: Int) -> String { folder + "/round-\(round)" }

    public var isLast: Bool { round == plan.shares.count - 1 }

    /// Positions (in `candidates`) of the settings `task` trains.
    public func positions(of task: ArrayTask) -> [Int] { task.select(Array(candidates.indices)) }
}

/// A merged round: its trials in the order of its settings, written to `<output>.json`.
public struct TuningRoundResult: Sendable, Codable, Equatable {
    public var round: Int
    public var grid: String
    public var trials: [HyperparameterSearch.Trial]

    public static func read(of output: String) -> TuningRoundResult? {
        try? JSONDecoder().decode(TuningRoundResult.self, from: Data(contentsOf: URL(fileURLWithPath: output + ".json")))
    }

    public func write(of output: String) throws {
        try JSONText.encode(self, pretty: true).write(toFile: output + ".json", atomically: true, encoding: .utf8)
    }
}

/// Why a round of a distributed search cannot run or merge.
public enum TuningRoundError: Error, Equatable, CustomStringConvertible {
    case noSuchRound(Int, rounds: Int)
    case previousNotMerged(round: Int, path: String)
    case otherRound(path: String)
    case trialsMissing(round: Int, positions: [Int])

    public var description: String {
        switch self {
        case .noSuchRound(let round, let rounds): "--round \(round): this search has round\(rounds == 1 ? "" : "s") 0\(rounds > 1 ? "…\(rounds - 1)" : "")."
        case .previousNotMerged(let round, let path):
            "--round \(round) trains the survivors of round \(round - 1), but \(path) is not there: run and merge round \(round - 1) first (`adeaug tune --merge --round \(round - 1)`)."
        case .otherRound(let path):
            "\(path): written for another search (other settings, seed or training split): run the round again with the same options, or delete its parts folder."
        case .trialsMissing(let round, let positions):
            "round \(round): settings \(positions.map(String.init).joined(separator: ", ")) are in no part; run the array tasks again."
        }
    }
}
