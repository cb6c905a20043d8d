import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct IndexQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "For each sentence: the fraction of its n-grams in the index, the longest matched span and matching URLs.",
        discussion: """
            Any span of 13 words shared with an indexed document is found; a 13+-word sentence found verbatim (after normalisation) has fraction 1; a shorter sentence is found when it is a sentence of an indexed document. The index's own settings are used; an index from another hashing version is refused.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customLong("db"), .customLong("index")], help: "Index file built by `adeaug index build`.")
    var db: String

    @Option(help: "Sentences to look up (text lines or JSONL with `text`).")
    var file: String?

    @Argument(help: "A sentence to look up.")
    var text: String?

    func validate() throws {
        if (file == nil) == (text == nil) { throw ValidationError("Give either a sentence or --file.") }
    }

    struct Line: Encodable {
        var id: String
        var text: String
        var evidence: PretrainingEvidence
    }

    func run() throws {
        let index = try PretrainingIndex(path: db, readOnly: true)
        let sentences = try file.map { try SentenceFileReader().read(path: $0) }
            ?? [InputSentence(id: "argument", text: text!, source: SourceLocation(file: "argument", line: 1))]
        for sentence in sentences {
            print(try JSONText.encode(Line(id: sentence.id, text: sentence.text, evidence: try index.lookup(sentence.text))))
        }
    }
}
