import AdeaugServe
import Testing

@Suite struct InvocationAnswerTests {
    let labels = ["Not_AE", "Adverse_Event"]

    @Test func topLabelFollowsTheThreshold() {
        #expect(InvocationParameters().select([0.4, 0.6], labelNames: labels) == [LabelScore(label: "Adverse_Event", score: Double(Float(0.6)))])
        #expect(InvocationParameters(threshold: 0.7).select([0.4, 0.6], labelNames: labels).map(\.label) == ["Not_AE"])
        #expect(InvocationParameters(topK: 2).select([0.3, 0.7], labelNames: labels).map(\.label) == ["Adverse_Event", "Not_AE"])
    }

    @Test func shapesFollowTheInferenceToolkit() throws {
        let one = [LabelScore(label: "Adverse_Event", score: 0.5)]
        #expect(try InvocationAnswer.render([one], isBatch: false, format: .json) == #"[{"label":"Adverse_Event","score":0.5}]"#)
        #expect(try InvocationAnswer.render([one, one], isBatch: true, format: .json)
            == #"[[{"label":"Adverse_Event","score":0.5}],[{"label":"Adverse_Event","score":0.5}]]"#)
        #expect(try InvocationAnswer.render([one, one], isBatch: true, format: .jsonLines)
            == "[{\"label\":\"Adverse_Event\",\"score\":0.5}]\n[{\"label\":\"Adverse_Event\",\"score\":0.5}]\n")
        #expect(try InvocationAnswer.render([one], isBatch: true, format: .csv) == "Adverse_Event,0.5\n")
    }
}
