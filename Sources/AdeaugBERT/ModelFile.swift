import AdeaugCore
import Foundation

/// Reads one file of a model folder, plain or sealed (`NAME.enc`, from an encrypted workspace).
/// A missing file is the model's error; a wrong key or an altered sealed file keeps its own.
enum ModelFile {
    static func read(_ path: String, files: OutputFiles) throws -> Data {
        do {
            return try files.read(path)
        } catch OutputFilesError.unreadable {
            throw BertModelError.missingFile(path: path)
        }
    }
}
