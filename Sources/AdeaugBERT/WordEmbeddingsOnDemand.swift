/// The word-embedding table of a model that only predicts, filled row by row from the
/// memory-mapped checkpoint the first time a sentence uses a word, instead of whole at load.
///
/// Why: a served model meets a small part of its vocabulary, and the table is half of
/// MiniLM's weights (30,522 × 384 floats, 45 MiB); rows never used are never copied, so their
/// pages (the parameter buffer is `calloc`'d) never become resident. Values are the ones a
/// whole load copies, so scores do not change.
///
/// Not thread-safe: `BertPredictor` fills the rows of a batch on its calling thread before the
/// data-parallel forward pass reads them.
final class WordEmbeddingsOnDemand {
    private let file: SafeTensorsFile
    private let tensor: String
    private let width: Int
    private var copied: [Bool]

    /// Nil unless `tensor` is a plain memory-mapped safetensors tensor of `shape` in a dtype
    /// adeaug reads: anything else (sealed, sharded, `pytorch_model.bin`) is loaded whole.
    init?(file: any CheckpointTensors, tensor: String, shape: [Int]) {
        guard let file = file as? SafeTensorsFile, file.isFileMapping, shape.count == 2,
            let info = file.tensors[tensor], info.shape == shape, SafeTensorsFile.reads(info.dtype)
        else { return nil }
        self.file = file
        self.tensor = tensor
        width = shape[1]
        copied = [Bool](repeating: false, count: shape[0])
    }

    /// Copies into `table` (the parameters' word embeddings) the rows `sequences` use that are
    /// not there yet.
    func fill(_ sequences: [[Int32]], into table: UnsafeMutablePointer<Float>) {
        var missing: [Int] = []
        for sequence in sequences {
            for id in sequence {
                let row = Int(id)
                guard row >= 0, row < copied.count, !copied[row] else { continue }
                copied[row] = true
                missing.append(row)
            }
        }
        guard !missing.isEmpty else { return }
        // The dtype and shape were checked at load, so the copy cannot fail short of a file
        // changed under the mapping.
        precondition(file.copyRows(tensor, missing, width: width, into: table), "\(file.path): \(tensor) could not be read")
    }
}
