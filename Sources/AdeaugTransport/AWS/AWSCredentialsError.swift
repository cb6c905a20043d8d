/// Why no AWS key pair could be read, worded as what the user must set.
public enum AWSCredentialsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Neither the environment nor the shared credentials file holds a usable key pair.
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let message): "No AWS credentials. \(message)"
        }
    }
}
