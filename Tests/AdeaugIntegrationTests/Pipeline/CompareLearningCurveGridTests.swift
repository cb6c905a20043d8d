import AdeaugCore
import AdeaugTestSupport
import Foundation
import Testing

/// `compare --learning-curve` as array tasks from the command line: three `--shard i/3` tasks
/// train the comparison's runs and the curve's (budget × condition × seed), `--merge` folds them,
/// and report.json (comparison and curve) equals the one a single process writes.
@Suite struct CompareLearningCurveGridTests {
    private let toy = ToyGridFolder()
    private var folder: TemporaryDirectory { toy.folder }
    private var model: String { toy.model }
    private func adeaug(_ arguments: [String]) throws -> AdeaugExecutable.Finished { try toy.adeaug(arguments) }

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
        let single = try toy.workspace("single")
        _ = try adeaug(compare + ["--workspace", single, "--out", "single-report"])
        let expected = try numbers(folder.path + "/single-report")
        #expect(expected.contains("curve p4") && expected.contains("curve p8"), "\(expected.prefix(300))")

        let grid = try toy.workspace("grid")
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
