import CAdeaugCrypto
import Foundation

/// A 256-bit data key for AES-256-GCM. It lives in memory only (the key file, the environment
/// or a KMS-wrapped copy are where it comes from) and is zeroed when the last reference goes.
public final class EncryptionKey: @unchecked Sendable {
    public static let byteCount = Int(ADEAUG_KEY_BYTES)

    // Written once in init, never mutated after: safe to share across threads.
    private let storage: UnsafeMutableRawBufferPointer

    /// A key from exactly 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(EncryptionKeyError) {
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes.count) }
        storage = .allocate(byteCount: Self.byteCount, alignment: 16)
        storage.copyBytes(from: bytes)
    }

    /// A fresh key from OpenSSL's CSPRNG.
    public static func generate() -> EncryptionKey {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        precondition(adeaug_random_bytes(&bytes, bytes.count) == ADEAUG_CRYPTO_OK, "the system CSPRNG failed")
        defer { adeaug_secure_zero(&bytes, bytes.count) }
        return try! EncryptionKey(bytes: bytes)
    }

    /// A key written as base64 text (what `adeaug keygen` writes and `ADEAUG_KEY` holds).
    /// Errors never quote the text.
    public convenience init(base64 text: String) throws(EncryptionKeyError) {
        guard var data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64
        }
        defer { data.resetBytes(in: 0..<data.count) }
        try self.init(bytes: data)
    }

    deinit {
        adeaug_secure_zero(storage.baseAddress, storage.count)
        storage.deallocate()
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(storage))
    }

    /// The key as base64 text, for writing a key file.
    public var base64: String { Data(UnsafeRawBufferPointer(storage)).base64EncodedString() }

    /// A public name for the key (16 hex digits of HMAC-SHA-256(key, "adeaug key check v1")):
    /// stored next to encrypted data so that a wrong key is told apart from altered data,
    /// without revealing anything about the key.
    public var fingerprint: String { Hex.string(fingerprintBytes) }

    /// The fingerprint's 8 bytes, as sealed files carry it in their header.
    public var fingerprintBytes: [UInt8] {
        let message = Array("adeaug key check v1".utf8)
        var mac = [UInt8](repeating: 0, count: 32)
        _ = adeaug_hmac_sha256(storage.baseAddress!.assumingMemoryBound(to: UInt8.self), storage.count, message, message.count, &mac)
        return Array(mac.prefix(8))
    }
}

public enum EncryptionKeyError: Error, CustomStringConvertible, Equatable {
    case wrongLength(Int)
    case notBase64
    case keyFileMissing(path: String)
    case keyFileNotPrivate(path: String, mode: UInt16)
    case keyFileUnreadable(path: String, reason: String)
    case keyFileExists(path: String)
    case keyFileInvalid(path: String, reason: String)
    case environmentInvalid(variable: String, reason: String)

    public var description: String {
        switch self {
        case .wrongLength(let count):
            "An encryption key must be 32 bytes (AES-256); this one has \(count)."
        case .notBase64:
            "The key is not base64 text (write one with `adeaug keygen --out PATH`)."
        case .keyFileMissing(let path):
            "No key file at \(path). Make one with `adeaug keygen --out \(path)`."
        case .keyFileNotPrivate(let path, let mode):
            "Refusing the key file \(path): its mode is \(String(mode, radix: 8)), readable by others. Run `chmod 600 \(path)`."
        case .keyFileUnreadable(let path, let reason):
            "Cannot read the key file \(path): \(reason)."
        case .keyFileExists(let path):
            "\(path) already exists; adeaug never overwrites a key file (a lost key is lost data)."
        case .keyFileInvalid(let path, let reason):
            "The key file \(path) holds no valid key: \(reason)"
        case .environmentInvalid(let variable, let reason):
            "$\(variable) holds no valid key: \(reason)"
        }
    }
}
