import AdeaugCore

/// The rows of a corpus as read, with what the input said about the split.
public struct LoadedCorpus: Sendable {
    public var rows: [CorpusRow]
    /// The files read, in order.
    public var files: [String]
    /// The format the files were read as (never `.auto`).
    public var format: CorpusFormat
    /// True when the input came as a train/test pair and every row carries its side.
    public var hasGivenSplit: Bool
}

/// Reads a corpus path (folder or file) in any supported layout.
public struct CorpusLoader: Sendable {
    public var columns: ColumnNames

    public init(columns: ColumnNames = ColumnNames()) {
        self.columns = columns
    }

    public func load(path: String, format: CorpusFormat = .auto) throws -> LoadedCorpus {
        let tabular = TabularCorpusReader(columns: columns)
        switch try CorpusLayout.detect(path: path, format: format) {
        case .original(let positives, let negatives):
            let reader = ADEOriginalReader()
            let rows = try reader.readPositives(path: positives) + reader.readNegatives(path: negatives)
            return LoadedCorpus(rows: rows, files: [positives, negatives], format: .ade, hasGivenSplit: false)
        case .presplit(let train, let test, let format):
            let rows = try read(train, format: format, split: .train, with: tabular)
                + read(test, format: format, split: .test, with: tabular)
            return LoadedCorpus(rows: rows, files: [train, test], format: format, hasGivenSplit: true)
        case .single(let file, let format):
            return LoadedCorpus(
                rows: try read(file, format: format, split: nil, with: tabular),
                files: [file], format: format, hasGivenSplit: false)
        }
    }

    private func read(_ path: String, format: CorpusFormat, split: SplitName?, with reader: TabularCorpusReader) throws -> [CorpusRow] {
        format == .jsonl ? try reader.readJSONL(path: path, givenSplit: split) : try reader.readCSV(path: path, givenSplit: split)
    }
}
