import Foundation

/// Finds the checkpoint folder: `--model DIR`, then `$ADEAUG_MODEL`, then the folder the
/// setup step fills, `${ADEAUG_CACHE:-$HOME/.cache/adeaug}/models/all-MiniLM-L6-v2`.
public enum ModelLocator {
    public static let defaultModelName = "all-MiniLM-L6-v2"

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cache = environment["ADEAUG_CACHE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache/adeaug")
        return cache + "/models/" + defaultModelName
    }

    /// The folder to load, checked to hold a BERT config, weights adeaug reads and a vocabulary:
    /// another architecture or TensorFlow/Flax-only weights are refused by name here, before
    /// a missing vocabulary (RoBERTa has no vocab.txt) could hide them behind "no checkpoint".
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        let given = explicit ?? environment["ADEAUG_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDirectory(environment: environment)
        // adeaug.yaml's paths are not expanded by a shell.
        let path = NSString(string: given).expandingTildeInPath
        let fileManager = FileManager.default
        // A checkpoint written from an encrypted workspace holds NAME.enc files instead.
        func present(_ name: String) -> Bool {
            fileManager.fileExists(atPath: path + "/" + name) || fileManager.fileExists(atPath: path + "/" + name + ".enc")
        }
        let config = path + "/config.json"
        if let data = fileManager.contents(atPath: config) { try ModelArchitecture.check(configData: data, path: config) }
        guard present("config.json"), try CheckpointWeights.find(in: path) != nil, WordPieceVocabulary.path(inModelDirectory: path) != nil
        else { throw BertModelError.modelNotFound(path: path) }
        return path
    }
}
