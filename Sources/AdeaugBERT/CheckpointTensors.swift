/// The tensors of a checkpoint's weights file, whatever its format (`model.safetensors`,
/// `pytorch_model.bin`, either sharded), by Hugging Face name. Tensor-level problems (missing,
/// misshapen, an unreadable dtype, data past the end) are `SafeTensorsError`s in any format.
protocol CheckpointTensors {
    var path: String { get }
    /// Every tensor name, so the loader can list what it leaves unused.
    var names: [String] { get }
    func contains(_ name: String) -> Bool
    /// The tensor converted to `Float`, checked against `shape` when one is given.
    func floats(_ name: String, shape: [Int]?) throws -> [Float]
    /// The same values written straight into `destination` (a network's parameters), which
    /// must hold exactly the tensor's element count: no copy of a whole tensor in between.
    func copyFloats(_ name: String, shape: [Int]?, into destination: UnsafeMutableBufferPointer<Float>) throws
}

extension CheckpointTensors {
    func copyFloats(_ name: String, shape: [Int]?, into destination: UnsafeMutableBufferPointer<Float>) throws {
        let values = try floats(name, shape: shape)
        precondition(values.count == destination.count, "\(name): \(values.count) values for \(destination.count)")
        _ = destination.update(fromContentsOf: values)
    }
}
