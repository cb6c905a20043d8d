import AdeaugCore
import Foundation

/// One array task of a search round: trains its settings into its own part (a SQLite file
/// naming the round), then leaves the completion marker. A killed task keeps the trials it
/// finished; one started again after its marker trains nothing.
public struct TuningRoundTask {
    public var round: TuningRound
    public var part: TaskPart
    public var startedAt: Date

    public init(round: TuningRound, task: ArrayTask, startedAt: Date = Date()) {
        self.round = round
        self.part = TaskPart(output: round.output, task: task)
        self.startedAt = startedAt
    }

    /// The marker when the task already completed this round; one of another search is refused.
    public func completion() throws -> TaskCompletion? {
        guard let done = try part.completion() else { return nil }
        guard done.grid == round.fingerprint else { throw TuningRoundError.otherRound(path: part.markerPath) }
        return done
    }

    public func run(makeTrainer: (Hyperparameters) throws -> any ClassifierTrainer, onTrial: (Hyperparameters, Bool) -> Void = { _, _ in }) throws -> TaskCompletion {
        let positions = round.positions(of: part.task)
        let working = try part.prepare()
        var trained = 0
        var seconds = 0.0
        do {
            let trials = try TrialPart(creatingAt: working, grid: round.fingerprint)
            for position in positions {
                let settings = round.candidates[position]
                if try trials.trial(at: position) != nil {
                    onTrial(settings, true)
                    continue
                }
                onTrial(settings, false)
                let trial = try round.search.trial(settings, round: round.round, plan: round.plan, trainer: try makeTrainer(settings))
                try trials.store(trial, at: position)
                trained += 1
                seconds += trial.seconds
            }
        }
        let completion = TaskCompletion(
            grid: round.fingerprint, kind: "tune", part: part, cells: positions.count, trained: trained, startedAt: startedAt,
            trainingSeconds: seconds)
        try part.complete(completion)
        return completion
    }

    /// Folds every task's part of the round, once all have their markers, into `<output>.json`.
    public static func merge(_ round: TuningRound) throws -> TuningRoundResult {
        let started = Date()
        let paths = try TaskPart.completeParts(of: round.output)
        var found: [Int: HyperparameterSearch.Trial] = [:]
        for path in paths {
            let part = try TrialPart(reading: path)
            guard try part.grid() == round.fingerprint else { throw TuningRoundError.otherRound(path: path) }
            for (position, trial) in try part.trials() { found[position] = trial }
        }
        let missing = round.candidates.indices.filter { found[$0] == nil }
        guard missing.isEmpty else { throw TuningRoundError.trialsMissing(round: round.round, positions: missing) }
        let result = TuningRoundResult(round: round.round, grid: round.fingerprint, trials: round.candidates.indices.compactMap { found[$0] })
        try result.write(of: round.output)
        try MergeCompletion(parts: paths.count, seconds: Date().timeIntervalSince(started)).write(of: round.output)
        return result
    }
}

/// A tuning task's trials by position in the round, in a SQLite file of its own.
final class TrialPart {
    let database: Database

    init(creatingAt path: String, grid: String) throws {
        if let found = try Self.grid(of: Database(path: path, create: true)), found != grid {
            for suffix in ["", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) { try FileManager.default.removeItem(atPath: path + suffix) }
        }
        database = try Database(path: path, create: true)
        try database.execute("""
            CREATE TABLE IF NOT EXISTS grid (fingerprint TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS trials (position INTEGER PRIMARY KEY, trial_json TEXT NOT NULL);
            """)
        if try Self.grid(of: database) == nil { try database.prepare("INSERT INTO grid(fingerprint) VALUES(?)").run(.text(grid)) }
    }

    init(reading path: String) throws {
        database = try Database(path: path, create: false)
    }

    func grid() throws -> String? { try Self.grid(of: database) }

    func trial(at position: Int) throws -> HyperparameterSearch.Trial? {
        try database.prepare("SELECT trial_json FROM trials WHERE position = ?").rows(.int(position)) { $0.text(0) }
            .first.map { try JSONText.decode(HyperparameterSearch.Trial.self, from: $0) }
    }

    func store(_ trial: HyperparameterSearch.Trial, at position: Int) throws {
        try database.prepare("INSERT OR REPLACE INTO trials(position, trial_json) VALUES(?, ?)").run(.int(position), .text(try JSONText.encode(trial)))
    }

    func trials() throws -> [(Int, HyperparameterSearch.Trial)] {
        try database.prepare("SELECT position, trial_json FROM trials ORDER BY position").rows { ($0.int(0), try JSONText.decode(HyperparameterSearch.Trial.self, from: $0.text(1))) }
    }

    private static func grid(of database: Database) throws -> String? {
        let table = try database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'grid'").rows { $0.int(0) }
        guard table.first == 1 else { return nil }
        return try database.prepare("SELECT fingerprint FROM grid").rows { $0.text(0) }.first
    }
}
