import Foundation
import ZIPFoundation

/// A `pytorch_model.bin` as `torch.save` has written it since PyTorch 1.6: a zip archive whose
/// `<name>/data.pkl` pickles the state dict, each tensor pointing at a storage stored
/// uncompressed as `<name>/data/<key>`.
///
/// The pickle is read by `Unpickler`, which builds tensors from a short list of known torch
/// functions and runs nothing else (`torch.load` without `weights_only` would run any code the
/// file names). Storages are extracted (CRC-checked) when a tensor is asked for.
public struct TorchCheckpointFile: CheckpointTensors {
    /// One tensor of the state dict: a view into a storage.
    struct Tensor: Sendable {
        var dtype: String
        var storageKey: String
        /// In elements, as torch counts them.
        var offset: Int
        var shape: [Int]
        var strides: [Int]
    }

    private struct Storage: Sendable {
        var dtype: String
        var key: String
    }

    public let path: String
    let tensors: [String: Tensor]
    private let archive: Archive
    private let prefix: String

    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TorchCheckpointError.unreadable(path: path)
        }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        try? handle.close()
        guard magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw magic.first == 0x80 ? TorchCheckpointError.legacyFormat(path: path) : TorchCheckpointError.notAnArchive(path: path)
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw TorchCheckpointError.unreadableDirectory(path: path)
        }
        guard let pickleEntry = archive.first(where: { $0.path == "data.pkl" || $0.path.hasSuffix("/data.pkl") }) else {
            throw TorchCheckpointError.noStateDict(path: path, reason: "the archive has no data.pkl")
        }
        prefix = String(pickleEntry.path.dropLast("data.pkl".count))
        if let order = archive[prefix + "byteorder"], try Self.extract(order, from: archive, path: path) != Data("little".utf8) {
            throw TorchCheckpointError.noStateDict(path: path, reason: "it was saved big-endian")
        }
        let pickle = try Self.extract(pickleEntry, from: archive, path: path)
        let root: PickleValue
        do {
            root = try Self.unpickler.load([UInt8](pickle))
        } catch let error as PickleError {
            throw TorchCheckpointError.badPickle(path: path, entry: pickleEntry.path, error: error)
        }
        tensors = try Self.stateDict(root, path: path)
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    public var names: [String] { Array(tensors.keys) }

    public func floats(_ name: String, shape expected: [Int]?) throws -> [Float] {
        guard let tensor = tensors[name] else { throw SafeTensorsError.missingTensor(path: path, tensor: name) }
        if let expected, expected != tensor.shape {
            throw SafeTensorsError.wrongShape(path: path, tensor: name, expected: expected, found: tensor.shape)
        }
        guard let width = SafeTensorsFile.byteWidth(tensor.dtype) else {
            throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: tensor.dtype)
        }
        let entryPath = prefix + "data/" + tensor.storageKey
        guard let entry = archive[entryPath] else {
            throw TorchCheckpointError.missingStorage(path: path, tensor: name, entry: entryPath)
        }
        let storage = try Self.extract(entry, from: archive, path: path)
        let count = tensor.shape.reduce(1, *)
        // The last element the view reaches, so a short storage is caught before any read.
        let span = count == 0 ? 0 : 1 + zip(tensor.shape, tensor.strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
        guard tensor.offset >= 0, (tensor.offset + span) * width <= storage.count else {
            throw SafeTensorsError.truncatedData(path: path, tensor: name, end: (tensor.offset + span) * width, fileSize: storage.count)
        }
        let decoded = storage.withUnsafeBytes { raw in
            SafeTensorsFile.decode(
                UnsafeRawBufferPointer(rebasing: raw[(tensor.offset * width)..<((tensor.offset + span) * width)]),
                dtype: tensor.dtype, count: span)
        }
        guard let decoded else { throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: tensor.dtype) }
        if span == count && tensor.strides == Self.contiguousStrides(tensor.shape) { return decoded }
        return Self.gather(decoded, shape: tensor.shape, strides: tensor.strides)
    }

    // MARK: Reading the pickle

    /// Storage classes of `torch.save` (`torch.FloatStorage`, ...) as safetensors dtype names.
    static let storageTypes: [String: String] = [
        "FloatStorage": "F32", "HalfStorage": "F16", "BFloat16Storage": "BF16", "DoubleStorage": "F64",
        "LongStorage": "I64", "IntStorage": "I32", "ShortStorage": "I16", "CharStorage": "I8", "ByteStorage": "U8",
        "BoolStorage": "BOOL",
    ]

    // The callbacks' errors say offset 0; `Unpickler` puts in the offset of the opcode that called.
    private static var unpickler: Unpickler {
        Unpickler(
            persistentLoad: { id in
                // ('storage', torch.FloatStorage, key, location, numel)
                guard let items = id.tupleItems, items.count >= 5, items[0].string == "storage",
                    case .global(_, let typeName) = items[1], let key = items[2].string, items[4].int != nil
                else { throw PickleError(offset: 0, reason: "a persistent id that is not a torch storage") }
                return .object(Storage(dtype: storageTypes[typeName] ?? typeName, key: key))
            },
            reduce: { callable, arguments in
                guard case .global(let module, let name) = callable else { return .object(callable) }
                switch (module, name) {
                case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"):
                    // (storage, storage_offset, size, stride, ...)
                    guard arguments.count >= 4, case .object(let object) = arguments[0], let storage = object as? Storage,
                        let offset = arguments[1].int, let shape = arguments[2].tupleItems?.compactMap(\.int),
                        let strides = arguments[3].tupleItems?.compactMap(\.int), shape.count == strides.count
                    else { throw PickleError(offset: 0, reason: "\(name) with unexpected arguments") }
                    return .object(Tensor(dtype: storage.dtype, storageKey: storage.key, offset: offset, shape: shape, strides: strides))
                case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"):
                    return arguments.first ?? .none
                case ("collections", "OrderedDict"):
                    return .dict(PickleDictionary())
                default:
                    return .object("\(module).\(name)")
                }
            })
    }

    /// The name → tensor map at the pickle's root (a plain or ordered dict of tensors).
    private static func stateDict(_ root: PickleValue, path: String) throws -> [String: Tensor] {
        guard case .dict(let dictionary) = root else {
            throw TorchCheckpointError.noStateDict(path: path, reason: "the pickle's root is not a dict")
        }
        var tensors: [String: Tensor] = [:]
        for (key, value) in dictionary.entries {
            guard let name = key.string, case .object(let object) = value, let tensor = object as? Tensor else { continue }
            tensors[name] = tensor
        }
        guard !tensors.isEmpty else { throw TorchCheckpointError.noStateDict(path: path, reason: "its dict holds no tensors") }
        return tensors
    }

    private static func extract(_ entry: Entry, from archive: Archive, path: String) throws -> Data {
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry) { data.append($0) }
        } catch {
            throw TorchCheckpointError.damagedEntry(path: path, entry: entry.path, reason: "\(error)")
        }
        // ZIPFoundation computes the CRC-32 of what it read; comparing it is the caller's job.
        guard checksum == entry.checksum else {
            throw TorchCheckpointError.damagedEntry(path: path, entry: entry.path, reason: "its CRC-32 does not match")
        }
        return data
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
        return strides
    }

    /// A strided view copied out in row-major order.
    static func gather(_ source: [Float], shape: [Int], strides: [Int]) -> [Float] {
        let count = shape.reduce(1, *)
        var result = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for i in 0..<count {
            result[i] = source[zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

/// A `pytorch_model.bin` that cannot be read; each case names the file and what is wrong.
public enum TorchCheckpointError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String)
    case legacyFormat(path: String)
    case notAnArchive(path: String)
    case unreadableDirectory(path: String)
    case noStateDict(path: String, reason: String)
    case badPickle(path: String, entry: String, error: PickleError)
    case missingStorage(path: String, tensor: String, entry: String)
    case damagedEntry(path: String, entry: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "Cannot read \(path)."
        case .legacyFormat(let path):
            "\(path) is in the legacy torch.save format of PyTorch before 1.6, which adeaug does not read: load and save it again with a current PyTorch, or convert it to model.safetensors."
        case .notAnArchive(let path): "\(path) is not a PyTorch checkpoint (torch.save writes a zip archive)."
        case .unreadableDirectory(let path):
            "\(path) begins as a zip archive but its directory at the end cannot be read: the file is truncated or damaged."
        case .noStateDict(let path, let reason): "\(path) holds no state dict: \(reason)."
        case .badPickle(let path, let entry, let error): "\(path): \(entry) is not a readable pickle: \(error)."
        case .missingStorage(let path, let tensor, let entry): "\(path): tensor \(tensor) points at \(entry), which the archive lacks."
        case .damagedEntry(let path, let entry, let reason): "\(path): \(entry) is damaged (\(reason))."
        }
    }
}
