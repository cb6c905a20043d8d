import Foundation

/// The two classes of the task, named as the Hugging Face `Ade_corpus_v2_classification`
/// config names them in its later revisions, so exports load into the ecosystem unchanged.
public enum Label: Int, Sendable, CaseIterable, Codable, Comparable {
    case notAdverseEvent = 0
    case adverseEvent = 1

    /// The name written in exports and reports.
    public var name: String {
        switch self {
        case .notAdverseEvent: "Not_AE"
        case .adverseEvent: "Adverse_Event"
        }
    }

    /// Reads the spellings that exports of ADE Corpus v2 use: `0`/`1`, `Not-Related`/`Related`,
    /// `Not_AE`/`Adverse_Event` (case-insensitive), and `false`/`true`. Returns nil for anything else.
    public init?(parsing raw: String) {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "0", "not-related", "not_related", "not related", "not_ae", "neg", "negative", "false":
            self = .notAdverseEvent
        case "1", "related", "adverse_event", "adverse event", "ade", "pos", "positive", "true":
            self = .adverseEvent
        default:
            return nil
        }
    }

    public static func < (lhs: Label, rhs: Label) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which side of the train/test split an example is on.
public enum SplitName: String, Sendable, CaseIterable, Codable {
    case train
    case test
}
