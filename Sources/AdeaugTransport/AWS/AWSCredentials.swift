import Foundation

/// An AWS key pair (and session token), read the way the AWS CLI reads them: the standard
/// environment variables first, then a profile of the shared credentials file.
public struct AWSCredentials: Sendable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Never prints the secret or the token; the key id only by its last four characters.
    public var description: String {
        "AWSCredentials(key …\(accessKeyID.suffix(4)), secret hidden\(sessionToken == nil ? "" : ", session token hidden"))"
    }

    /// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, else the profile
    /// (`profile`, `AWS_PROFILE`, or `default`) of `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    public static func load(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSCredentialsError) -> AWSCredentials {
        if profile == nil, let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        }
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        let path = environment["AWS_SHARED_CREDENTIALS_FILE"]
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.aws/credentials")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .missing(
                "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or create \(path) with a [\(name)] profile.")
        }
        let values = parseProfile(named: name, in: text)
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else {
            throw .missing(
                "Profile [\(name)] in \(path) lacks aws_access_key_id or aws_secret_access_key.")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }

    /// The `key = value` lines of one `[name]` section of an INI file.
    static func parseProfile(named name: String, in text: String) -> [String: String] {
        var inSection = false
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                inSection = section == name || section == "profile \(name)"
                continue
            }
            guard inSection, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { values[key] = value }
        }
        return values
    }
}
