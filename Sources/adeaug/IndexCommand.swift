import AdeaugContamination
import AdeaugCore
import ArgumentParser
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build and query an n-gram index of pretraining text (Falcon RefinedWeb) in SQLite.",
        discussion: """
            Text is tokenised into words (Unicode NFKC, lower case, punctuation folded, digits kept), hashed into 8-word n-grams and thinned by winnowing over windows of 6. Guarantee: any span of 13 words (8 + 6 − 1) shared by a query and an indexed document is found; a sentence of 13+ words that appears verbatim (after that normalisation) in a document is found with fraction 1; a shorter sentence is found when it is a sentence (split at . ! ? and line breaks) of an indexed document.
            """,
        subcommands: [IndexBuildCommand.self, IndexQueryCommand.self, IndexMergeCommand.self])
}
