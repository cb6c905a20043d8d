import AdeaugCore
import AdeaugExperiments
import AdeaugGeneration
import AdeaugPipeline
import AdeaugTestSupport
import Foundation
import Logging
import Testing

/// `adeaug run` end to end on a small fixture corpus: a loopback OpenAI-compatible endpoint
/// generates, the contamination check screens, rebalancing builds the sets, a fast classifier
/// compares them, and the report is written. Then a second run resumes and redoes nothing.
@Suite struct PipelineEndToEndTests {
    static let drugs = ["aspirin", "warfarin", "lithium", "heparin", "insulin", "digoxin", "phenytoin", "amiodarone", "clozapine", "methotrexate"]
    static let effects = ["rash", "hepatitis", "seizures", "bleeding", "hypoglycemia", "arrhythmia", "neutropenia", "pancreatitis"]

    /// 80 positives and 160 negatives, all distinct.
    static func fixtureCSV() -> String {
        var lines = ["text,label"]
        for (d, drug) in drugs.enumerated() {
            for (e, effect) in effects.enumerated() {
                lines.append("\"Treatment with \(drug) was followed by \(effect) in case \(d * 10 + e).\",Adverse_Event")
                lines.append("\"The \(drug) dose was adjusted on day \(d * 10 + e) of the study.\",Not_AE")
                lines.append("\"Serum \(effect) markers were measured before \(drug) in patient \(d * 10 + e).\",Not_AE")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Distinct generated sentences, none close to the fixture's.
    static let generated = [
        "A 54-year-old woman developed toxic epidermal necrolysis two weeks after starting lamotrigine.",
        "Severe lactic acidosis occurred in an elderly man receiving metformin despite normal renal function.",
        "Ciprofloxacin therapy was complicated by bilateral Achilles tendon rupture.",
        "We describe fulminant liver failure attributed to high-dose acetaminophen in a teenager.",
        "Vancomycin infusion produced the red man syndrome with flushing and hypotension.",
        "Prolonged QT interval and torsade de pointes followed intravenous haloperidol.",
        "Agranulocytosis appeared during the third month of carbimazole treatment.",
        "Isoniazid was discontinued after the patient presented with peripheral neuropathy.",
        "Gentamicin caused irreversible vestibular damage in a child with cystic fibrosis.",
        "Angioedema of the tongue developed shortly after the first dose of lisinopril.",
        "Rhabdomyolysis with acute kidney injury was linked to simvastatin combined with clarithromycin.",
        "Bleomycin pulmonary fibrosis progressed despite withdrawal of the drug.",
    ]

    @Test func runsTheWholeFlowAndResumes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus.csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.fixtureCSV().utf8).write(to: corpus)

        let counter = Counter()
        let server = try LoopbackServer { request in
            let sentence = Self.generated[counter.next() % Self.generated.count]
            if request.path.hasSuffix("/chat/completions") {
                return .json(200, #"{"choices": [{"index": 0, "message": {"role": "assistant", "content": "\#(sentence)"}, "finish_reason": "stop"}]}"#)
            }
            if request.path.hasSuffix("/completions") {
                return .json(200, #"{"choices": [{"index": 0, "text": " \#(sentence)", "finish_reason": "stop"}]}"#)
            }
            return .json(404, #"{"error": {"message": "not found"}}"#)
        }
        defer { server.stop() }

        var config = PipelineConfig()
        config.workspace = folder.appendingPathComponent("ws").path
        config.corpus.path = corpus.path
        config.generation.url = server.baseURL
        config.generation.maxRequests = 30
        config.rebalance.count = 8
        config.rebalance.trainPositives = 20
        config.compare.seeds = 2
        config.compare.learningCurve.realPositives = [.count(4), .count(8)]
        config.compare.learningCurve.added = [.shareOfReal(1)]
        let trainer = NaiveBayesTrainer()
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let runner = PipelineRunner(config: config, logger: logger, makeTrainer: { _ in trainer })

        let outcome = try runner.run(arguments: ["test"])
        let workspace = try Workspace(directory: config.workspace, create: false)
        #expect(try workspace.candidates().count >= 8)
        let names = Set(outcome.results.flatMap { $0.conditions.map(\.name) })
        #expect(names == ["baseline", "synthetic", "oversample", "eda"])
        let synthetic = try #require(outcome.results[0].conditions.first { $0.name == "synthetic" })
        #expect(synthetic.added > 0)
        #expect(synthetic.differenceToBaseline != nil)
        // Equal counts: every strategy adds what synthetic added.
        for condition in outcome.results[0].conditions where condition.name != "baseline" {
            #expect(condition.added == synthetic.added, "\(condition.name) added \(condition.added), synthetic \(synthetic.added)")
        }
        #expect(outcome.markdown.contains("Equal counts"))
        #expect(FileManager.default.fileExists(atPath: outcome.reportPath))
        #expect(outcome.markdown.contains("| Protocol | Model |"))
        // The learning curve: both budgets, every strategy at equal counts, its plot next to the report.
        #expect(outcome.markdown.contains("## Learning curve (clean split)"))
        #expect(outcome.markdown.contains("| 4 | 4 (+100%) | synthetic +100% |"))
        #expect(outcome.markdown.contains("| 8 | 8 (+100%) | eda +100% |"))
        let reportFolder = URL(fileURLWithPath: outcome.reportPath).deletingLastPathComponent()
        #expect(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("learning-curve-f1.svg").path))
        let trainedFirst = trainer.trainingCalls
        let requestsFirst = counter.value

        // The same run again: everything is in the workspace, nothing is sent or trained again.
        _ = try runner.run(arguments: ["test"])
        #expect(counter.value == requestsFirst)
        #expect(trainer.trainingCalls == trainedFirst)
    }
}

extension PipelineEndToEndTests {
    /// When max_requests runs out before synthetic reaches rebalance.count, the whole comparison
    /// is made at the count synthetic reached, and the report says so in its first lines.
    @Test func aCapThatRunsOutFirstMakesTheComparisonAtTheCountReached() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus.csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.fixtureCSV().utf8).write(to: corpus)
        let counter = Counter()
        let server = try LoopbackServer { _ in
            let sentence = Self.generated[counter.next() % Self.generated.count]
            return .json(200, #"{"choices": [{"index": 0, "text": " \#(sentence)", "finish_reason": "stop"}], "usage": {"prompt_tokens": 250, "completion_tokens": 18}}"#)
        }
        defer { server.stop() }

        var config = PipelineConfig()
        config.workspace = folder.appendingPathComponent("ws").path
        config.corpus.path = corpus.path
        config.generation.url = server.baseURL
        config.generation.maxRequests = 4
        config.generation.concurrency = 1
        config.rebalance.count = 10
        config.rebalance.trainPositives = 20
        config.compare.seeds = 2
        config.compare.fullFineTunePair = false
        let trainer = NaiveBayesTrainer()
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let outcome = try PipelineRunner(config: config, logger: logger, makeTrainer: { _ in trainer }).run(arguments: ["test"])

        #expect(counter.value == 4)
        let conditions = outcome.results[0].conditions.filter { $0.name != "baseline" }
        #expect(Set(conditions.map(\.name)) == ["synthetic", "oversample", "eda"])
        let reached = try #require(conditions.first { $0.name == "synthetic" }).added
        #expect(reached < 10)
        for condition in conditions { #expect(condition.added == reached, "\(condition.name) added \(condition.added)") }
        let lines = outcome.markdown.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count > 2)
        #expect(lines[1].contains("Equal counts at \(reached), fewer than the 10 asked"))
        #expect(lines[1].contains("max-requests 4") || lines[1].contains("max_requests"))
        #expect(outcome.markdown.contains("Generation cost: 4 answered requests, 1000 prompt and 72 completion tokens"))
        #expect(!outcome.markdown.contains("only \(reached) available"))
    }
}

/// A thread-safe request counter for the loopback handler.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count - 1
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
