import AdeaugCore
import AdeaugTransport
import Foundation

/// Runs `adeaug generate`: plans requests, keeps up to `concurrency` in flight over one
/// libcurl multi handle, stores every request before sending it and every answer with its
/// candidates in one transaction, retries what may succeed later, and stops at the target,
/// the spend cap, or when the endpoint or the candidates say that going on is pointless.
///
/// This is the entry point; `GenerationRun` holds one run's state and does the work.
public final class Generator {
    private let workspace: Workspace
    private let options: GenerationOptions
    /// Kept across runs: screens remember what they accepted.
    private var screens: [any CandidateScreen]
    private let store: GenerationStore
    private let audit: AuditTrail

    /// - Parameter screens: checks a candidate must also pass to count (e.g. contamination).
    public init(workspace: Workspace, options: GenerationOptions, screens: [any CandidateScreen] = []) throws {
        try options.validate()
        self.workspace = workspace
        self.options = options
        self.screens = screens
        store = try GenerationStore(workspace: workspace)
        audit = AuditTrail(workspace: workspace)
    }

    /// Runs until a stop condition; `progress` is called after every batch of answers and
    /// `event` with notable happenings (throttling, retries), both on the calling thread.
    public func run(
        command: String = "generate", arguments: [String] = [],
        progress: (GenerationProgress) -> Void = { _ in }, event: (String) -> Void = { _ in }
    ) throws -> GenerationSummary {
        do {
            return try runUntilStopped(command: command, arguments: arguments, progress: progress, event: event)
        } catch let error as HTTPClientError {
            // Callers see generation's own error for a refused URL or a libcurl failure, as always.
            throw GenerationError(error)
        }
    }

    private func runUntilStopped(
        command: String, arguments: [String], progress: (GenerationProgress) -> Void, event: (String) -> Void
    ) throws -> GenerationSummary {
        let sampler = try FewShotSampler(workspace: workspace, label: options.label, drugs: options.drugsByExample)
        let planner = RequestPlanner(
            sampler: sampler, template: options.template, endpoint: options.endpoint,
            parameters: options.parameters, seed: options.seed, redactor: options.redact ? Redactor() : nil,
            attributes: options.conditioning == .plain ? nil : try AttributeSampler(
                pairs: options.drugEffectPairs, mode: options.conditioning, recombinedShare: options.recombinedShare),
            completionsPerPrompt: options.completionsPerPrompt)
        let client = try CurlMultiClient(maximumConnections: options.concurrency, allowInsecureHTTP: options.allowInsecureHTTP)
        let endpointInfo = options.preflight && options.endpoint.kind == .tgi
            ? try TGIPreflight(endpoint: options.endpoint, audit: audit).run(on: client) : nil
        let (runID, generationRunID) = try store.beginRun(
            command: command, arguments: arguments, options: options, endpointInfo: endpointInfo)
        var run = try GenerationRun(
            workspace: workspace, options: options, store: store, audit: audit, planner: planner, client: client,
            runID: runID, generationRunID: generationRunID, screens: screens)
        defer { screens = run.screens }
        return try run.execute(progress: progress, event: event)
    }
}
