import Foundation

/// The format of every file adeaug writes from an encrypted workspace (`*.enc`): a header,
/// then the content in 64 KiB chunks, each sealed with AES-256-GCM.
///
///     header: "ADEAUGENC" · version 1 · chunk size (UInt32 BE) · key fingerprint (8 bytes) · nonce prefix (7 random bytes)
///     chunk i: ciphertext · 16-byte tag, nonce = prefix · i (UInt32 BE) · final flag (1 on the last chunk)
///
/// The header is every chunk's associated data, so no header byte can change unnoticed; the
/// counter in the nonce catches reordered chunks, and the final flag a file cut at a chunk
/// boundary (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár). The key
/// fingerprint tells a wrong key apart from altered data.
public enum EncryptedFile {
    public static let fileExtension = "enc"
    static let magic = Array("ADEAUGENC".utf8)
    static let version: UInt8 = 1
    static let headerByteCount = magic.count + 1 + 4 + 8 + 7
    public static let chunkByteCount = 64 * 1024

    /// Whether `data` starts like an adeaug encrypted file.
    public static func isEncrypted(_ data: Data) -> Bool {
        data.count >= magic.count && Array(data.prefix(magic.count)) == magic
    }

    public static func seal(_ plaintext: Data, key: EncryptionKey) -> Data {
        var header = magic
        header.append(version)
        header.append(contentsOf: withUnsafeBytes(of: UInt32(chunkByteCount).bigEndian, Array.init))
        header.append(contentsOf: fingerprintBytes(key))
        let prefix = AEAD.randomBytes(7)
        header.append(contentsOf: prefix)
        var output = Data(header)
        output.reserveCapacity(header.count + plaintext.count + (plaintext.count / chunkByteCount + 1) * AEAD.tagByteCount)
        let chunkCount = max(1, (plaintext.count + chunkByteCount - 1) / chunkByteCount)
        for index in 0..<chunkCount {
            let start = plaintext.startIndex + index * chunkByteCount
            let chunk = plaintext[start..<min(start + chunkByteCount, plaintext.endIndex)]
            let nonce = nonce(prefix: prefix, index: index, final: index == chunkCount - 1)
            output.append(contentsOf: AEAD.seal(Data(chunk), key: key, nonce: nonce, aad: header))
        }
        return output
    }

    /// Decrypts a whole file's bytes; `path` only names the file in errors.
    public static func open(_ data: Data, key: EncryptionKey, path: String) throws(EncryptedFileError) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= headerByteCount, Array(bytes.prefix(magic.count)) == magic else {
            throw .notEncrypted(path: path)
        }
        guard bytes[magic.count] == version else { throw .unsupportedVersion(path: path, version: Int(bytes[magic.count])) }
        let header = Array(bytes[0..<headerByteCount])
        let chunkSize = header[(magic.count + 1)..<(magic.count + 5)].reduce(0) { $0 << 8 | Int($1) }
        guard chunkSize > 0, chunkSize <= 16 << 20 else { throw .corrupt(path: path, reason: "chunk size \(chunkSize) in the header") }
        let fingerprint = Array(header[(magic.count + 5)..<(magic.count + 13)])
        guard fingerprint == fingerprintBytes(key) else {
            throw .wrongKey(path: path, fileKey: hex(fingerprint), givenKey: key.fingerprint)
        }
        let prefix = Array(header[(magic.count + 13)..<headerByteCount])
        var output = Data()
        output.reserveCapacity(bytes.count)
        var offset = headerByteCount
        var index = 0
        while true {
            let remaining = bytes.count - offset
            guard remaining >= AEAD.tagByteCount else { throw .truncated(path: path) }
            let length = min(remaining, chunkSize + AEAD.tagByteCount)
            let sealed = bytes[offset..<(offset + length)]
            let isLast = offset + length == bytes.count
            if let plain = AEAD.open(Array(sealed), key: key, nonce: nonce(prefix: prefix, index: index, final: isLast), aad: header) {
                output.append(contentsOf: plain)
                if isLast { return output }
            } else if isLast, AEAD.open(Array(sealed), key: key, nonce: nonce(prefix: prefix, index: index, final: false), aad: header) != nil {
                // A valid chunk that is not marked final at the end of the file: the rest was cut off.
                throw .truncated(path: path)
            } else {
                throw .altered(path: path, offset: offset)
            }
            offset += length
            index += 1
        }
    }

    static func nonce(prefix: [UInt8], index: Int, final: Bool) -> [UInt8] {
        prefix + withUnsafeBytes(of: UInt32(truncatingIfNeeded: index).bigEndian, Array.init) + [final ? 1 : 0]
    }

    static func fingerprintBytes(_ key: EncryptionKey) -> [UInt8] {
        let text = Array(key.fingerprint.utf8)
        return stride(from: 0, to: text.count, by: 2).map { UInt8(String(decoding: text[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

public enum EncryptedFileError: Error, CustomStringConvertible, Equatable {
    case notEncrypted(path: String)
    case unsupportedVersion(path: String, version: Int)
    case wrongKey(path: String, fileKey: String, givenKey: String)
    case truncated(path: String)
    case altered(path: String, offset: Int)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .notEncrypted(let path):
            "\(path) is not an adeaug encrypted file (no ADEAUGENC header)."
        case .unsupportedVersion(let path, let version):
            "\(path) uses encrypted-file version \(version); this adeaug reads version 1. Upgrade adeaug."
        case .wrongKey(let path, let fileKey, let givenKey):
            "\(path) was encrypted with key \(fileKey); the key given is \(givenKey). Use the workspace's key (after `adeaug rekey`, files written before keep the old key unless rekey re-encrypted them)."
        case .truncated(let path):
            "\(path) is truncated: its last chunk is missing. Nothing was written from it."
        case .altered(let path, let offset):
            "\(path) failed authentication at byte \(offset): it was altered or damaged. Nothing was written from it."
        case .corrupt(let path, let reason):
            "\(path) is damaged: \(reason)."
        }
    }
}
