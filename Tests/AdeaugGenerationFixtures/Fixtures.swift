import AdeaugCore
import AdeaugGeneration
import AdeaugTestSupport
import Foundation

/// The generation tests' workspace, fake TGI answers and client options (unit and integration tests).
public enum Fixtures {
    /// Marker carried by every test-split sentence, so that a leak is easy to see.
    public static let testMarker = "TESTSPLIT"

    public static let drugs = ["amoxicillin", "carbamazepine", "methotrexate", "lithium", "warfarin", "cisplatin",
        "isoniazid", "vancomycin", "phenytoin", "clozapine", "tacrolimus", "amiodarone", "allopurinol",
        "valproate", "rifampicin", "cyclosporine", "heparin", "digoxin", "ibuprofen", "tamoxifen"]
    public static let effects = ["rash", "hepatotoxicity", "neutropenia", "tremor", "bleeding", "nephrotoxicity",
        "hepatitis", "thrombocytopenia", "ataxia", "agranulocytosis", "neurotoxicity", "pneumonitis",
        "hypersensitivity", "pancreatitis", "jaundice", "hypertension", "thrombosis", "arrhythmia",
        "ulceration", "retinopathy"]

    /// A workspace holding 40 train positives, 20 train negatives and 15 test positives.
    public static func workspace(in directory: String) throws -> Workspace {
        let workspace = try Workspace(directory: directory + "/ws", create: true)
        var examples: [NewExample] = []
        func add(_ text: String, _ label: Label, _ split: SplitName, _ pmid: Int) {
            examples.append(NewExample(
                text: text, normalized: TextNormalizer().normalize(text), label: label, split: split,
                pmids: [String(pmid)], source: SourceLocation(file: "fixture", line: examples.count + 1), rowCount: 1))
        }
        for index in 0..<40 {
            add("A \(30 + index)-year-old patient developed \(effects[index % 20]) after treatment with \(drugs[(index * 7) % 20]) for \(index + 2) weeks.", .adverseEvent, .train, 1000 + index / 2)
        }
        for index in 0..<20 {
            add("The patient received \(drugs[index]) for chronic disease number \(index) without complications.", .notAdverseEvent, .train, 3000 + index)
        }
        for index in 0..<15 {
            add("\(testMarker) a patient developed \(effects[index]) due to \(drugs[index]) in case \(index).", .adverseEvent, .test, 5000 + index)
        }
        try workspace.database.transaction {
            let runID = try workspace.recordRun(command: "fixture", arguments: [])
            try workspace.replaceExamples(examples, runID: runID)
        }
        return workspace
    }

    /// A TGI answer with a sentence that varies with the request's seed, so that answers are
    /// distinct candidates.
    public static func tgiAnswer(for request: LoopbackServer.Request) -> LoopbackServer.Reply {
        let seed = seed(of: request) ?? 0
        let drug = drugs[Int(seed % 20)]
        let effect = effects[Int((seed / 20) % 20)]
        return .json(200, #"{"generated_text":" A woman developed severe \#(effect) \#(seed) days after starting \#(drug).\n###","details":{"finish_reason":"stop_sequence","generated_tokens":14}}"#)
    }

    public static func seed(of request: LoopbackServer.Request) -> UInt64? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else { return nil }
        let parameters = (object["parameters"] as? [String: Any]) ?? object
        return (parameters["seed"] as? NSNumber)?.uint64Value
    }

    public static func options(url: String, kind: EndpointKind = .tgi, target: Int = 5) -> GenerationOptions {
        var options = GenerationOptions(
            endpoint: Endpoint(kind: kind, url: url, timeouts: HTTPTimeouts(connectMilliseconds: 2_000, totalMilliseconds: 5_000)),
            template: PromptTemplate.builtIn(kind == .openaiChat ? PromptTemplate.chatName : PromptTemplate.falconInstructName)!)
        options.target = target
        options.concurrency = 4
        options.preflight = false
        options.retry.baseDelaySeconds = 0.02
        options.retry.maximumDelaySeconds = 0.2
        return options
    }
}
