import AdeaugCore
import Foundation

/// Hugging Face model folders in and out: `config.json`, `vocab.txt` and the weights
/// (`model.safetensors`; in: also sharded safetensors and `pytorch_model.bin`, as older
/// checkpoints such as BioBERT come), with tensor names with or without the `bert.` prefix
/// (sentence-transformers checkpoints have none; `BertFor*` saves have it).
public enum BertCheckpoint {
    /// Loads a checkpoint as `BertForSequenceClassification`; see `loadReporting`.
    public static func load(directory: String, numLabels: Int = 2, seed: UInt64 = 42, files: OutputFiles = OutputFiles(key: nil)) throws -> BertNetwork {
        try loadReporting(directory: directory, numLabels: numLabels, seed: seed, files: files).network
    }

    /// Loads a checkpoint as `from_pretrained` would into `BertForSequenceClassification`: a
    /// missing pooler or classifier (a base, masked-LM or pre-training checkpoint) is
    /// initialised from `seed`, other heads' tensors are ignored, and both are listed in the
    /// report. Any other missing or misshapen tensor is an error.
    /// A folder written from an encrypted workspace (NAME.enc files) needs `files` with its key.
    /// `wordEmbeddingsOnDemand`: for a model that will only predict through `BertPredictor`
    /// (`adeaug serve`), word-embedding rows are copied from the mapped file when first used
    /// (`WordEmbeddingsOnDemand`); the network must then not be trained or exported.
    public static func loadReporting(
        directory: String, numLabels: Int = 2, seed: UInt64 = 42, files: OutputFiles = OutputFiles(key: nil),
        wordEmbeddingsOnDemand: Bool = false
    ) throws -> LoadedCheckpoint {
        let config = try BertConfig.load(path: directory + "/config.json", files: files)
        guard let weights = try CheckpointWeights.find(in: directory) else {
            throw BertModelError.modelNotFound(path: directory)
        }
        let file = try weights.open(files: files)
        let network = BertNetwork(config: config, numLabels: numLabels, dropoutSeed: seed)
        var used: Set<String> = []
        var missing: [String] = []
        for tensor in network.layout.tensors {
            guard let name = sourceNames(of: tensor.name).first(where: { file.contains($0) }) else {
                missing.append(tensor.name)
                continue
            }
            if wordEmbeddingsOnDemand, tensor.offset == network.layout.wordEmbeddings,
                let onDemand = WordEmbeddingsOnDemand(file: file, tensor: name, shape: tensor.shape)
            {
                network.wordEmbeddingsOnDemand = onDemand
                used.insert(name)
                continue
            }
            try file.copyFloats(name, shape: tensor.shape, into: UnsafeMutableBufferPointer(start: network.parameters[tensor.offset], count: tensor.count))
            used.insert(name)
        }
        let pooler = missing.filter { $0.hasPrefix("bert.pooler.") }
        let classifier = missing.filter { $0.hasPrefix("classifier.") }
        if let other = missing.first(where: { !pooler.contains($0) && !classifier.contains($0) }) {
            throw SafeTensorsError.missingTensor(path: file.path, tensor: other)
        }
        // Both halves of a head or neither: half a pooler is a damaged file, not a base model.
        if pooler.count == 1 { throw SafeTensorsError.missingTensor(path: file.path, tensor: pooler[0]) }
        if classifier.count == 1 { throw SafeTensorsError.missingTensor(path: file.path, tensor: classifier[0]) }
        if !pooler.isEmpty { network.initializePooler(seed: seed) }
        if !classifier.isEmpty { network.initializeClassifier(seed: seed) }
        let ignored = file.names.filter { !used.contains($0) && !isBuffer($0) }.sorted()
        let report = CheckpointLoadReport(directory: directory, weightsFile: file.path, initialized: pooler + classifier, ignored: ignored)
        return LoadedCheckpoint(network: network, report: report)
    }

    /// The names a model tensor may have in a file: with and without `bert.`, and with the
    /// `gamma`/`beta` LayerNorm names of checkpoints converted from TensorFlow (which
    /// `from_pretrained` renames too).
    static func sourceNames(of name: String) -> [String] {
        let bare = name.hasPrefix("bert.") ? String(name.dropFirst(5)) : name
        var names = [name, bare]
        if name.contains("LayerNorm.") {
            let legacy = name.hasSuffix(".weight") ? String(name.dropLast(6)) + "gamma" : String(name.dropLast(4)) + "beta"
            let legacyBare = legacy.hasPrefix("bert.") ? String(legacy.dropFirst(5)) : legacy
            names += [legacy, legacyBare]
        }
        return names
    }

    /// Non-parameter buffers some checkpoints carry (`position_ids`), which `from_pretrained`
    /// drops without a word.
    static func isBuffer(_ name: String) -> Bool {
        name.hasSuffix("embeddings.position_ids") || name.hasSuffix("embeddings.token_type_ids")
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
            "initializer_range": Double(config.initializerRange),
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
