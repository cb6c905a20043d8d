import CAdeaugCrypto
import Foundation

/// AES-256-GCM on byte buffers: the one authenticated cipher adeaug uses (files, pages, keys).
public enum AEAD {
    public static let nonceByteCount = Int(ADEAUG_NONCE_BYTES)
    public static let tagByteCount = Int(ADEAUG_TAG_BYTES)

    /// Encrypts `plaintext`; returns ciphertext followed by the 16-byte tag.
    public static func seal(_ plaintext: some ContiguousBytes, key: EncryptionKey, nonce: [UInt8], aad: [UInt8] = []) -> [UInt8] {
        precondition(nonce.count == nonceByteCount)
        return plaintext.withUnsafeBytes { input in
            var output = [UInt8](repeating: 0, count: input.count + tagByteCount)
            let rc = output.withUnsafeMutableBufferPointer { out in
                key.withUnsafeBytes { keyBytes in
                    adeaug_aead_seal(
                        keyBytes.bindMemory(to: UInt8.self).baseAddress, nonce, aad, aad.count,
                        input.bindMemory(to: UInt8.self).baseAddress, input.count,
                        out.baseAddress, out.baseAddress! + input.count)
                }
            }
            precondition(rc == ADEAUG_CRYPTO_OK, "OpenSSL AES-GCM failed")
            return output
        }
    }

    /// Decrypts ciphertext-and-tag; nil when the tag does not match (wrong key or altered data).
    public static func open(_ sealed: some ContiguousBytes, key: EncryptionKey, nonce: [UInt8], aad: [UInt8] = []) -> [UInt8]? {
        precondition(nonce.count == nonceByteCount)
        return sealed.withUnsafeBytes { input -> [UInt8]? in
            guard input.count >= tagByteCount else { return nil }
            let length = input.count - tagByteCount
            var output = [UInt8](repeating: 0, count: length)
            let bytes = input.bindMemory(to: UInt8.self).baseAddress!
            let rc = output.withUnsafeMutableBufferPointer { out in
                key.withUnsafeBytes { keyBytes in
                    adeaug_aead_open(
                        keyBytes.bindMemory(to: UInt8.self).baseAddress, nonce, aad, aad.count,
                        bytes, length, bytes + length, out.baseAddress)
                }
            }
            return rc == ADEAUG_CRYPTO_OK ? output : nil
        }
    }

    /// `count` bytes from the CSPRNG (nonces, salts).
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        precondition(adeaug_random_bytes(&bytes, count) == ADEAUG_CRYPTO_OK, "the system CSPRNG failed")
        return bytes
    }
}

/// SHA-256, for hashes that leave no content behind (the audit trail's prompt hashes).
public enum SHA256Digest {
    public static func hex(_ data: some ContiguousBytes) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { adeaug_sha256($0.bindMemory(to: UInt8.self).baseAddress, $0.count, &digest) }
        return Hex.string(digest)
    }
}
