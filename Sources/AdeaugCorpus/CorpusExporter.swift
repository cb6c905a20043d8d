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
        var output = ""
        output.reserveCapacity(examples.count * 200)
        switch format {
        case .jsonl:
            for example in examples {
                output += try JSONText.encode(ExportedExample(example))
                output += "\n"
            }
        case .csv:
            output += "text,label,label_id,pmids,id\n"
            for example in examples {
                output += [
                    csvField(example.text), example.label.name, String(example.label.rawValue),
                    csvField(example.pmids.joined(separator: " ")), String(example.id),
                ].joined(separator: ",")
                output += "\n"
            }
        }
        return output
    }

    /// Writes next to `path` and renames, so an interrupted export never leaves half a file;
    /// the file is readable by its owner only, and sealed (`PATH.enc`) when `files` has a key.
    /// Returns the path written.
    @discardableResult
    public func write(_ examples: [Example], to path: String, files: OutputFiles = OutputFiles(key: nil)) throws -> String {
        try files.write(try render(examples), to: path)
    }

    private func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
