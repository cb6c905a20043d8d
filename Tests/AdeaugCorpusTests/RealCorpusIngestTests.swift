import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// The figures the issue asks the report to show, on the real ADE Corpus v2.
@Suite struct RealCorpusIngestTests {
    func prepare(_ method: SplitMethod?, path: String = TestSupport.realCorpus, seed: UInt64 = 42) throws -> CorpusIngest.Prepared {
        var options = IngestOptions(corpusPath: path)
        options.splitMethod = method
        options.seed = seed
        return try CorpusIngest(options: options).prepare(logger: TestSupport.logger)
    }

    @Test func rawAndDistinctCountsMatchThePublishedCorpus() throws {
        let stats = try prepare(nil).summary.deduplication
        #expect(stats.rawRows == 23_516)
        #expect(stats.rawPositiveRows == 6_821)
        #expect(stats.rawNegativeRows == 16_695)
        #expect(stats.exactDistinctPositive == 4_271)
        #expect(stats.exactDistinctNegative == 16_625)
        #expect(stats.uniquePositive == 4_271)
        // "DESIGN: Interventional case report." and "DESIGN: interventional case report." are one text.
        #expect(stats.uniqueNegative == 16_624)
        #expect(stats.normalizationMerges == 1)
        #expect(stats.conflicts == 0)
    }

    @Test func stratifiedSplitKeepsBalanceAndHasNoOverlap() throws {
        let prepared = try prepare(.stratified)
        let split = prepared.summary.split
        #expect(split.test.positive == 854)  // round(4,271 × 0.2)
        #expect(split.test.negative == 3_325)  // round(16,624 × 0.2)
        #expect(split.train.total + split.test.total == 20_895)
        #expect(split.overlap.exact.total == 0)
        #expect(split.overlap.normalized.total == 0)
    }

    @Test func sameSeedGivesSameSplitAndAnotherSeedAnother() throws {
        let first = try prepare(.stratified, seed: 7).examples.map(\.split)
        let again = try prepare(.stratified, seed: 7).examples.map(\.split)
        let other = try prepare(.stratified, seed: 8).examples.map(\.split)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func groupedSplitKeepsEveryAbstractOnOneSide() throws {
        let prepared = try prepare(.grouped)
        let split = prepared.summary.split
        #expect(split.sharedPMIDs == 0)
        #expect(split.overlap.normalized.total == 0)
        let share = Double(split.test.total) / Double(split.train.total + split.test.total)
        #expect(abs(share - 0.2) < 0.01)
        let positiveShare = Double(split.test.positive) / Double(split.test.total)
        #expect(abs(positiveShare - 0.204) < 0.01)
    }

    @Test func rowsProtocolReportsItsLeakage() throws {
        let prepared = try prepare(.rows)
        let split = prepared.summary.split
        #expect(split.train.total + split.test.total == 23_516)
        #expect(split.test.total == 4_703)
        // About half the test positives have an exact copy in training (FACTS.md: 53% for one seed).
        #expect(split.overlap.exactPositiveShare > 0.4 && split.overlap.exactPositiveShare < 0.65)
    }

    @Test func presplitExportKeepsItsSplit() throws {
        let prepared = try prepare(nil, path: TestSupport.pytorchSplit)
        #expect(prepared.summary.splitMethod == .given)
        let split = prepared.summary.split
        #expect(split.train.total == 16_716)
        #expect(split.train.positive == 3_417)
        #expect(split.test.total == 4_180)
        #expect(split.test.positive == 854)
    }
}
