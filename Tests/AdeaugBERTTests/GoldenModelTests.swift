import Foundation
import Testing
@testable import AdeaugBERT

/// The real checkpoint against PyTorch's numbers in `../shared/reference/minilm`.
@Suite(.enabled(if: Reference.modelAvailable, "needs the all-MiniLM-L6-v2 checkpoint (make setup)"))
struct GoldenModelTests {
    static func batch(_ golden: [String: Any]) -> BertBatch {
        let ids = golden["input_ids"] as! [[NSNumber]]
        let mask = golden["attention_mask"] as! [[NSNumber]]
        let sequences = zip(ids, mask).map { row, m in
            zip(row, m).filter { $0.1.intValue == 1 }.map { $0.0.int32Value }
        }
        let labels = (golden["labels"] as? [NSNumber])?.map(\.intValue) ?? []
        return BertBatch(sequences: sequences, labels: labels)
    }

    static func network(classifierFrom forward: [String: Any]) throws -> BertNetwork {
        let network = try BertCheckpoint.load(directory: Reference.modelDirectory!)
        let weight = (forward["classifier_weight"] as! [[NSNumber]]).flatMap { $0.map(\.floatValue) }
        let bias = (forward["classifier_bias"] as! [NSNumber]).map(\.floatValue)
        network.setParameter("classifier.weight", weight)
        network.setParameter("classifier.bias", bias)
        return network
    }

    static func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func forwardMatchesPyTorchWithin1e4() throws {
        let golden = try Reference.json("forward.json")
        let network = try Self.network(classifierFrom: golden)
        let logits = network.forward(Self.batch(golden), dropout: false)
        let flat = { (key: String) in (golden[key] as! [[NSNumber]]).flatMap { $0.map(\.floatValue) } }
        let errors = [
            Self.maxAbsDifference(network.clsHidden, flat("cls_last_hidden")),
            Self.maxAbsDifference(network.pooled, flat("pooled")),
            Self.maxAbsDifference(logits, flat("logits")),
        ]
        print("forward max abs error: cls \(errors[0]), pooled \(errors[1]), logits \(errors[2])")
        #expect(errors.allSatisfy { $0 < 1e-4 }, "max abs errors \(errors)")
    }

    @Test func backwardAndAdamWMatchPyTorch() throws {
        let forward = try Reference.json("forward.json")
        let golden = try Reference.json("backward.json")
        let network = try Self.network(classifierFrom: forward)
        let batch = Self.batch(golden)
        network.forward(batch, dropout: false)
        let loss = network.backward(labels: batch.labels)
        let expectedLoss = (golden["loss"] as! NSNumber).floatValue
        print("loss \(loss), PyTorch \(expectedLoss), difference \(abs(loss - expectedLoss))")
        #expect(abs(loss - expectedLoss) < 1e-5, "loss \(loss)")

        var worst: (name: String, relative: Float) = ("", 0)
        var worstElsewhere: (name: String, relative: Float) = ("", 0)
        for (name, value) in golden["grad_norms"] as! [String: NSNumber] {
            let gradient = try #require(network.gradientValues(name), "no tensor \(name)")
            let norm = gradient.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            let expected = value.floatValue
            let relative = abs(norm - expected) / max(expected, 1e-6)
            if relative > worst.relative { worst = (name, relative) }
            // Key biases have a gradient that is zero in exact arithmetic (softmax ignores a
            // per-row shift), so their norms are pure rounding noise; report the rest apart.
            if !name.contains("key.bias"), relative > worstElsewhere.relative { worstElsewhere = (name, relative) }
        }
        print("worst gradient-norm relative error: \(worst); excluding key biases: \(worstElsewhere)")
        #expect(worst.relative < 1e-3, "gradient norm of \(worst.name) off by \(worst.relative)")
        for (name, values) in golden["grad_first8"] as! [String: [NSNumber]] {
            let gradient = Array(network.gradientValues(name)!.prefix(8))
            let expected = values.map(\.floatValue)
            let scale = expected.map(abs).max() ?? 1
            #expect(Self.maxAbsDifference(gradient, expected) <= 1e-3 * scale + 1e-7, "gradient of \(name): \(gradient) vs \(expected)")
        }

        let optimizer = AdamW(parameterCount: network.parameterCount, weightDecay: 0.01)
        optimizer.update(network, learningRate: 1e-3)
        var worstParameter: Float = 0
        for (name, values) in golden["params_after_step_first8"] as! [String: [NSNumber]] {
            let after = Array(network.parameterValues(name)!.prefix(8))
            let difference = Self.maxAbsDifference(after, values.map(\.floatValue))
            worstParameter = max(worstParameter, difference)
            #expect(difference < 2e-5, "\(name) after one AdamW step: \(after) vs \(values)")
        }
        print("worst parameter error after AdamW: \(worstParameter)")
    }
}
