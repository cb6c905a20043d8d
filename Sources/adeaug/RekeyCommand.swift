import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Re-encrypt an encrypted workspace under a new key without losing data.",
        discussion: """
            Opens the workspace with its current key (--key-file, $ADEAUG_KEY_FILE, $ADEAUG_KEY, \
            or KMS), checkpoints it, re-encrypts every page under the new key into a copy and \
            renames the copy into place. Killed at any point, the workspace opens with the old \
            key or the new one (encryption.json lists both while the switch runs). It holds the \
            workspace's lock throughout: another writing command is refused meanwhile.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("new-key-file"), help: "Key file with the new key (`adeaug keygen --out PATH`).")
    var newKeyFile: String?

    @Option(name: .customLong("new-kms-key-id"), help: "KMS key to wrap a new data key (with --new-region, default --region).")
    var newKMSKeyID: String?

    @Option(name: .customLong("new-region"), help: "AWS region of --new-kms-key-id (default: --region).")
    var newRegion: String?

    func validate() throws {
        if (newKeyFile == nil) == (newKMSKeyID == nil) {
            throw ValidationError("Pass exactly one of --new-key-file PATH and --new-kms-key-id ID.")
        }
    }

    func run() throws {
        let logger = global.makeLogger()
        let location = try global.workspaceLocation()
        _ = try WorkspaceRekey.requireEncrypted(location)
        guard location.keys != nil else { throw WorkspaceEncryptionError.keyRequired(directory: location.directory) }
        // One writer from the first open to the last re-sealed file.
        let lock = try WorkspaceLock.acquire(directory: location.directory, encrypted: true)
        defer { withExtendedLifetime(lock) {} }
        let newKeys: WorkspaceKeys
        if let newKeyFile {
            newKeys = .key(try KeyFile.load(path: newKeyFile), source: .file)
        } else {
            newKeys = .envelope(EnvelopeKeys(
                masterKeyID: newKMSKeyID, region: newRegion ?? global.region, service: EncryptionSettings.kmsService(region:)))
        }
        logger.info("rekeying \(location.directory)")
        // The old key, for the sealed files in the workspace folder (released with the workspace's connection).
        let oldKey = try Workspace(location: location, create: false).encryptionKey
        let result = try WorkspaceRekey.run(location: location, to: newKeys)
        print("rekeyed \(location.directory): \(result.pages) pages, key \(result.oldFingerprint) → \(result.newFingerprint)")
        let newLocation = WorkspaceLocation(directory: location.directory, keys: newKeys)
        if let oldKey, let newKey = try Workspace(location: newLocation, create: false).encryptionKey {
            let outputs = try SealedOutputs.reseal(
                in: URL(fileURLWithPath: location.directory, isDirectory: true), from: oldKey, to: newKey)
            print("re-sealed \(outputs.resealed) output files in the workspace folder under the new key; files written elsewhere keep the old key (open them with `adeaug decrypt --key-file OLD`)")
            for path in outputs.foreign { logger.warning("\(path) is sealed under neither key; left as it is") }
        }
    }
}
