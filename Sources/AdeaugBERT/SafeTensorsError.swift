/// What can be wrong with a safetensors file or with the tensors a model expects from it.
/// Every case names the file and the tensor or byte offset so the user can find the damage.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case truncatedHeader(path: String, fileSize: Int)
    case badHeader(path: String, reason: String)
    case truncatedData(path: String, tensor: String, end: Int, fileSize: Int)
    case unsupportedDType(path: String, tensor: String, dtype: String)
    case missingTensor(path: String, tensor: String)
    case wrongShape(path: String, tensor: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "Cannot read \(path): \(reason)."
        case .truncatedHeader(let path, let fileSize):
            "\(path) is not a safetensors file: \(fileSize) bytes, too short for its 8-byte header length and the header it announces."
        case .badHeader(let path, let reason):
            "\(path) has a malformed safetensors header: \(reason)."
        case .truncatedData(let path, let tensor, let end, let fileSize):
            "\(path) is truncated: tensor \(tensor) ends at byte \(end) but the file has \(fileSize) bytes."
        case .unsupportedDType(let path, let tensor, let dtype):
            "\(path): tensor \(tensor) has dtype \(dtype), which adeaug cannot read (F32, F16, BF16, F64, I64, I32 are supported)."
        case .missingTensor(let path, let tensor):
            "\(path) has no tensor named \(tensor)."
        case .wrongShape(let path, let tensor, let expected, let found):
            "\(path): tensor \(tensor) has shape \(found), expected \(expected)."
        }
    }
}
