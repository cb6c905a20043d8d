import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

/// `compare --learning-curve` as array tasks from the command line: three `--shard i/3` tasks
/// train the comparison's runs and the curve's (budget × condition × seed), `--merge` folds them,
/// and report.json (comparison and curve) equals the one a single process writes.
@Suite struct CompareLearningCurveGridTests {
    private let folder = TemporaryDirectory()
    private let model = FakeHub.fixtures.appendingPathComponent("tiny-classifier-sharded").path

    private func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished {
        let run = try AdeaugExecutable.run(arguments, in: URL(fileURLWithPath: folder.path), removing: ["ADEAUG_MODEL", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_ID"])
        try #require(run.status == 0, "adeaug \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// The toy corpus (24 of 72 sentences positive) with oversample and eda sets.
    private func workspace(_ name: String) throws -> String {
        var corpus = ""
        for index in 0..<72 {
            let drug = ["Aspirin", "Warfarin", "Lithium", "Heparin"][index % 4]
            let text = index % 3 == 0 ? "\(drug) caused severe nausea in patient \(index)." : "\(drug) was given to patient \(index) for pain."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        try corpus.write(toFile: folder.path + "/corpus.jsonl", atomically: true, encoding: .utf8)
        _ = try adeaug(["ingest", "--corpus", "corpus.jsonl", "--workspace", name, "--quiet"])
        for strategy in ["oversample", "eda"] {
            _ = try adeaug(["rebalance", "--workspace", name, "--strategy", strategy, "--count", "8", "--all-positives", "--no-label-filter", "--quiet"])
        }
        return folder.path + "/" + name
    }

    private var compare: [String] {
        ["compare", "--conditions", "oversample,eda", "--seeds", "2", "--freeze-encoder", "--model", model, "--max-length", "16",
         "--learning-curve", "--real-positives", "4,8", "--quiet"]
    }

    /// report.json's comparison and learning curve, less the measured training seconds.
    private func numbers(_ report: String) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/report.json"))) as? [String: Any])
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { $0.key != "trainingSeconds" }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let kept: [String: Any] = ["results": strip(json["results"] ?? []), "learningCurve": strip(json["learningCurve"] ?? [:])]
        return String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func threeTasksAndTheMergeWriteTheSingleProcessCurve() throws {
        let single = try workspace("single")
        _ = try adeaug(compare + ["--workspace", single, "--out", "single-report"])
        let expected = try numbers(folder.path + "/single-report")
        #expect(expected.contains("curve p4") && expected.contains("curve p8"), "\(expected.prefix(300))")

        let grid = try workspace("grid")
        for index in 0..<3 { _ = try adeaug(compare + ["--workspace", grid, "--shard", "\(index)/3"]) }
        // 6 runs of the comparison (baseline, oversample, eda × 2 seeds) and 12 of the curve
        // (2 budgets × 3 conditions × 2 seeds), all trained by the tasks.
        let markers = try TaskPart.completions(of: grid + "/runs/grid")
        #expect(markers.map(\.files) == [6, 6, 6])
        #expect(markers.map { $0.runs ?? 0 } == [6, 6, 6])
        _ = try adeaug(compare + ["--workspace", grid, "--merge", "--out", "grid-report"])
        #expect(try numbers(folder.path + "/grid-report") == expected)
        let stored = try Database(path: grid + "/workspace.sqlite", create: false)
            .prepare("SELECT protocol, count(*) FROM comparison_runs GROUP BY 1 ORDER BY 1").rows { "\($0.text(0)) \($0.int(1))" }
        #expect(stored == ["clean 6", "clean curve p4 6", "clean curve p8 6"])
    }
}
