import Foundation
import Testing
@testable import AdeaugBERT

/// A served model loads its word embeddings row by row as sentences use them: the same scores
/// as a whole load, and rows no sentence used stay uncopied.
@Suite(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
struct WordEmbeddingsOnDemandTests {
    let sentences = [
        "Severe hepatotoxicity after high-dose methotrexate.",
        "The patient was given 5 mg of warfarin daily.",
        "Stevens-Johnson syndrome developed two weeks after starting carbamazepine.",
    ]

    @Test func scoresEqualAWholeLoadAndUnusedRowsStayUncopied() throws {
        let directory = Reference.modelDirectory!
        let tokenizer = try BertTokenizer(modelDirectory: directory)
        let whole = try BertCheckpoint.loadReporting(directory: directory).network
        let onDemand = try BertCheckpoint.loadReporting(directory: directory, wordEmbeddingsOnDemand: true).network
        #expect(whole.wordEmbeddingsOnDemand == nil)
        #expect(onDemand.wordEmbeddingsOnDemand != nil)

        let encoded = sentences.map { tokenizer.encode($0, maxLength: 128) }
        let h = whole.config.hiddenSize
        func row(_ network: BertNetwork, _ id: Int) -> [Float] {
            Array(UnsafeBufferPointer(start: network.parameters[network.layout.wordEmbeddings + id * h], count: h))
        }
        let used = Set(encoded.joined().map(Int.init))
        let unused = (0..<whole.config.vocabSize).first { !used.contains($0) && row(whole, $0).contains { $0 != 0 } }!
        #expect(row(onDemand, Int(encoded[0][1])).allSatisfy { $0 == 0 }, "a row was copied before any sentence used it")

        let expected = BertPredictor(network: whole, tokenizer: tokenizer).classProbabilities(encoded: encoded)
        let served = BertPredictor(network: onDemand, tokenizer: tokenizer).classProbabilities(encoded: encoded)
        #expect(served == expected)
        for id in used { #expect(row(onDemand, id) == row(whole, id), "row \(id)") }
        #expect(row(onDemand, unused).allSatisfy { $0 == 0 }, "row \(unused), which no sentence used, was copied")
    }
}

/// Only a table `decode` can read is left to load on demand: any other goes through the whole
/// load, which names the dtype, instead of failing at the first request.
struct WordEmbeddingsOnDemandDTypeTests {
    @Test func aTableInADTypeAdeaugDoesNotConvertIsLoadedWhole() throws {
        let header = #"{"f32":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"i8":{"dtype":"I8","shape":[2,3],"data_offsets":[24,30]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { Array($0) }
        bytes += Array(header.utf8) + [UInt8](repeating: 0, count: 30)
        let path = CheckpointExportTests.temporaryDirectory() + ".safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try SafeTensorsFile(path: path)
        #expect(SafeTensorsFile.byteWidth("I8") != nil && !SafeTensorsFile.reads("I8"))
        #expect(SafeTensorsFile.reads("F32") && SafeTensorsFile.reads("BF16"))
        #expect(WordEmbeddingsOnDemand(file: file, tensor: "f32", shape: [2, 3]) != nil)
        #expect(WordEmbeddingsOnDemand(file: file, tensor: "i8", shape: [2, 3]) == nil)
        #expect(WordEmbeddingsOnDemand(file: file, tensor: "f32", shape: [3, 2]) == nil)
    }
}
