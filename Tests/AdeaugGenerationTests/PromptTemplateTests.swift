import AdeaugCore
import AdeaugGenerationFixtures
import AdeaugTestSupport
import Foundation
import Testing

@testable import AdeaugGeneration

@Suite struct PromptTemplateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func shippedFilesMatchTheBuiltInTemplates() throws {
        for name in [PromptTemplate.falconInstructName, PromptTemplate.chatName] {
            let file = try String(contentsOfFile: Self.repository + "/prompts/\(name).mustache", encoding: .utf8)
            #expect(file.trimmingCharacters(in: .newlines) == PromptTemplate.builtIn(name)!.source)
        }
    }

    @Test func falconLayoutHasFiveSentencesSeparatedByHashesAndAnOpenSlot() {
        let template = PromptTemplate.builtIn("falcon-instruct")!
        let prompt = template.render(examples: ["One & <two>.", "b", "c", "d", "e"], label: .adverseEvent)
        #expect(prompt.hasSuffix("\nSentence:"))
        #expect(prompt.components(separatedBy: "Sentence:").count == 7)
        #expect(prompt.components(separatedBy: "\n###\n").count == 6)
        #expect(prompt.contains("Sentence: One & <two>."))  // not HTML-escaped
        #expect(prompt.hasPrefix(PromptTemplate.instruction(for: .adverseEvent)))
        #expect(template.defaultStops == ["###", "\n\n"])
    }

    @Test func userTemplatesByPathAndNameAndTheirIdentityFollowsTheText() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/prompts", withIntermediateDirectories: true)
        try "{{label}}: {{#examples}}[{{{text}}}]{{/examples}}".write(toFile: directory.path + "/prompts/mine.mustache", atomically: true, encoding: .utf8)
        let byName = try PromptTemplate.resolve("mine", searchDirectory: directory.path)
        #expect(byName.render(examples: ["a", "b"], label: .notAdverseEvent) == "Not_AE: [a][b]")
        let byPath = try PromptTemplate.resolve(directory.path + "/prompts/mine.mustache")
        #expect(byPath.identity == byName.identity)
        #expect(byName.identity != PromptTemplate.builtIn("chat")!.identity)
        #expect(throws: GenerationError.self) { try PromptTemplate.resolve("missing", searchDirectory: directory.path) }
    }

    @Test func moreThanFourStopsAndTopPOfOneAreRefused() {
        var parameters = GenerationParameters()
        parameters.stop = ["a", "b", "c", "d", "e"]
        #expect(throws: GenerationError.self) { try parameters.validate() }
        parameters.stop = ["###"]
        parameters.topP = 1
        #expect(throws: GenerationError.self) { try parameters.validate() }
    }
}
