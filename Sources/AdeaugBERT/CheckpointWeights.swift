import AdeaugCore
import Foundation

/// Which weights file of a Hugging Face folder to read, in `from_pretrained`'s order:
/// `model.safetensors`, sharded safetensors (`model.safetensors.index.json`),
/// `pytorch_model.bin`, sharded `pytorch_model.bin.index.json`. A folder with TensorFlow or
/// Flax weights only is refused with the conversion to run, rather than called empty.
enum CheckpointWeights {
    case safetensors(path: String)
    case shardedSafetensors(index: String)
    case torch(path: String)
    case shardedTorch(index: String)

    static let safetensorsName = "model.safetensors"
    static let safetensorsIndexName = "model.safetensors.index.json"
    static let torchName = "pytorch_model.bin"
    static let torchIndexName = "pytorch_model.bin.index.json"

    /// The weights of `folder`; nil when it has none at all. A sealed file (NAME.enc) counts.
    static func find(in folder: String) throws(BertModelError) -> CheckpointWeights? {
        func present(_ name: String) -> Bool {
            let path = folder + "/" + name
            return FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + ".enc")
        }
        if present(safetensorsName) { return .safetensors(path: folder + "/" + safetensorsName) }
        if present(safetensorsIndexName) { return .shardedSafetensors(index: folder + "/" + safetensorsIndexName) }
        if present(torchName) { return .torch(path: folder + "/" + torchName) }
        if present(torchIndexName) { return .shardedTorch(index: folder + "/" + torchIndexName) }
        for (file, framework) in [("tf_model.h5", "TensorFlow"), ("tf_model.h5.index.json", "TensorFlow"), ("flax_model.msgpack", "Flax"), ("flax_model.msgpack.index.json", "Flax")]
        where present(file) {
            throw .weightsNeedConversion(directory: folder, file: file, framework: framework)
        }
        return nil
    }

    /// Opens the tensors (safetensors memory-mapped; sealed ones decrypted and checked in memory).
    func open(files: OutputFiles) throws -> any CheckpointTensors {
        switch self {
        case .safetensors(let path): try Self.openSafeTensors(path, files: files)
        case .shardedSafetensors(let index): try ShardedCheckpoint(index: index, files: files) { try Self.openSafeTensors($0, files: files) }
        case .torch(let path): try TorchCheckpointFile(path: path)
        case .shardedTorch(let index): try ShardedCheckpoint(index: index, files: files) { try TorchCheckpointFile(path: $0) }
        }
    }

    static func openSafeTensors(_ path: String, files: OutputFiles) throws -> SafeTensorsFile {
        if FileManager.default.fileExists(atPath: path) { return try SafeTensorsFile(path: path) }
        return try SafeTensorsFile(data: try ModelFile.read(path, files: files), path: path + ".enc")
    }
}
