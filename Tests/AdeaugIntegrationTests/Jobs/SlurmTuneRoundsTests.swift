import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

/// `tune --executor slurm` on this machine's real Slurm cluster: successive halving over 3
/// settings of the tiny checkpoint is two rounds, each an array of 2 tasks plus its merge; the
/// trials and the best setting equal a single-process `tune`'s, and `compare --tuned` finds it.
@Suite(.serialized, .enabled(if: SlurmCluster.available, SlurmCluster.skipReason))
struct SlurmTuneRoundsTests {
    private let toy = ToyGridFolder()
    private var folder: TemporaryDirectory { toy.folder }
    private var model: String { toy.model }
    private func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished { try toy.adeaug(arguments) }

    /// Trials as (setting, data share, validation F1): what seeds fix (seconds are measured).
    private func trials(_ json: String) throws -> [String] {
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(outcome["trials"] as? [[String: Any]]).map { trial in
            var kept = trial
            kept.removeValue(forKey: "seconds")
            return String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    @Test func twoRoundsAsArraysGiveTheSingleProcessSearch() throws {
        try toy.writeCorpus(drugs: ["Aspirin"])
        for workspace in ["single", "grid"] { _ = try adeaug(["ingest", "--corpus", "corpus.jsonl", "--workspace", workspace, "--quiet"]) }
        let tune = [
            "tune", "--model", model, "--trials", "3", "--freeze-encoder", "--learning-rates", "1e-3,5e-4,1e-2", "--batch-sizes", "8",
            "--max-lengths", "16", "--epochs", "1,2", "--quiet",
        ]
        let expected = try trials(try adeaug(tune + ["--workspace", "single", "--json"]).stdout)
        #expect(expected.count == 4)  // 3 settings on a third of the data, the best on all of it

        // Round 1 before round 0 is merged is refused, naming what is missing.
        let early = try AdeaugExecutable.run(tune + ["--workspace", "grid", "--round", "1", "--shard", "0/2"], in: URL(fileURLWithPath: folder.path))
        #expect(early.status != 0 && early.stderr.contains("run and merge round 0 first"), "\(early.stderr)")
        var printed = ""
        for round in 0..<2 {
            let submitted = try adeaug(tune + ["--workspace", "grid", "--executor", "slurm", "--tasks", "2", "--round", "\(round)"]).stdout
            #expect(submitted.contains("tasks 0-1 of 2"), "\(submitted)")
            let output = folder.path + "/grid/runs/round-\(round)"
            #expect(SlurmCluster.wait(seconds: 60) { MergeCompletion.read(of: output) != nil }, "round \(round) was not merged; see \(folder.path)/grid/jobs/tune-round-\(round)/logs")
        }
        // The merge job prints its summary after writing its marker, and Slurm writes the log as
        // the job runs: wait for the line rather than read the log the moment the marker appears.
        let logs = folder.path + "/grid/jobs/tune-round-1/logs"
        let summarised = SlurmCluster.wait(seconds: 30) {
            guard let log = (try? FileManager.default.contentsOfDirectory(atPath: logs))?.first(where: { $0.hasPrefix("merge_") }) else { return false }
            printed = (try? String(contentsOfFile: logs + "/" + log, encoding: .utf8)) ?? ""
            return printed.contains("best (validation F1")
        }
        #expect(summarised, "the last merge printed no summary: \(printed)")
        // The last merge stored the outcome as one process would: --json of the same search is not
        // printed by the merge job, so read the rounds' merged trials.
        let merged = try (0..<2).flatMap { round -> [String] in
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/grid/runs/round-\(round).json"))
            return try trials(String(decoding: data, as: UTF8.self))
        }
        #expect(merged == expected)
        let compare = try adeaug(["compare", "--workspace", "grid", "--tuned", "--conditions", "baseline", "--seeds", "1", "--freeze-encoder", "--out", "report"])
        #expect(compare.stdout.contains("bert(tiny-classifier-sharded)"), "\(compare.stdout)")
    }
}
