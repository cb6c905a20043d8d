import Foundation

/// Re-seals the files an encrypted workspace wrote into its own folder (reports, plots,
/// checkpoints under `models/`, exports) when `adeaug rekey` changes the key. Each file is
/// replaced atomically, so a killed rekey leaves every file readable with the old key or the
/// new one. Files written outside the workspace folder (`--out` elsewhere) keep the old key.
public enum SealedOutputs {
    public struct Result: Sendable, Equatable {
        public var resealed: Int
        /// Sealed files under another key (neither old nor new), left as they are.
        public var foreign: [String]
    }

    public static func reseal(in folder: URL, from oldKey: EncryptionKey, to newKey: EncryptionKey) throws -> Result {
        var result = Result(resealed: 0, foreign: [])
        let fileManager = FileManager.default
        guard let walker = fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        for case let url as URL in walker where url.pathExtension == EncryptedFile.fileExtension {
            guard let data = fileManager.contents(atPath: url.path), EncryptedFile.isEncrypted(data) else { continue }
            if EncryptedFile.isSealed(data, by: newKey) { continue }
            guard EncryptedFile.isSealed(data, by: oldKey) else {
                result.foreign.append(url.path)
                continue
            }
            let plaintext = try EncryptedFile.open(data, key: oldKey, path: url.path)
            try OwnerOnlyFile.writeAtomically(EncryptedFile.seal(plaintext, key: newKey), to: url.path)
            result.resealed += 1
        }
        return result
    }
}

extension EncryptedFile {
    /// Whether the header names `key`'s fingerprint (the content is checked only when opened).
    public static func isSealed(_ data: Data, by key: EncryptionKey) -> Bool {
        guard data.count >= headerByteCount, isEncrypted(data) else { return false }
        let start = data.startIndex + magic.count + 5
        return Array(data[start..<(start + 8)]) == key.fingerprintBytes
    }
}
