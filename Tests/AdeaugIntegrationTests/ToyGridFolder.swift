import AdeaugTestSupport
import Foundation
import Testing

/// The scratch folder the grid and tuning-round tests run adeaug in: a toy corpus of 72
/// sentences (every third one an adverse event), the tiny test checkpoint, and the executable
/// run with no scheduler variables of this process, so only the flags say which task it is.
struct ToyGridFolder {
    let folder = TemporaryDirectory()
    let model = FakeHub.fixtures.appendingPathComponent("tiny-classifier-sharded").path
    var path: String { folder.path }

    /// Runs adeaug in the folder; a non-zero exit fails the test with its stderr.
    func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished {
        let run = try AdeaugExecutable.run(arguments, in: URL(fileURLWithPath: path), removing: ["ADEAUG_MODEL", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_ID"])
        try #require(run.status == 0, "adeaug \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// Writes `corpus.jsonl` (once): the drugs take turns, and every third sentence is positive.
    func writeCorpus(drugs: [String] = ["Aspirin", "Warfarin", "Lithium", "Heparin"]) throws {
        guard !FileManager.default.fileExists(atPath: path + "/corpus.jsonl") else { return }
        var corpus = ""
        for index in 0..<72 {
            let drug = drugs[index % drugs.count]
            let text = index % 3 == 0 ? "\(drug) caused severe nausea in patient \(index)." : "\(drug) was given to patient \(index) for pain."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        try corpus.write(toFile: path + "/corpus.jsonl", atomically: true, encoding: .utf8)
    }

    /// A workspace `name` with the corpus ingested and the oversample and eda sets (8 added
    /// positives each, every real one kept): made the same way each time, so a single-process
    /// and an array comparison start from equal data. Returns its path.
    func workspace(_ name: String) throws -> String {
        try writeCorpus()
        _ = try adeaug(["ingest", "--corpus", "corpus.jsonl", "--workspace", name, "--quiet"])
        for strategy in ["oversample", "eda"] {
            _ = try adeaug(["rebalance", "--workspace", name, "--strategy", strategy, "--count", "8", "--all-positives", "--no-label-filter", "--quiet"])
        }
        return path + "/" + name
    }
}
