import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// Conditioned generation draws drug–effect pairs from the training split only.
@Suite struct TrainingPairsTests {
    @Test func pairsComeFromTrainingSentencesOnly() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // Each positive sentence has its own drug and effect (drug1/effect1 in sentence 1, …),
        // sentence 0 two pairs; so the pairs of a split follow from its sentences.
        var positives: [String] = []
        for index in 0..<40 {
            let text = "Patient \(index) developed effect\(index) after drug\(index) was given."
            positives.append("\(1000 + index)|\(text)|effect\(index)|0|1|drug\(index)|0|1")
        }
        positives.append("1000|Patient 0 developed effect0 after drug0 was given.|fever|0|1|drug0|0|1")
        _ = try TestSupport.write(positives.joined(separator: "\n") + "\n", to: corpus.appendingPathComponent("DRUG-AE.rel"))
        let negatives = (0..<40).map { "\(2000 + $0) NEG Patient \($0) received drug\($0) without any problem." }
        _ = try TestSupport.write(negatives.joined(separator: "\n") + "\n", to: corpus.appendingPathComponent("ADE-NEG.txt"))
        let workspacePath = folder.appendingPathComponent("ws").path
        try CorpusIngest(options: IngestOptions(corpusPath: corpus.path)).run(workspaceDirectory: workspacePath, arguments: [], logger: TestSupport.logger)
        let workspace = try Workspace(directory: workspacePath, create: false)

        let pairs = try CorpusVocabulary.trainingPairs(in: workspace)
        let trainIndices = Set(try workspace.examples(split: .train).filter { $0.label == .adverseEvent }.compactMap { Int($0.text.split(separator: " ")[1]) })
        let testIndices = Set(try workspace.examples(split: .test).filter { $0.label == .adverseEvent }.compactMap { Int($0.text.split(separator: " ")[1]) })
        #expect(!testIndices.isEmpty)
        var expected = Set(trainIndices.map { DrugEffectPair(drug: "drug\($0)", effect: "effect\($0)") })
        if trainIndices.contains(0) { expected.insert(DrugEffectPair(drug: "drug0", effect: "fever")) }
        #expect(Set(pairs) == expected && pairs.count == expected.count)
        #expect(pairs.allSatisfy { pair in !testIndices.contains(where: { pair.drug == "drug\($0)" }) })
        #expect(pairs == pairs.sorted { ($0.drug, $0.effect) < ($1.drug, $1.effect) })
    }
}
