import Foundation

/// What `adeaug audit` prints: a summary of what left the machine, then every entry.
public struct AuditSummary: Codable, Sendable {
    public var requestsSent: Int
    public var answered: Int
    public var withoutAnswer: Int
    /// Requests sent per host.
    public var hosts: [String: Int]
    /// Answers per HTTP status.
    public var statuses: [String: Int]
    public var redactedRequests: Int
    public var requestsWithExamples: Int
    public var promptsStored: Int
    public var bytesSent: Int
    public var entries: [AuditEntry]

    public init(entries: [AuditEntry]) {
        let sent = entries.filter { $0.event == .sent }
        requestsSent = sent.count
        answered = entries.filter { $0.event == .answered }.count
        withoutAnswer = entries.filter { $0.event == .noAnswer }.count
        hosts = Dictionary(sent.map { ($0.host, 1) }, uniquingKeysWith: +)
        statuses = Dictionary(entries.compactMap { $0.httpStatus.map { (String($0), 1) } }, uniquingKeysWith: +)
        redactedRequests = sent.filter { $0.redacted == true }.count
        requestsWithExamples = sent.filter { !($0.exampleIDs ?? []).isEmpty }.count
        promptsStored = sent.filter { $0.prompt != nil }.count
        bytesSent = sent.reduce(0) { $0 + ($1.requestBytes ?? 0) }
        self.entries = entries
    }

    public var text: String {
        var lines: [String] = []
        if requestsSent == 0 {
            lines.append("Nothing has left the machine from this workspace: the audit trail is empty.")
            return lines.joined(separator: "\n")
        }
        let hostList = hosts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        let statusList = statuses.sorted { $0.key < $1.key }.map { "HTTP \($0.key): \($0.value)" }.joined(separator: ", ")
        lines.append("\(requestsSent) requests left the machine (\(bytesSent) bytes) to \(hostList).")
        lines.append("\(answered) answered (\(statusList.isEmpty ? "none" : statusList)), \(withoutAnswer) without an answer, \(requestsSent - answered - withoutAnswer) with no outcome recorded.")
        lines.append("\(requestsWithExamples) carried training examples (ids below); redaction ran on \(redactedRequests); prompt texts stored: \(promptsStored) (otherwise SHA-256 only).")
        lines.append("")
        lines.append(["at", "event", "service", "host", "reference", "bytes", "status", "prompt sha256", "examples", "redacted"]
            .joined(separator: "\t"))
        for entry in entries {
            let fields: [String] = [
                entry.at, entry.event.rawValue, entry.service, entry.host, entry.reference,
                (entry.event == .sent ? entry.requestBytes : entry.responseBytes).map(String.init) ?? "",
                entry.httpStatus.map(String.init) ?? (entry.event == .noAnswer ? (entry.detail ?? "no answer") : ""),
                entry.promptSHA256.map { String($0.prefix(16)) } ?? "",
                entry.exampleIDs.map { $0.map(String.init).joined(separator: ",") } ?? "",
                entry.redacted.map { $0 ? "yes" : "no" } ?? "",
            ]
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}
