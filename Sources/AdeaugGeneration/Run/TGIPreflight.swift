import AdeaugCore
import AdeaugTransport

/// TGI's readiness check before a run: `/health` must answer 200 and `/info` says which model
/// serves; both before any prompt is sent, both on the audit trail.
struct TGIPreflight {
    let endpoint: Endpoint
    let audit: AuditTrail

    /// `/info`'s body (nil when it did not answer 200); throws when `/health` is not 200.
    func run(on client: CurlMultiClient) throws -> String? {
        let health = try get("/health", on: client)
        guard health.transportError == nil, health.status == 200 else {
            let why = health.transportError?.description ?? "HTTP \(health.status)"
            throw GenerationError.endpointNotReady(
                "TGI at \(endpoint.origin) is not ready (/health: \(why)). Wait until the model has loaded, or check --url.")
        }
        let info = try get("/info", on: client)
        return info.status == 200 ? info.bodyText : nil
    }

    private func get(_ path: String, on client: CurlMultiClient) throws -> HTTPResult {
        var request = HTTPRequest(method: .get, url: endpoint.origin + path, authentication: endpoint.authentication)
        request.timeouts = HTTPTimeouts(connectMilliseconds: 10_000, totalMilliseconds: 30_000)
        let reference = "preflight:GET \(path)"
        try audit.append(AuditEntry(event: .sent, service: "generation", url: request.url, reference: reference, requestBytes: 0))
        try client.start(request, tag: -1)
        while true {
            if let result = client.wait(milliseconds: 1000).first {
                try audit.append(AuditEntry(
                    event: result.transportError == nil ? .answered : .noAnswer, service: "generation", url: request.url,
                    reference: reference, httpStatus: result.transportError == nil ? result.status : nil,
                    responseBytes: result.body.count, detail: result.transportError?.description))
                return result
            }
        }
    }
}
