import AdeaugCore
import Foundation

/// Which columns (CSV) or keys (JSONL) hold the sentence, the label and, optionally, the
/// PubMed ID. Nil means: find it among the usual names.
public struct ColumnNames: Sendable, Equatable {
    public var text: String?
    public var label: String?
    public var pmid: String?

    public init(text: String? = nil, label: String? = nil, pmid: String? = nil) {
        self.text = text
        self.label = label
        self.pmid = pmid
    }

    static let textCandidates = ["text", "sentence", "sentences", "content"]
    static let labelCandidates = ["label", "labels", "class", "target"]
    static let pmidCandidates = ["pmid", "pubmed_id", "pubmedid", "pubmed-id"]
}

/// Reads exports with a header (CSV, TSV) or keyed objects (JSONL), such as the Hugging Face
/// `ade_corpus_v2` classification config (`text`, `label` as 0/1 or names).
struct TabularCorpusReader {
    var columns: ColumnNames

    func readCSV(path: String, givenSplit: SplitName? = nil) throws -> [CorpusRow] {
        let reader = CSVReader(delimiter: .forPath(path), maximumLineBytes: CorpusFile.maximumLineBytes)
        let records = try CorpusFile.reading { try reader.records(atPath: path) }
        guard let header = records.first else { throw CorpusError.empty(path: path) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let headerLocation = SourceLocation(file: path, line: header.line)
        let textIndex = try column("text", named: columns.text, candidates: ColumnNames.textCandidates, in: names, at: headerLocation)
        let labelIndex = try column("label", named: columns.label, candidates: ColumnNames.labelCandidates, in: names, at: headerLocation)
        let pmidIndex = try optionalColumn(named: columns.pmid, candidates: ColumnNames.pmidCandidates, in: names, at: headerLocation)
        var rows: [CorpusRow] = []
        for record in records.dropFirst() {
            let location = SourceLocation(file: path, line: record.line)
            guard record.fields.count == names.count else {
                throw CorpusError.malformedRow(
                    location, reason: "found \(record.fields.count) field(s), the header has \(names.count)")
            }
            rows.append(try makeRow(
                text: record.fields[textIndex], label: record.fields[labelIndex],
                pmid: pmidIndex.map { record.fields[$0] }, location: location, givenSplit: givenSplit))
        }
        guard !rows.isEmpty else { throw CorpusError.malformedRow(headerLocation, reason: "a header but no rows") }
        return rows
    }

    func readJSONL(path: String, givenSplit: SplitName? = nil) throws -> [CorpusRow] {
        let reader = JSONLinesReader(maximumLineBytes: CorpusFile.maximumLineBytes)
        var rows: [CorpusRow] = []
        for record in try CorpusFile.reading({ try reader.values(atPath: path) }) {
            let location = record.location
            guard case .object(let object) = record.value else {
                throw CorpusError.malformedRow(location, reason: "not a JSON object of strings, numbers and booleans")
            }
            let keys = object.keys.sorted()
            let textKey = try column("text", named: columns.text, candidates: ColumnNames.textCandidates, in: keys, at: location)
            let labelKey = try column("label", named: columns.label, candidates: ColumnNames.labelCandidates, in: keys, at: location)
            let pmidKey = try optionalColumn(named: columns.pmid, candidates: ColumnNames.pmidCandidates, in: keys, at: location)
            guard case .string(let text) = object[keys[textKey]] else {
                throw CorpusError.malformedRow(location, reason: "\"\(keys[textKey])\" is not a string")
            }
            rows.append(try makeRow(
                text: text, label: object[keys[labelKey]]?.scalarText ?? "",
                pmid: pmidKey.flatMap { object[keys[$0]]?.scalarText }, location: location, givenSplit: givenSplit))
        }
        guard !rows.isEmpty else { throw CorpusError.empty(path: path) }
        return rows
    }

    private func makeRow(text: String, label rawLabel: String, pmid: String?, location: SourceLocation, givenSplit: SplitName?) throws -> CorpusRow {
        guard let label = Label(parsing: rawLabel) else {
            throw CorpusError.unknownLabel(location, value: rawLabel)
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw CorpusError.malformedRow(location, reason: "the text is empty")
        }
        let trimmedPMID = pmid?.trimmingCharacters(in: .whitespaces)
        return CorpusRow(
            text: text, label: label, pmid: trimmedPMID?.isEmpty == false ? trimmedPMID : nil,
            source: location, givenSplit: givenSplit)
    }

    private func column(_ role: String, named name: String?, candidates: [String], in names: [String], at location: SourceLocation) throws -> Int {
        if let name {
            guard let index = names.map({ $0.lowercased() }).firstIndex(of: name.lowercased()) else {
                throw CorpusError.missingColumn(location, role: role, name: name, found: names)
            }
            return index
        }
        if let index = try optionalColumn(named: nil, candidates: candidates, in: names, at: location) { return index }
        throw CorpusError.missingColumn(location, role: role, name: nil, found: names)
    }

    private func optionalColumn(named name: String?, candidates: [String], in names: [String], at location: SourceLocation) throws -> Int? {
        let lowered = names.map { $0.lowercased() }
        if let name {
            guard let index = lowered.firstIndex(of: name.lowercased()) else {
                throw CorpusError.missingColumn(location, role: "pmid", name: name, found: names)
            }
            return index
        }
        return candidates.lazy.compactMap { lowered.firstIndex(of: $0) }.first
    }
}
