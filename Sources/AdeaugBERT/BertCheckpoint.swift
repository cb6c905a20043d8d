import AdeaugCore
import Foundation

/// Hugging Face model folders in and out: `config.json`, `vocab.txt` and `model.safetensors`
/// (in: or `pytorch_model.bin`, as older checkpoints such as BioBERT come), with tensor names
/// with or without the `bert.` prefix (sentence-transformers checkpoints have none;
/// `BertForSequenceClassification` exports have it).
public enum BertCheckpoint {
    /// Loads a checkpoint. A missing classifier (a base model) gets Hugging Face's fresh-head
    /// initialisation from `seed`; any other missing or misshapen tensor is an error.
    /// A folder written from an encrypted workspace (NAME.enc files) needs `files` with its key.
    public static func load(directory: String, numLabels: Int = 2, seed: UInt64 = 42, files: OutputFiles = OutputFiles(key: nil)) throws -> BertNetwork {
        let folder = URL(fileURLWithPath: directory)
        let config = try BertConfig.load(path: folder.appendingPathComponent("config.json").path, files: files)
        let file = try weights(in: folder, files: files)
        let network = BertNetwork(config: config, numLabels: numLabels, dropoutSeed: seed)
        var missingHead = false
        for tensor in network.layout.tensors {
            let bare = tensor.name.hasPrefix("bert.") ? String(tensor.name.dropFirst(5)) : tensor.name
            guard let name = [tensor.name, bare].first(where: { file.contains($0) }) else {
                if tensor.name.hasPrefix("classifier.") {
                    missingHead = true
                    continue
                }
                throw SafeTensorsError.missingTensor(path: file.path, tensor: tensor.name)
            }
            network.setParameter(tensor.name, try file.floats(name, shape: tensor.shape))
        }
        if missingHead { network.initializeClassifier(seed: seed) }
        return network
    }

    /// `model.safetensors` (memory-mapped; sealed, it is decrypted and checked in memory), else
    /// `pytorch_model.bin`.
    static func weights(in folder: URL, files: OutputFiles) throws -> any CheckpointTensors {
        let safetensors = folder.appendingPathComponent("model.safetensors").path
        let torch = folder.appendingPathComponent("pytorch_model.bin").path
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: safetensors) { return try SafeTensorsFile(path: safetensors) }
        if !fileManager.fileExists(atPath: safetensors + ".enc") && fileManager.fileExists(atPath: torch) {
            return try TorchCheckpointFile(path: torch)
        }
        return try SafeTensorsFile(data: try ModelFile.read(safetensors, files: files), path: safetensors + ".enc")
    }

    /// Writes `network` as a `BertForSequenceClassification` folder at `directory`, copying the
    /// tokenizer files from `tokenizerSource`. Everything is written into a temporary sibling
    /// folder that is renamed into place last, so a killed process never leaves half a
    /// checkpoint; files are 0600 and the folder 0700, and each is sealed (NAME.enc) when
    /// `files` has a key.
    public static func export(
        _ network: BertNetwork, tokenizerSource: String, to directory: String, labelNames: [String],
        extraFiles: [String: Data] = [:], files: OutputFiles = OutputFiles(key: nil)
    ) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: temporary)
        try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        do {
            func write(_ data: Data, _ name: String) throws {
                let path = files.diskPath(temporary.appendingPathComponent(name).path)
                guard fileManager.createFile(atPath: path, contents: files.diskBytes(data), attributes: [.posixPermissions: 0o600]) else {
                    throw BertModelError.missingFile(path: path)
                }
            }
            try write(try configJSON(network.config, labelNames: labelNames), "config.json")
            var writer = SafeTensorsWriter()
            let p = network.parameters.pointer
            for tensor in network.layout.tensors {
                writer.add(tensor.name, shape: tensor.shape, values: UnsafeBufferPointer(start: p + tensor.offset, count: tensor.count))
            }
            try write(writer.data(), "model.safetensors")
            for name in ["vocab.txt", "tokenizer_config.json", "tokenizer.json", "special_tokens_map.json"] {
                let source = URL(fileURLWithPath: tokenizerSource).appendingPathComponent(name)
                if let data = try? files.read(source.path) { try write(data, name) }
            }
            for (name, data) in extraFiles.sorted(by: { $0.key < $1.key }) { try write(data, name) }
            if fileManager.fileExists(atPath: target.path) {
                // Replace an older export: move it aside, move the new one in, then delete the old.
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
                try? fileManager.removeItem(at: old)
                try fileManager.moveItem(at: target, to: old)
                try fileManager.moveItem(at: temporary, to: target)
                try? fileManager.removeItem(at: old)
            } else {
                try fileManager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw error
        }
    }

    static func configJSON(_ config: BertConfig, labelNames: [String]) throws -> Data {
        var id2label: [String: String] = [:]
        var label2id: [String: Int] = [:]
        for (index, name) in labelNames.enumerated() {
            id2label[String(index)] = name
            label2id[name] = index
        }
        let object: [String: Any] = [
            "architectures": ["BertForSequenceClassification"],
            "model_type": "bert",
            "vocab_size": config.vocabSize,
            "hidden_size": config.hiddenSize,
            "num_hidden_layers": config.numHiddenLayers,
            "num_attention_heads": config.numAttentionHeads,
            "intermediate_size": config.intermediateSize,
            "hidden_act": config.hiddenAct,
            "hidden_dropout_prob": Double(config.hiddenDropoutProb),
            "attention_probs_dropout_prob": Double(config.attentionProbsDropoutProb),
            "max_position_embeddings": config.maxPositionEmbeddings,
            "type_vocab_size": config.typeVocabSize,
            "initializer_range": 0.02,
            "layer_norm_eps": Double(config.layerNormEps),
            "pad_token_id": 0,
            "position_embedding_type": "absolute",
            "problem_type": "single_label_classification",
            "id2label": id2label,
            "label2id": label2id,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
