import AdeaugCore
import Foundation

/// A checkpoint saved in shards (`save_pretrained` splits large models): `*.index.json`'s
/// `weight_map` says which shard file holds each tensor. Shards are opened when first asked
/// for, each once.
final class ShardedCheckpoint: CheckpointTensors {
    let path: String
    private let shardOfTensor: [String: String]
    private let openShard: (String) throws -> any CheckpointTensors
    private var openShards: [String: any CheckpointTensors] = [:]

    init(index: String, files: OutputFiles, openShard: @escaping (String) throws -> any CheckpointTensors) throws {
        path = index
        let data = try ModelFile.read(index, files: files)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let weightMap = object["weight_map"] as? [String: String]
        else { throw BertModelError.badShardIndex(path: index, reason: "it is not a JSON object with a weight_map of tensor names to shard files") }
        let folder = (index as NSString).deletingLastPathComponent
        for shard in Set(weightMap.values) {
            // A shard named outside the folder would let an index read any file.
            guard !shard.contains("/"), !shard.isEmpty else {
                throw BertModelError.badShardIndex(path: index, reason: "shard \(shard) is not a file name in the folder")
            }
            let shardPath = folder + "/" + shard
            guard FileManager.default.fileExists(atPath: shardPath) || FileManager.default.fileExists(atPath: shardPath + ".enc") else {
                throw BertModelError.badShardIndex(path: index, reason: "shard \(shard) is missing")
            }
        }
        shardOfTensor = weightMap.mapValues { folder + "/" + $0 }
        self.openShard = openShard
    }

    var names: [String] { Array(shardOfTensor.keys) }

    func contains(_ name: String) -> Bool { shardOfTensor[name] != nil }

    func floats(_ name: String, shape: [Int]?) throws -> [Float] {
        guard let shardPath = shardOfTensor[name] else { throw SafeTensorsError.missingTensor(path: path, tensor: name) }
        let shard: any CheckpointTensors
        if let open = openShards[shardPath] {
            shard = open
        } else {
            shard = try openShard(shardPath)
            openShards[shardPath] = shard
        }
        guard shard.contains(name) else {
            throw BertModelError.badShardIndex(path: path, reason: "\(name) is mapped to \((shardPath as NSString).lastPathComponent), which lacks it")
        }
        return try shard.floats(name, shape: shape)
    }
}
