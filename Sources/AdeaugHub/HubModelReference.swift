import Foundation

/// `ORG/NAME[@REVISION]`: a model repository on the Hugging Face Hub, as `--model` and
/// adeaug.yaml's `model` accept it. A folder that exists wins over a Hub name, as in
/// `from_pretrained`, so `models/bert` on disk is never fetched.
public struct HubModelReference: Sendable, Hashable, CustomStringConvertible {
    public var repository: String
    /// A branch, tag or commit hash; `main` when none is given.
    public var revision: String

    public init(repository: String, revision: String = "main") {
        self.repository = repository
        self.revision = revision
    }

    /// The Hub name in `text`, or nil for a local path (one that exists, or that does not look
    /// like `ORG/NAME`: absolute, relative with `.`/`~`, more than one `/`).
    public init?(_ text: String, fileManager: FileManager = .default) {
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: NSString(string: text).expandingTildeInPath, isDirectory: &isDirectory) { return nil }
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let repository = String(parts[0])
        let names = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard names.count == 2, names.allSatisfy(Self.isValidName) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, !parts[1].contains(".."), !parts[1].hasPrefix("/") else { return nil }
        }
        self.init(repository: repository, revision: parts.count == 2 ? String(parts[1]) : "main")
    }

    /// The Hub's repository-name rule: letters, digits, `-`, `_`, `.`; no leading `-`/`.`, no `--` or `..`.
    static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isLetter || first.isNumber, name.count <= 96 else { return false }
        guard !name.contains("--"), !name.contains("..") else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// A full commit hash, which never moves: a cached snapshot for it needs no request.
    public var revisionIsCommit: Bool {
        revision.count == 40 && revision.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    public var description: String { revision == "main" ? repository : "\(repository)@\(revision)" }
}
