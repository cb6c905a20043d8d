import AdeaugCore
import Foundation

extension WordPieceVocabulary {
    /// The files a folder's vocabulary is read from, in order: transformers 5 saves only
    /// `tokenizer.json`, older versions `vocab.txt` (with or without `tokenizer.json`).
    public static let fileNames = ["vocab.txt", "tokenizer.json"]

    /// The vocabulary of a model folder: `vocab.txt` when present (also sealed, `.enc`), else
    /// the WordPiece model of `tokenizer.json`. Nil when the folder has neither.
    public static func path(inModelDirectory directory: String) -> String? {
        let fileManager = FileManager.default
        for name in fileNames {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            if fileManager.fileExists(atPath: path) || fileManager.fileExists(atPath: path + ".enc") { return path }
        }
        return nil
    }

    /// Reads `vocab.txt`, or the `model.vocab` map (token → id) of a `tokenizer.json` whose model
    /// is WordPiece, as the tokenizers library writes it. The ids must run from 0 without gaps,
    /// as a vocab.txt's line numbers do.
    public init(modelFile path: String, files: OutputFiles = OutputFiles(key: nil)) throws {
        guard path.hasSuffix(".json") else {
            try self.init(path: path, files: files)
            return
        }
        let data = try ModelFile.read(path, files: files)
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let model = root["model"] as? [String: Any]
        else { throw BertModelError.badVocabulary(path: path, reason: "it is not a tokenizer.json with a `model` object") }
        guard (model["type"] as? String) == "WordPiece" else {
            throw BertModelError.badVocabulary(path: path, reason: "its model is \(model["type"] as? String ?? "of no type"), not WordPiece (BERT's tokenizer)")
        }
        guard let vocab = model["vocab"] as? [String: Any], !vocab.isEmpty else {
            throw BertModelError.badVocabulary(path: path, reason: "its model.vocab is missing or empty")
        }
        var tokens = [String?](repeating: nil, count: vocab.count)
        for (token, value) in vocab {
            guard let id = (value as? NSNumber)?.intValue, tokens.indices.contains(id), tokens[id] == nil else {
                throw BertModelError.badVocabulary(path: path, reason: "model.vocab gives \(token) the id \(value), outside 0..<\(vocab.count) or taken twice")
            }
            tokens[id] = token
        }
        self.init(tokens: tokens.map { $0! })
    }
}
