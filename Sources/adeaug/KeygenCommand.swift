import AdeaugCore
import ArgumentParser

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a new random 256-bit key file (base64, mode 0600) for encrypted workspaces.",
        discussion: """
            The file is created with mode 0600 and never overwrites an existing one. Keep it \
            apart from the workspace: whoever has both reads everything, and without it the \
            workspace is lost. Use it with --encrypt --key-file PATH (or $ADEAUG_KEY_FILE).
            """)

    @Option(help: "Where to write the key file (must not exist).")
    var out: String

    func run() throws {
        let key = EncryptionKey.generate()
        try KeyFile.write(key, to: out)
        print("wrote \(out) (key fingerprint \(key.fingerprint))")
    }
}
