import AdeaugContamination
import AdeaugCore
import AdeaugCorpus
import AdeaugExperiments
import AdeaugGeneration

/// Gathers the report's quality section from a workspace: generation's stored sentences, the
/// latest contamination check and the label filter's scores, grouped by strategy, template and
/// conditioning. Here because only the pipeline may read several stages' records together.
public struct SyntheticSetQualityReader {
    public init() {}

    /// Nil when the workspace never generated anything. `labelFilterThreshold` is the one the
    /// label filter screened generation with (`rebalance.label_filter`): generation keeps each
    /// verdict and score, not the threshold.
    public func section(for workspace: Workspace, labelFilterThreshold: Double? = RebalanceSettings().labelFilter) throws -> QualitySection? {
        let outputs = try GeneratedOutputRecord.all(in: workspace)
        guard !outputs.isEmpty else { return nil }
        let verdicts = try VerdictStore(workspace: workspace)
        let accepted = try verdicts.acceptedCandidateIDs()
        var scores = try LabelFilterScores.latest(in: workspace)
        // In `run` the label filter screens inside generation; its verdicts sit with generation's outputs.
        let screened = try GenerationRecords.screenScores(in: workspace, passed: LabelFilterScreen.passed, rejected: LabelFilterScreen.reason)
        for (id, verdict) in screened where scores[id] == nil {
            guard let score = verdict.score else { continue }
            scores[id] = LabelFilterScores.Score(probability: score, threshold: labelFilterThreshold ?? .nan, accepted: verdict.passed)
        }
        let training = try workspace.examples(split: .train)
        let measurer = SyntheticSetQualityMeasurer(
            training: training.map(\.text), realPositives: training.filter { $0.label == .adverseEvent }.map(\.text),
            pairs: try CorpusVocabulary.trainingPairs(in: workspace))

        struct Key: Hashable, Comparable {
            var strategy: String
            var template: String
            var conditioning: String
            static func < (a: Key, b: Key) -> Bool {
                (a.strategy, a.template, a.conditioning) < (b.strategy, b.template, b.conditioning)
            }
        }
        var groups: [Key: [(record: GeneratedOutputRecord, sentence: GeneratedSentence)]] = [:]
        for record in outputs {
            let key = Key(
                strategy: record.label == .adverseEvent ? AugmentationStrategy.synthetic.rawValue : AugmentationStrategy.syntheticNegatives.rawValue,
                template: record.templateName, conditioning: record.attributes?.pairing.rawValue ?? "plain")
            groups[key, default: []].append((record, Self.sentence(record, accepted: accepted, scores: scores)))
        }
        let measured = groups.keys.sorted().map { key in
            let members = groups[key]!
            // The label filter ran on a group when it scored any of its sentences (it scores adverse events only).
            let ran = members.contains { $0.sentence.labelScore != nil }
            let sentences = members.map { member -> GeneratedSentence in
                var sentence = member.sentence
                // Before the filter ran, sentences past contamination are kept as far as anything knows.
                if !ran && sentence.stoppedAt == .labelFilter { sentence.stoppedAt = .kept }
                return sentence
            }
            return measurer.measure(GeneratedSentenceGroup(
                strategy: key.strategy, template: key.template, conditioning: key.conditioning, sentences: sentences, labelFilterRan: ran))
        }
        return QualitySection(groups: measured, reference: measurer.reference, labelFilterThreshold: scores.values.first?.threshold)
    }

    /// How far one stored sentence got: filters, then the latest contamination check (a sentence
    /// not checked has not passed it), then the label filter's latest verdict.
    static func sentence(_ record: GeneratedOutputRecord, accepted: Set<Int64>, scores: [Int64: LabelFilterScores.Score]) -> GeneratedSentence {
        guard record.filterReason == FilterReason.accepted.rawValue, let id = record.candidateID else {
            return GeneratedSentence(text: record.text, stoppedAt: .generationFilters)
        }
        guard accepted.contains(id) else { return GeneratedSentence(text: record.text, stoppedAt: .contamination) }
        guard let score = scores[id] else { return GeneratedSentence(text: record.text, stoppedAt: .labelFilter) }
        return GeneratedSentence(text: record.text, stoppedAt: score.accepted ? .kept : .labelFilter, labelScore: score.probability)
    }
}
