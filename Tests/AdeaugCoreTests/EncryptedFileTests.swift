import AdeaugCore
import Foundation
import Testing

@Suite struct EncryptedFileTests {
    let key = EncryptionKey.generate()

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 200_000])
    func roundTripsEveryLength(length: Int) throws {
        let plaintext = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let sealed = EncryptedFile.seal(plaintext, key: key)
        #expect(EncryptedFile.isEncrypted(sealed))
        #expect(try EncryptedFile.open(sealed, key: key, path: "f") == plaintext)
    }

    @Test func detectsFlipsTruncationReorderingAndWrongKeys() throws {
        let plaintext = Data(repeating: 0x41, count: 150_000)  // three chunks
        let sealed = EncryptedFile.seal(plaintext, key: key)
        var flipped = sealed
        flipped[flipped.count / 2] ^= 0x20
        #expect(throws: EncryptedFileError.self) { try EncryptedFile.open(flipped, key: key, path: "f") }
        var header = sealed
        header[12] ^= 0x01  // the chunk size
        #expect(throws: EncryptedFileError.self) { try EncryptedFile.open(header, key: key, path: "f") }

        // Cut at a chunk boundary: every remaining chunk is intact, only the final flag tells.
        let chunk = EncryptedFile.chunkByteCount + AEAD.tagByteCount
        let headerBytes = sealed.count - (2 * chunk) - (150_000 - 2 * EncryptedFile.chunkByteCount + AEAD.tagByteCount)
        let cut = sealed.prefix(headerBytes + 2 * chunk)
        #expect(throws: EncryptedFileError.truncated(path: "f")) { try EncryptedFile.open(Data(cut), key: key, path: "f") }
        #expect(throws: EncryptedFileError.self) { try EncryptedFile.open(sealed.dropLast(), key: key, path: "f") }

        // Swap the first two chunks.
        let first = sealed[(headerBytes)..<(headerBytes + chunk)]
        let second = sealed[(headerBytes + chunk)..<(headerBytes + 2 * chunk)]
        let swapped = sealed.prefix(headerBytes) + second + first + sealed.suffix(from: headerBytes + 2 * chunk)
        #expect(throws: EncryptedFileError.altered(path: "f", offset: headerBytes)) { try EncryptedFile.open(Data(swapped), key: key, path: "f") }

        let other = EncryptionKey.generate()
        #expect(throws: EncryptedFileError.wrongKey(path: "f", fileKey: key.fingerprint, givenKey: other.fingerprint)) {
            try EncryptedFile.open(sealed, key: other, path: "f")
        }
        #expect(throws: EncryptedFileError.notEncrypted(path: "f")) { try EncryptedFile.open(plaintext, key: key, path: "f") }
    }

    @Test func outputFilesSealWhenKeyedAndReadBoth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.md").path
        let sealed = OutputFiles(key: key)
        let written = try sealed.write("Nausea after methotrexate.", to: path)
        #expect(written == path + ".enc")
        #expect(!FileManager.default.fileExists(atPath: path))
        let raw = try Data(contentsOf: URL(fileURLWithPath: written))
        #expect(raw.range(of: Data("methotrexate".utf8)) == nil)
        #expect(try FileManager.default.attributesOfItem(atPath: written)[.posixPermissions] as? Int == 0o600)
        #expect(String(decoding: try sealed.read(path), as: UTF8.self) == "Nausea after methotrexate.")
        #expect(throws: OutputFilesError.keyRequired(path: written)) { try OutputFiles(key: nil).read(path) }

        let plainPath = folder.appendingPathComponent("plain.txt").path
        #expect(try OutputFiles(key: nil).write("x", to: plainPath) == plainPath)
        #expect(try OutputFiles(key: nil).read(plainPath) == Data("x".utf8))
    }
}
