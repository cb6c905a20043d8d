import AdeaugCore

/// Reads the corpus as its authors distribute it.
///
/// - `DRUG-AE.rel`: `PMID|sentence|effect|begin|end|drug|begin|end`, one line per
///   drug–effect pair (so sentences repeat); every line is a positive.
/// - `ADE-NEG.txt`: `PMID NEG sentence`; every line is a negative.
struct ADEOriginalReader {
    static let positivesFileName = "DRUG-AE.rel"
    static let negativesFileName = "ADE-NEG.txt"

    func readPositives(path: String) throws -> [CorpusRow] {
        let reader = PlainLinesReader(maximumLineBytes: CorpusFile.maximumLineBytes)
        var rows: [CorpusRow] = []
        for line in try CorpusFile.reading({ try reader.lines(atPath: path) }) {
            let location = SourceLocation(file: path, line: line.number)
            let fields = Self.fields(of: line.text, separator: "|")
            guard fields.count >= 2 else {
                throw CorpusError.malformedRow(
                    location, reason: "expected pipe-delimited fields `PMID|sentence|effect|begin|end|drug|begin|end`, found \(fields.count) field(s)")
            }
            let pmid = String(fields[0])
            guard isPubMedID(pmid) else {
                throw CorpusError.malformedRow(location, reason: "the first field should be a PubMed ID, found \"\(pmid.prefix(30))\"")
            }
            let text = String(fields[1])
            guard !text.allSatisfy(\.isWhitespace) else {
                throw CorpusError.malformedRow(location, reason: "the sentence (field 2) is empty")
            }
            rows.append(CorpusRow(
                text: text, label: .adverseEvent, pmid: pmid, source: location,
                drug: fields.count > 5 ? fields[5] : nil, effect: fields.count > 2 ? fields[2] : nil))
        }
        guard !rows.isEmpty else { throw CorpusError.empty(path: path) }
        return rows
    }

    func readNegatives(path: String) throws -> [CorpusRow] {
        let reader = PlainLinesReader(maximumLineBytes: CorpusFile.maximumLineBytes)
        var rows: [CorpusRow] = []
        for line in try CorpusFile.reading({ try reader.lines(atPath: path) }) {
            let location = SourceLocation(file: path, line: line.number)
            let fields = Self.fields(of: line.text, separator: " ", maxSplits: 2)
            guard fields.count == 3, fields[1] == "NEG", isPubMedID(String(fields[0])) else {
                throw CorpusError.malformedRow(location, reason: "expected `PMID NEG sentence`")
            }
            let text = String(fields[2])
            guard !text.allSatisfy(\.isWhitespace) else {
                throw CorpusError.malformedRow(location, reason: "the sentence is empty")
            }
            rows.append(CorpusRow(text: text, label: .notAdverseEvent, pmid: String(fields[0]), source: location))
        }
        guard !rows.isEmpty else { throw CorpusError.empty(path: path) }
        return rows
    }

    /// Splits on an ASCII separator over UTF-8 rather than Characters: grapheme-aware
    /// `split` made reading DRUG-AE.rel the slowest step of an ingest.
    static func fields(of line: String, separator: Unicode.Scalar, maxSplits: Int = .max) -> [String] {
        line.utf8.split(separator: UInt8(separator.value), maxSplits: maxSplits, omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
    }

    private func isPubMedID(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
