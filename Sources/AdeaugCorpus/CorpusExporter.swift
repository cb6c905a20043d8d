import AdeaugCore
import Foundation

/// Formats a split can be exported in.
public enum ExportFormat: String, Sendable, CaseIterable {
    case jsonl
    case csv
}

/// Writes a split as JSONL (`{"text", "label", "label_id", "pmids", "id"}`) or CSV with the
/// same columns; labels are named `Not_AE` / `Adverse_Event`, as the Hugging Face dataset does.
public struct CorpusExporter: Sendable {
    public var format: ExportFormat

    public init(format: ExportFormat) {
        self.format = format
    }

    public func render(_ examples: [Example]) throws -> String {
        switch format {
        case .jsonl:
            return try JSONLinesWriter.render(examples.map(ExportedExample.init))
        case .csv:
            return CSVWriter().render(
                header: ["text", "label", "label_id", "pmids", "id"],
                rows: examples.map {
                    [$0.text, $0.label.name, String($0.label.rawValue), $0.pmids.joined(separator: " "), String($0.id)]
                })
        }
    }

    /// Writes next to `path` and renames, so an interrupted export never leaves half a file;
    /// the file is readable by its owner only, and sealed (`PATH.enc`) when `files` has a key.
    /// Returns the path written.
    @discardableResult
    public func write(_ examples: [Example], to path: String, files: OutputFiles = OutputFiles(key: nil)) throws -> String {
        try files.write(try render(examples), to: path)
    }
}

private struct ExportedExample: Encodable {
    var id: Int64
    var text: String
    var label: String
    var label_id: Int
    var pmids: [String]

    init(_ example: Example) {
        id = example.id
        text = example.text
        label = example.label.name
        label_id = example.label.rawValue
        pmids = example.pmids
    }
}
