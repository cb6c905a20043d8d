import AdeaugCore
import Foundation
import Hummingbird

/// POST /invocations: body checked against the limit and its Content-Type, parsed, classified
/// through the batcher, answered in the Accept header's format. Every refusal is a JSON
/// `{"code", "message"}` naming the problem, never the request's text.
struct InvocationsHandler: Sendable {
    let batcher: InferenceBatcher
    let maxBodyBytes: Int

    func respond(to request: Request) async -> Response {
        do {
            return try await answer(request)
        } catch let error as InvocationError {
            return Self.refusal(error)
        } catch {
            // Writing an answer failed: say so without detail (it could hold request text).
            return Response(status: .internalServerError, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"code":500,"message":"internal error"}"#)))
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            throw InvocationError.bodyTooLarge(limit: maxBodyBytes)
        }
        guard let format = request.headers[.contentType].flatMap(InvocationFormat.init(contentType:)) else {
            throw InvocationError.unsupportedContentType
        }
        guard let answerFormat = InvocationFormat.accepted(by: request.headers[.accept]) else { throw InvocationError.unsupportedAccept }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxBodyBytes) } catch { throw InvocationError.bodyTooLarge(limit: maxBodyBytes) }
        let invocation = try InvocationParser.parse(Data(buffer: body), format: format)
        let probabilities = try await batcher.classify(invocation.texts)
        let labelNames = await batcher.labelNames
        let answers = probabilities.map { invocation.parameters.select($0, labelNames: labelNames) }
        let text = try InvocationAnswer.render(answers, isBatch: invocation.isBatch, format: answerFormat)
        return Response(status: .ok, headers: [.contentType: answerFormat.rawValue], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func refusal(_ error: InvocationError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if case .overloaded = error { headers[.retryAfter] = "1" }
        if case .notReady = error { headers[.retryAfter] = "5" }
        let text = (try? JSONText.encode(ErrorBody(code: error.status, message: error.description))) ?? "{}"
        return Response(status: HTTPResponse.Status(code: error.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    struct ErrorBody: Encodable {
        var code: Int
        var message: String
    }
}
