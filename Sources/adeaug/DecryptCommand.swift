import AdeaugCore
import ArgumentParser
import Foundation

struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt a file adeaug sealed (NAME.enc: reports, plots, exports, checkpoint files) to stdout or --out.",
        discussion: """
            The key is the workspace's (--workspace of an encrypted workspace, KMS included) or \
            the one from --key-file, $ADEAUG_KEY_FILE or $ADEAUG_KEY. Every chunk is checked \
            before anything is written: a wrong key, an altered byte or a truncated file is an \
            error and nothing is output. Decrypted files are written owner-only (0600); what you \
            do with the clear text from there is outside adeaug's protection.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The sealed file (NAME.enc, or NAME when NAME.enc exists).")
    var file: String

    @Option(help: "Write the clear text here (0600) instead of standard output.")
    var out: String?

    func run() throws {
        let data = try global.outputFiles().read(file, sealedOnly: true)
        if let out {
            try OutputFiles(key: nil).write(data, to: out)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
