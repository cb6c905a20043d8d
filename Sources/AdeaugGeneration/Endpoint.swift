import AdeaugTransport
import Foundation

/// One text-generation endpoint: where requests go, how they are written and how answers read.
public struct Endpoint: Sendable {
    public var kind: EndpointKind
    /// The URL requests are posted to.
    public var url: String
    /// Sent as `model` to OpenAI-compatible servers (older TGI requires one).
    public var model: String
    public var authentication: RequestAuthentication
    public var timeouts: HTTPTimeouts
    /// Sends `cache_prompt: true` (llama.cpp's server keeps the prompt's KV cache in its slot, so a
    /// prompt sharing a prefix with the last one is not evaluated again). OpenAI-compatible kinds only.
    public var cachePrompt = false

    /// - Parameter url: for TGI a base URL gets `/generate` (a URL with a path, such as `/` of
    ///   an Inference Endpoint or `/invocations`, is used as given); for OpenAI-compatible kinds
    ///   a base URL gets `/v1/completions` or `/v1/chat/completions`.
    public init(
        kind: EndpointKind, url: String, model: String = "default",
        authentication: RequestAuthentication = .none, timeouts: HTTPTimeouts = HTTPTimeouts()
    ) {
        self.kind = kind
        self.url = Self.route(kind: kind, url: url)
        self.model = model
        self.authentication = authentication
        self.timeouts = timeouts
    }

    /// The SageMaker runtime URL of an endpoint (`--url` overrides it, e.g. for VPC endpoints).
    public static func sageMakerURL(endpointName: String, region: String) -> String {
        "https://runtime.sagemaker.\(region).amazonaws.com/endpoints/\(endpointName)/invocations"
    }

    static func route(kind: EndpointKind, url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        let path = components.path
        let base = path.hasSuffix("/") ? String(url.dropLast()) : url
        switch kind {
        case .tgi:
            return path.isEmpty ? url + "/generate" : url
        case .openai, .openaiChat:
            let tail = kind == .openai ? "completions" : "chat/completions"
            if path.isEmpty || path == "/" { return base + "/v1/" + tail }
            if path == "/v1" || path == "/v1/" { return base + "/" + tail }
            return url
        case .sagemaker:
            return url
        }
    }

