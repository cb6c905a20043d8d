import AdeaugCore
import Foundation

/// A checkpoint saved in shards (`save_pretrained` splits large models): `*.index.json`'s
/// `weight_map` says which shard file holds each tensor. Every shard is opened up front
/// (safetensors are memory-mapped, so this reads headers only) and checked to hold the
/// tensors the index gives it, so a stale index fails at load, naming the tensor.
struct ShardedCheckpoint: CheckpointTensors {
    let path: String
    private let shardOfTensor: [String: String]
    private let shards: [String: any CheckpointTensors]

    init(index: String, files: OutputFiles, openShard: (String) throws -> any CheckpointTensors) throws {
        path = index
        let data = try ModelFile.read(index, files: files)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let weightMap = object["weight_map"] as? [String: String]
        else { throw BertModelError.badShardIndex(path: index, reason: "it is not a JSON object with a weight_map of tensor names to shard files") }
        let folder = (index as NSString).deletingLastPathComponent
        var shards: [String: any CheckpointTensors] = [:]
        for shard in Set(weightMap.values).sorted() {
            // A shard named outside the folder would let an index read any file.
            guard !shard.contains("/"), !shard.isEmpty, shard != "..", shard != "." else {
                throw BertModelError.badShardIndex(path: index, reason: "shard \(shard) is not a file name in the folder")
            }
            let shardPath = folder + "/" + shard
            guard FileManager.default.fileExists(atPath: shardPath) || FileManager.default.fileExists(atPath: shardPath + ".enc") else {
                throw BertModelError.badShardIndex(path: index, reason: "shard \(shard) is missing")
            }
            shards[shard] = try openShard(shardPath)
        }
        for (name, shard) in weightMap.sorted(by: { $0.key < $1.key }) where shards[shard]?.contains(name) != true {
            throw BertModelError.badShardIndex(path: index, reason: "\(name) is mapped to \(shard), which lacks it")
        }
        shardOfTensor = weightMap
        self.shards = shards
    }

    var names: [String] { Array(shardOfTensor.keys) }

    func contains(_ name: String) -> Bool { shardOfTensor[name] != nil }

    func floats(_ name: String, shape: [Int]?) throws -> [Float] {
        guard let shard = shardOfTensor[name].flatMap({ shards[$0] }) else { throw SafeTensorsError.missingTensor(path: path, tensor: name) }
        return try shard.floats(name, shape: shape)
    }
}
