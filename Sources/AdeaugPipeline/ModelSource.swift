import AdeaugBERT
import AdeaugHub
import Foundation

/// The one place a model setting (`--model`, adeaug.yaml's `model`, `$ADEAUG_MODEL`, a tuned
/// checkpoint) becomes a folder: a Hub name `ORG/NAME[@REVISION]` is fetched into the Hugging
/// Face cache first, then `ModelLocator` checks the folder as it checks any other.
public enum ModelSource {
    public static func resolve(
        _ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment, showProgress: Bool = true,
        log: @escaping (String) -> Void = { _ in }
    ) throws -> String {
        let named = given ?? environment["ADEAUG_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let named, let reference = HubModelReference(named) else {
            return try ModelLocator.resolve(explicit: given, environment: environment)
        }
        let fetcher = HubModelFetcher(
            environment: HubEnvironment(environment: environment), showProgress: showProgress, log: log,
            checkConfig: { data, path in try ModelArchitecture.check(configData: data, path: path) })
        return try ModelLocator.resolve(explicit: try fetcher.fetch(reference), environment: environment)
    }

    /// `ORG/NAME@COMMIT` for a snapshot in the Hub cache, else the folder's name: what reports show.
    public static func displayName(of folder: String) -> String {
        let parts = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        if parts.count >= 3, parts[parts.count - 2] == "snapshots", parts[parts.count - 3].hasPrefix("models--") {
            let repository = parts[parts.count - 3].dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
            return repository + "@" + parts[parts.count - 1]
        }
        return parts.last ?? folder
    }
}
