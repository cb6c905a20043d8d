import AdeaugCore
import Foundation

/// What a corpus path turned out to hold, decided from file names.
enum CorpusLayout: Equatable {
    /// `DRUG-AE.rel` and `ADE-NEG.txt` in one folder.
    case original(positives: String, negatives: String)
    /// Train and test files of an export that was split already.
    case presplit(train: String, test: String, format: CorpusFormat)
    /// One CSV or JSONL file.
    case single(path: String, format: CorpusFormat)

    static let tabularExtensions: [(String, CorpusFormat)] = [
        ("jsonl", .jsonl), ("json", .jsonl), ("ndjson", .jsonl), ("csv", .csv), ("tsv", .csv),
    ]

    static func format(ofFile path: String) -> CorpusFormat? {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return tabularExtensions.first { $0.0 == ext }?.1
    }

    /// True when `folder` holds something `detect` can read (used to search default places).
    static func looksLikeCorpus(folder: String) -> Bool {
        (try? detect(path: folder, format: .auto)) != nil
    }

    static func detect(path: String, format: CorpusFormat) throws -> CorpusLayout {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CorpusError.notFound(path: path)
        }
        guard isDirectory.boolValue else {
            switch format {
            case .auto:
                guard let detected = Self.format(ofFile: path) else {
                    throw CorpusError.unrecognizedLayout(
                        path: path, reason: "cannot tell the format from the extension; pass --format csv|jsonl, or give the folder holding DRUG-AE.rel and ADE-NEG.txt")
                }
                return .single(path: path, format: detected)
            case .ade:
                throw CorpusError.notADirectory(path: path)
            case .csv, .jsonl:
                return .single(path: path, format: format)
            }
        }
        let names = ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let folder = URL(fileURLWithPath: path)
        func full(_ name: String) -> String { folder.appendingPathComponent(name).path }

        let hasPositives = names.contains(ADEOriginalReader.positivesFileName)
        let hasNegatives = names.contains(ADEOriginalReader.negativesFileName)
        if format == .auto || format == .ade, hasPositives || hasNegatives {
            guard hasPositives && hasNegatives else {
                let missing = hasPositives ? ADEOriginalReader.negativesFileName : ADEOriginalReader.positivesFileName
                throw CorpusError.unrecognizedLayout(path: path, reason: "holds one file of the original corpus but not \(missing)")
            }
            return .original(positives: full(ADEOriginalReader.positivesFileName), negatives: full(ADEOriginalReader.negativesFileName))
        }
        if format == .ade {
            throw CorpusError.unrecognizedLayout(path: path, reason: "no DRUG-AE.rel and ADE-NEG.txt here")
        }
        let tabular = names.compactMap { name -> (name: String, format: CorpusFormat)? in
            guard let detected = Self.format(ofFile: name), format == .auto || format == detected else { return nil }
            return (name, detected)
        }
        func split(_ prefix: String) -> (name: String, format: CorpusFormat)? {
            tabular.first { $0.name.lowercased().hasPrefix(prefix + ".") || $0.name.lowercased().hasPrefix(prefix + "-") || $0.name.lowercased().hasPrefix(prefix + "_") }
        }
        if let train = split("train"), let test = split("test") {
            return .presplit(train: full(train.name), test: full(test.name), format: train.format)
        }
        if tabular.count == 1 {
            return .single(path: full(tabular[0].name), format: tabular[0].format)
        }
        throw CorpusError.unrecognizedLayout(
            path: path,
            reason: tabular.isEmpty
                ? "no DRUG-AE.rel/ADE-NEG.txt, train/test files or CSV/JSONL file here"
                : "several CSV/JSONL files and no train/test pair; name the file with --corpus")
    }
}
