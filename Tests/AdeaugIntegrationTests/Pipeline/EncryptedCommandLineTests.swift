import Foundation
import Testing

/// The encrypted flow through the real `adeaug` executable: keygen, ingest --encrypt, a sealed
/// export, refusal without the key, decrypt, rekey (outputs re-sealed), audit.
@Suite struct EncryptedCommandLineTests {
    typealias Output = AdeaugExecutable.Finished

    static let executable = AdeaugExecutable.url

    /// Keys come only from the options each test gives, never from this process's environment.
    func adeaug(_ arguments: [String], in folder: URL) throws -> Output {
        try AdeaugExecutable.run(arguments, in: folder, removing: ["ADEAUG_KEY", "ADEAUG_KEY_FILE"])
    }

    func bytes(_ url: URL) -> Data { (try? Data(contentsOf: url)) ?? Data() }

    @Test func nothingLeavesAnEncryptedWorkspaceInClear() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the adeaug executable first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-enc-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var corpus = ""
        for index in 0..<60 {
            let text = index % 3 == 0 ? "Zorbitex dose \(index) caused nausea in patient \(index)." : "Control sentence \(index) about aspirin dosing \(index)."
            corpus += #"{"text": "\#(text)", "label": \#(index % 3 == 0 ? 1 : 0)}"# + "\n"
        }
        try Data(corpus.utf8).write(to: folder.appendingPathComponent("corpus.jsonl"))
        let marker = Data("Zorbitex".utf8)

        #expect(try adeaug(["keygen", "--out", "old.key"], in: folder).status == 0)
        let ingest = try adeaug(["ingest", "--corpus", "corpus.jsonl", "--workspace", "ws", "--encrypt", "--key-file", "old.key", "--quiet"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let export = try adeaug(["export", "--split", "train", "--out", "ws/train.jsonl", "--workspace", "ws", "--key-file", "old.key"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        for name in ["ws/workspace.sqlite", "ws/workspace.sqlite-wal", "ws/train.jsonl.enc", "ws/encryption.json"] {
            #expect(bytes(folder.appendingPathComponent(name)).range(of: marker) == nil, "\(name) holds clear text")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ws/train.jsonl").path))

        let refused = try adeaug(["report", "--workspace", "ws"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("encrypted"))

        let decrypted = try adeaug(["decrypt", "ws/train.jsonl.enc", "--key-file", "old.key"], in: folder)
        #expect(decrypted.status == 0)
        #expect(decrypted.stdout.contains("Zorbitex"))

        #expect(try adeaug(["keygen", "--out", "new.key"], in: folder).status == 0)
        let rekey = try adeaug(["rekey", "--workspace", "ws", "--key-file", "old.key", "--new-key-file", "new.key"], in: folder)
        #expect(rekey.status == 0, "\(rekey.stderr)")
        #expect(rekey.stdout.contains("re-sealed 1 output files"))
        #expect(try adeaug(["report", "--workspace", "ws", "--key-file", "new.key"], in: folder).stdout.contains("Unique sentences          60"))
        #expect(try adeaug(["report", "--workspace", "ws", "--key-file", "old.key"], in: folder).status != 0)
        #expect(try adeaug(["decrypt", "ws/train.jsonl.enc", "--key-file", "new.key"], in: folder).stdout.contains("Zorbitex"))
        let stale = try adeaug(["decrypt", "ws/train.jsonl.enc", "--key-file", "old.key"], in: folder)
        #expect(stale.status != 0 && stale.stdout.isEmpty && stale.stderr.contains("was encrypted with key"))

        // Bad input: clear errors, nothing written.
        let missing = try adeaug(["decrypt", "ws/none.jsonl.enc", "--key-file", "new.key"], in: folder)
        #expect(missing.status != 0 && missing.stdout.isEmpty && missing.stderr.contains("Cannot read ws/none.jsonl.enc: no such file"))
        let clear = try adeaug(["decrypt", "corpus.jsonl", "--key-file", "new.key"], in: folder)
        #expect(clear.status != 0 && clear.stdout.isEmpty && clear.stderr.contains("is not an adeaug encrypted file"))
        let nowhere = try adeaug(["rekey", "--workspace", "nowhere", "--key-file", "new.key", "--new-key-file", "old.key"], in: folder)
        #expect(nowhere.status != 0 && nowhere.stderr.contains("No workspace at"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere").path))

        let audit = try adeaug(["audit", "--workspace", "ws", "--key-file", "new.key"], in: folder)
        #expect(audit.status == 0 && audit.stdout.contains("Nothing has left the machine"))
    }
}
