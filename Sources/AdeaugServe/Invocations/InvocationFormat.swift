/// The body formats `/invocations` reads (Content-Type) and writes (Accept).
public enum InvocationFormat: String, Sendable, CaseIterable {
    case json = "application/json"
    case jsonLines = "application/jsonlines"
    case csv = "text/csv"

    /// The format a Content-Type names, parameters such as `charset` ignored; nil if unsupported.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let name = mediaType.trimmingCharacters(in: .whitespaces).lowercased()
        switch name {
        case "application/json": self = .json
        // SageMaker batch transform and some clients spell JSON Lines these ways too.
        case "application/jsonlines", "application/jsonl", "application/x-jsonlines", "application/x-ndjson": self = .jsonLines
        case "text/csv": self = .csv
        default: return nil
        }
    }

    /// The first format an Accept header lists that is supported; JSON for none, `*/*` or
    /// an absent header; nil when only unsupported types are listed.
    public static func accepted(by accept: String?) -> InvocationFormat? {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        for item in accept.split(separator: ",") {
            let text = String(item)
            if let format = InvocationFormat(contentType: text) { return format }
            let name = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if name == "*/*" || name == "application/*" { return .json }
        }
        return nil
    }
}

import Foundation
