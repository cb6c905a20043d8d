import AdeaugExperiments
@testable import AdeaugPipeline
import Foundation
import Testing

/// `compare --tuned`: the search's best point lands in the comparison's settings, checkpoint
/// included, and only in the runs of the mode compared.
@Suite struct TunedComparisonTests {
    let best = Hyperparameters(learningRate: 3e-5, batchSize: 16, maxLength: 64, epochs: 3, checkpoint: "dmis-lab/biobert-base-cased-v1.2")

    @Test func theWinnerSetsTheWholeEncoderRuns() {
        let base = ComparisonSettings()
        let tuned = base.tuned(by: best, freezeEncoder: false)
        #expect(tuned.model == "dmis-lab/biobert-base-cased-v1.2")
        #expect(tuned.fullFineTune.learningRate == 3e-5)
        #expect(tuned.fullFineTune.batchSize == 16)
        #expect(tuned.fullFineTune.maxLength == 64)
        #expect(tuned.fullFineTune.epochs == 3)
        #expect(tuned.fullFineTune.classWeights == base.fullFineTune.classWeights)
        #expect(tuned.training == base.training)
    }

    @Test func theWinnerSetsTheFrozenEncoderRuns() {
        let base = ComparisonSettings()
        let tuned = base.tuned(by: best, freezeEncoder: true)
        #expect(tuned.training.learningRate == 3e-5)
        #expect(tuned.training.freezeEncoder)
        #expect(tuned.fullFineTune == base.fullFineTune)
    }

    @Test func aHubSnapshotIsShownByItsName() {
        #expect(ModelSource.displayName(of: "/c/hub/models--dmis-lab--biobert-base-cased-v1.2/snapshots/abc123") == "dmis-lab/biobert-base-cased-v1.2@abc123")
        #expect(ModelSource.displayName(of: "/models/all-MiniLM-L6-v2") == "all-MiniLM-L6-v2")
    }
}