    /// `scheme://host:port` of the endpoint, for `/health` and `/info`.
    var origin: String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = ""
        components.query = nil
        return components.string ?? url
    }

    /// The request that asks for `completions` completions of `prompt`: `n` for OpenAI-compatible
    /// servers, `best_of` for TGI (which answers the best one and the rest in `best_of_sequences`).
    public func request(prompt: String, parameters: GenerationParameters, seed: UInt64, completions: Int = 1) -> HTTPRequest {
        var json = JSONWriter()
        json.beginObject()
        switch kind {
        case .tgi, .sagemaker:
            json.string("inputs", prompt)
            json.beginObject("parameters")
            // Without do_sample TGI decodes greedily; max_new_tokens' default changed across
            // versions; return_full_text may default to true on the compat routes.
            json.bool("do_sample", true)
            json.int("max_new_tokens", parameters.maxNewTokens)
            json.bool("return_full_text", false)
            json.uint("seed", seed)
            json.double("temperature", parameters.temperature)
            json.double("top_p", parameters.topP)
            json.int("top_k", parameters.topK)
            json.double("repetition_penalty", parameters.repetitionPenalty)
            stops(&json, parameters)
            json.bool("details", true)
            if completions > 1 { json.int("best_of", completions) }
            json.endObject()
        case .openai, .openaiChat:
            json.string("model", model)
            if kind == .openai {
                json.string("prompt", prompt)
            } else {
                json.beginArray("messages")
                json.beginObject()
                json.string("role", "user")
                json.string("content", prompt)
                json.endObject()
                json.endArray()
            }
            json.int("max_tokens", parameters.maxNewTokens)
            json.double("temperature", parameters.temperature)
            json.double("top_p", parameters.topP)
            json.uint("seed", seed)
            json.int("n", completions)
            if cachePrompt { json.bool("cache_prompt", true) }
            stops(&json, parameters)
        }
        json.endObject()
        var headers = ["Content-Type: application/json", "Accept: application/json"]
        if case .awsSigV4 = authentication {} else {
            // curl adds `Expect: 100-continue` to large bodies, costing a round trip; the empty
            // header removes it. Not with SigV4: curl 7.88 signs a valueless header wrongly.
            headers.append("Expect:")
        }
        return HTTPRequest(
            method: .post, url: url, headers: headers, body: json.bytes,
            authentication: authentication, timeouts: timeouts)
    }

    private func stops(_ json: inout JSONWriter, _ parameters: GenerationParameters) {
        guard !parameters.stop.isEmpty else { return }
        json.beginArray("stop")
        for stop in parameters.stop { json.string(nil, stop) }
        json.endArray()
    }

    /// Reads a successful answer's first completion.
    public func parse(_ body: [UInt8]) throws(ResponseParseError) -> Completion {
        try parseAll(body)[0]
    }

    /// Reads every completion of a successful answer (several with `n` or `best_of`); never empty.
    public func parseAll(_ body: [UInt8]) throws(ResponseParseError) -> [Completion] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw ResponseParseError(message: "malformed JSON: \(Self.preview(body))")
        }
        switch kind {
        case .tgi, .sagemaker:
            // `/generate` answers an object; the compat routes (`/`, `/invocations`) an array.
            let first = (object as? [Any])?.first ?? object
            guard let dictionary = first as? [String: Any], let text = dictionary["generated_text"] as? String else {
                throw ResponseParseError(message: "no generated_text in \(Self.preview(body))")
            }
            let details = dictionary["details"] as? [String: Any]
            let others = (details?["best_of_sequences"] as? [[String: Any]] ?? []).compactMap { sequence -> Completion? in
                guard let text = sequence["generated_text"] as? String else { return nil }
                return Completion(
                    text: text, finishReason: sequence["finish_reason"] as? String,
                    generatedTokens: sequence["generated_tokens"] as? Int)
            }
            return [Completion(
                text: text, finishReason: details?["finish_reason"] as? String,
                generatedTokens: details?["generated_tokens"] as? Int,
                promptTokens: (details?["prefill"] as? [Any]).flatMap { $0.isEmpty ? nil : $0.count })] + others
        case .openai, .openaiChat:
            guard let dictionary = object as? [String: Any], let choices = dictionary["choices"] as? [[String: Any]],
                !choices.isEmpty
            else { throw ResponseParseError(message: "no choices in \(Self.preview(body))") }
            let usage = dictionary["usage"] as? [String: Any]
            var completions: [Completion] = []
            // Servers answer choices in any order; `index` is the order they were asked in.
            let ordered = choices.enumerated().sorted { ($0.element["index"] as? Int ?? $0.offset) < ($1.element["index"] as? Int ?? $1.offset) }
            for (offset, choice) in ordered.map({ ($0.offset, $0.element) }) {
                let text = kind == .openai ? choice["text"] as? String : (choice["message"] as? [String: Any])?["content"] as? String
                guard let text else { throw ResponseParseError(message: "no completion text in choice \(offset) of \(Self.preview(body))") }
                // `usage` counts the tokens of all choices together (and the prompt once): they go with the first.
                completions.append(Completion(
                    text: text, finishReason: choice["finish_reason"] as? String,
                    generatedTokens: completions.isEmpty ? usage?["completion_tokens"] as? Int : nil,
                    promptTokens: completions.isEmpty ? usage?["prompt_tokens"] as? Int : nil))
            }
            return completions
        }
    }

    /// The server's own words from an error body, across the shapes TGI, OpenAI-compatible
    /// servers and SageMaker use (SageMaker's ModelError wraps the container's error).
    public static func errorDetails(_ body: [UInt8]) -> ErrorDetails {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) as? [String: Any] else {
            return ErrorDetails(message: preview(body))
        }
        var details = ErrorDetails(message: preview(body))
        if let original = object["OriginalMessage"] as? String {
            details.originalStatus = object["OriginalStatusCode"] as? Int
            // The container's message is itself usually TGI's JSON error.
            let inner = errorDetails(Array(original.utf8))
            details.message = inner.message
            details.type = inner.type
        } else if let error = object["error"] as? [String: Any] {
            details.message = (error["message"] as? String) ?? details.message
            details.type = (error["type"] as? String) ?? (error["code"] as? String)
        } else if let error = object["error"] as? String {
            details.message = error
            details.type = object["error_type"] as? String
        } else if let message = (object["message"] as? String) ?? (object["Message"] as? String) {
            details.message = message
            details.type = (object["__type"] as? String) ?? (object["code"] as? String)
        }
        return details
    }

    static func preview(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return body.count > 300 ? text + "…" : text
    }
}
