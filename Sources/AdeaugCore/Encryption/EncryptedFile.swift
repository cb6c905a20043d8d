import CAdeaugCrypto
import Dispatch
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
        header.append(contentsOf: key.fingerprintBytes)
        let prefix = AEAD.randomBytes(7)
        header.append(contentsOf: prefix)
        let chunkCount = max(1, (plaintext.count + chunkByteCount - 1) / chunkByteCount)
        var output = Data(count: header.count + plaintext.count + chunkCount * AEAD.tagByteCount)
        output.replaceSubrange(0..<header.count, with: header)
        // Chunks are independent: sealed straight into place, on every core (a 90 MB checkpoint
        // is 1,400 chunks), so that sealing costs little next to writing the file.
        let failures = ChunkFailures(count: chunkCount)
        let aad = header
        plaintext.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                key.withUnsafeBytes { keyBytes in
                    let buffers = ChunkBuffers(
                        input: input.bindMemory(to: UInt8.self).baseAddress, inputCount: input.count,
                        output: out.bindMemory(to: UInt8.self).baseAddress!, key: keyBytes.bindMemory(to: UInt8.self).baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { index in
                        let start = index * chunkByteCount
                        let length = min(chunkByteCount, buffers.inputCount - start)
                        let target = buffers.output + aad.count + index * (chunkByteCount + AEAD.tagByteCount)
                        let chunkNonce = nonce(prefix: prefix, index: index, final: index == chunkCount - 1)
                        let rc = adeaug_aead_seal(
                            buffers.key, chunkNonce, aad, aad.count, buffers.input.map { $0 + start }, length, target, target + length)
                        if rc != ADEAUG_CRYPTO_OK { failures.record(index) }
                    }
                }
            }
        }
        precondition(failures.first == nil, "OpenSSL AES-GCM failed")
        return output
    }

    /// Decrypts a whole file's bytes; `path` only names the file in errors.
    public static func open(_ data: Data, key: EncryptionKey, path: String) throws(EncryptedFileError) -> Data {
        guard data.count >= headerByteCount, data.prefix(magic.count).elementsEqual(magic) else {
            throw .notEncrypted(path: path)
        }
        let header = [UInt8](data.prefix(headerByteCount))
        guard header[magic.count] == version else { throw .unsupportedVersion(path: path, version: Int(header[magic.count])) }
        let chunkSize = header[(magic.count + 1)..<(magic.count + 5)].reduce(0) { $0 << 8 | Int($1) }
        guard chunkSize > 0, chunkSize <= 16 << 20 else { throw .corrupt(path: path, reason: "chunk size \(chunkSize) in the header") }
        let fingerprint = Array(header[(magic.count + 5)..<(magic.count + 13)])
        guard fingerprint == key.fingerprintBytes else {
            throw .wrongKey(path: path, fileKey: Hex.string(fingerprint), givenKey: key.fingerprint)
        }
        let prefix = Array(header[(magic.count + 13)..<headerByteCount])
        let body = data.count - headerByteCount
        let sealedChunk = chunkSize + AEAD.tagByteCount
        let chunkCount = max(1, (body + sealedChunk - 1) / sealedChunk)
        let lastLength = body - (chunkCount - 1) * sealedChunk
        guard lastLength >= AEAD.tagByteCount else { throw .truncated(path: path) }
        // One spare byte so the buffer has an address even for an empty file; dropped at the end.
        var output = Data(count: body - chunkCount * AEAD.tagByteCount + 1)
        let failures = ChunkFailures(count: chunkCount)
        data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                key.withUnsafeBytes { keyBytes in
                    let buffers = ChunkBuffers(
                        input: input.bindMemory(to: UInt8.self).baseAddress, inputCount: input.count,
                        output: out.bindMemory(to: UInt8.self).baseAddress!,
                        key: keyBytes.bindMemory(to: UInt8.self).baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { index in
                        let source = buffers.input! + headerByteCount + index * sealedChunk
                        let length = (index == chunkCount - 1 ? lastLength : sealedChunk) - AEAD.tagByteCount
                        let rc = adeaug_aead_open(
                            buffers.key, nonce(prefix: prefix, index: index, final: index == chunkCount - 1), header, header.count,
                            source, length, source + length, buffers.output + index * chunkSize)
                        if rc != ADEAUG_CRYPTO_OK { failures.record(index) }
                    }
                }
            }
        }
        guard let failed = failures.first else { return output.dropLast() }
        let offset = headerByteCount + failed * sealedChunk
        if failed == chunkCount - 1 {
            // A valid chunk not marked final at the end of the file: the rest was cut off.
            let sealed = data.subdata(in: (data.startIndex + offset)..<data.endIndex)
            if AEAD.open(sealed, key: key, nonce: nonce(prefix: prefix, index: failed, final: false), aad: header) != nil {
                throw .truncated(path: path)
            }
        }
        throw .altered(path: path, offset: offset)
    }

    static func nonce(prefix: [UInt8], index: Int, final: Bool) -> [UInt8] {
        prefix + withUnsafeBytes(of: UInt32(truncatingIfNeeded: index).bigEndian, Array.init) + [final ? 1 : 0]
    }
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

/// The buffers chunk workers read and write: each worker touches only its own chunk's bytes.
private struct ChunkBuffers: @unchecked Sendable {
    let input: UnsafePointer<UInt8>?
    let inputCount: Int
    let output: UnsafeMutablePointer<UInt8>
    let key: UnsafePointer<UInt8>
}

/// Which chunks failed, written from concurrent workers (each index by one worker only).
private final class ChunkFailures: @unchecked Sendable {
    private var failed: [Bool]
    private let lock = NSLock()

    init(count: Int) { failed = [Bool](repeating: false, count: count) }

    func record(_ index: Int) {
        lock.lock()
        failed[index] = true
        lock.unlock()
    }

    var first: Int? { failed.firstIndex(of: true) }
}
