import AdeaugCore
import Foundation
import Testing

@Suite struct EncryptionKeyTests {
    @Test func sealedDataOpensOnlyWithTheSameKeyNonceAndContext() throws {
        let key = EncryptionKey.generate()
        let nonce = AEAD.randomBytes(AEAD.nonceByteCount)
        let plaintext = Array("Methotrexate-induced pneumonitis.".utf8)
        let sealed = AEAD.seal(plaintext, key: key, nonce: nonce, aad: [1, 2, 3])
        #expect(sealed.count == plaintext.count + AEAD.tagByteCount)
        #expect(Array(sealed.prefix(plaintext.count)) != plaintext)
        #expect(AEAD.open(sealed, key: key, nonce: nonce, aad: [1, 2, 3]) == plaintext)

        var flipped = sealed
        flipped[4] ^= 0x01
        #expect(AEAD.open(flipped, key: key, nonce: nonce, aad: [1, 2, 3]) == nil)
        #expect(AEAD.open(sealed, key: key, nonce: nonce, aad: [1, 2, 4]) == nil)
        #expect(AEAD.open(sealed, key: EncryptionKey.generate(), nonce: nonce, aad: [1, 2, 3]) == nil)
        #expect(AEAD.open(Array(sealed.dropLast()), key: key, nonce: nonce, aad: [1, 2, 3]) == nil)
    }

    @Test func matchesAKnownAESGCMVector() throws {
        // NIST GCM test case 14 (AES-256, zero key, zero IV, one zero block).
        let key = try EncryptionKey(bytes: [UInt8](repeating: 0, count: 32))
        let sealed = AEAD.seal([UInt8](repeating: 0, count: 16), key: key, nonce: [UInt8](repeating: 0, count: 12))
        let hex = sealed.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func keyFilesAreWrittenPrivateAndNeverOverwritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-key-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("workspace.key").path
        let key = EncryptionKey.generate()
        try KeyFile.write(key, to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyFile.load(path: path).fingerprint == key.fingerprint)
        #expect(throws: EncryptionKeyError.keyFileExists(path: path)) { try KeyFile.write(EncryptionKey.generate(), to: path) }

        chmod(path, 0o644)
        #expect(throws: EncryptionKeyError.keyFileNotPrivate(path: path, mode: 0o644)) { try KeyFile.load(path: path) }
        let missing = folder.appendingPathComponent("none.key").path
        #expect(throws: EncryptionKeyError.keyFileMissing(path: missing)) { try KeyFile.load(path: missing) }
    }

    @Test func environmentKeysAreCheckedWithoutQuotingThem() throws {
        let key = EncryptionKey.generate()
        #expect(try KeyFile.fromEnvironment(["ADEAUG_KEY": key.base64])?.fingerprint == key.fingerprint)
        #expect(try KeyFile.fromEnvironment([:]) == nil)
        do {
            _ = try KeyFile.fromEnvironment(["ADEAUG_KEY": "c2VjcmV0LXRleHQ="])
            Issue.record("a 11-byte key was accepted")
        } catch {
            #expect(!error.description.contains("c2VjcmV0"))
        }
    }
}
