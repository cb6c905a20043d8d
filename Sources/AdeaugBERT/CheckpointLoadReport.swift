/// What loading a checkpoint into `BertForSequenceClassification` did beyond copying tensors,
/// as `from_pretrained` reports it: heads the checkpoint lacked (initialised fresh) and
/// tensors it had that the model does not use (masked-LM and pre-training heads).
public struct CheckpointLoadReport: Sendable, Equatable {
    public var directory: String
    /// The weights file read (`model.safetensors`, an index of shards, `pytorch_model.bin`).
    public var weightsFile: String
    /// Newly initialised: normal(0, initializer_range) weights, zero biases.
    public var initialized: [String]
    /// In the checkpoint, not in the model; left unread.
    public var ignored: [String]

    /// One notice for the user, nil when the checkpoint matched the model exactly.
    public var notice: String? {
        var parts: [String] = []
        if !initialized.isEmpty {
            parts.append("newly initialised, normal(0, initializer_range) weights and zero biases (not in the checkpoint): \(initialized.joined(separator: ", "))")
        }
        if !ignored.isEmpty {
            parts.append("ignored (checkpoint tensors BertForSequenceClassification does not use): \(ignored.joined(separator: ", "))")
        }
        return parts.isEmpty ? nil : "Loading \(directory): " + parts.joined(separator: "; ") + "."
    }
}

/// A network with the report of how its checkpoint was loaded.
public struct LoadedCheckpoint {
    public var network: BertNetwork
    public var report: CheckpointLoadReport
}
