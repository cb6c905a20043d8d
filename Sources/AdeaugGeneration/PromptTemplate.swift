import AdeaugCore
import Foundation
import Mustache

/// A Mustache prompt template and what it expects of the endpoint.
///
/// Its `identity` (name plus a hash of the text) is part of every request key, so editing a
/// template makes new requests instead of silently reusing answers to the old wording.
public struct PromptTemplate: Sendable {
    public var name: String
    public var source: String
    /// Stop sequences that suit the template's layout (`--stop` replaces them).
    public var defaultStops: [String]
    private let template: MustacheTemplate

    public init(name: String, source: String, defaultStops: [String]) throws(GenerationError) {
        self.name = name
        self.source = source
        self.defaultStops = defaultStops
        do {
            template = try MustacheTemplate(string: source)
        } catch {
            throw .template("The prompt template \(name) does not parse as Mustache: \(error).")
        }
    }

    /// The plain-text Falcon-instruct layout: instruction, five `Sentence:` examples separated
    /// by `###`, and an open `Sentence:` slot; generation stops at `###` or a blank line.
    public static let falconInstructName = "falcon-instruct"
    public static let chatName = "chat"

    public static func builtIn(_ name: String) -> PromptTemplate? {
        switch name {
        case falconInstructName: try? PromptTemplate(name: name, source: BuiltInTemplates.falconInstruct, defaultStops: ["###", "\n\n"])
        case chatName: try? PromptTemplate(name: name, source: BuiltInTemplates.chat, defaultStops: ["\n\n"])
        default: nil
        }
    }

    /// A built-in name, a file `prompts/NAME.mustache` under `searchDirectory`, or a path.
    public static func resolve(_ nameOrPath: String, searchDirectory: String = FileManager.default.currentDirectoryPath) throws(GenerationError) -> PromptTemplate {
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".mustache")
        if !looksLikePath, let builtIn = builtIn(nameOrPath) { return builtIn }
        let path = looksLikePath ? nameOrPath : searchDirectory + "/prompts/\(nameOrPath).mustache"
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .template(
                "No prompt template \(nameOrPath): built-in ones are \(falconInstructName) and \(chatName); a file must exist at \(path).")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try PromptTemplate(name: name, source: source, defaultStops: ["###", "\n\n"])
    }

    /// `name@hash-of-text`.
    public var identity: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(name)@\(String(hash, radix: 16))"
    }

    /// The prompt for `examples` asking for a sentence of `label`, about `attributes` when given
    /// (the instruction then names them, and templates may use `{{drug}}` and `{{effect}}`).
    public func render(examples: [String], label: Label, attributes: PromptAttributes? = nil) -> String {
        var context: [String: Any] = [
            "instruction": attributes.map { Self.instruction(for: label, about: $0) } ?? Self.instruction(for: label),
            "label": label.name,
            "examples": examples.enumerated().map { ["text": $0.element, "number": $0.offset + 1] as [String: Any] },
        ]
        if let attributes {
            context["drug"] = attributes.drug
            if let effect = attributes.effect { context["effect"] = effect }
        }
        var text = template.render(context)
        // The open slot must be the very end of the prompt: a trailing newline would make the
        // model start a new line before the sentence.
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// The conditioned instruction: the same task, about one drug (and effect).
    static func instruction(for label: Label, about attributes: PromptAttributes) -> String {
        switch label {
        case .adverseEvent:
            "Below are sentences from medical case reports. Each describes an adverse drug event: a patient who developed an unwanted effect after taking a drug. Write one new sentence of the same kind, in which a patient develops \(attributes.effect ?? "an adverse effect") after taking \(attributes.drug)."
        case .notAdverseEvent:
            "Below are sentences from medical case reports. They mention patients, drugs or diseases but describe no adverse drug event. Write one new sentence of the same kind that names the drug \(attributes.drug) and describes no adverse effect of it."
        }
    }

    static func instruction(for label: Label) -> String {
        switch label {
        case .adverseEvent:
            "Below are sentences from medical case reports. Each describes an adverse drug event: a patient who developed an unwanted effect after taking a drug. Write one new sentence of the same kind, about a different drug and effect."
        case .notAdverseEvent:
            "Below are sentences from medical case reports. They mention patients, drugs or diseases but describe no adverse drug event. Write one new sentence of the same kind that describes no adverse drug event."
        }
    }
}
