import AdeaugCore
import CCurl
import Foundation

/// An HTTP client over libcurl's multi interface: many requests in flight on one thread.
///
/// The caller decides how many transfers run at once (`start` adds one, `wait` returns those
/// that finished), so concurrency control, retries and storage stay in plain single-threaded
/// code. One multi handle per client keeps connections alive and reused; `CURLOPT_PRIVATE`
/// maps a finished easy handle back to its transfer. Whoever creates a client owns it; it is
/// not thread-safe and closes its connections when released.
public final class CurlMultiClient {
    private let multi: UnsafeMutableRawPointer
    /// Transfers in flight, by slot; the slot number (plus one) is the `CURLOPT_PRIVATE` value.
    private var slots: [CurlTransfer?] = []
    private var freeSlots: [Int] = []
    private var idle: [CurlTransfer] = []
    private let allowInsecureHTTP: Bool
    /// The last URL that passed `URLPolicy`: a run posts to one URL, checked once.
    private var lastAllowedURL = ""

    /// Requests that have been started and have not finished.
    public private(set) var inFlight = 0

    /// - Parameter allowInsecureHTTP: permits `http://` to hosts other than loopback.
    public init(maximumConnections: Int = 64, allowInsecureHTTP: Bool = false) throws(HTTPClientError) {
        guard CurlGlobal.isInitialized, let multi = curl_multi_init() else {
            throw .libcurl("libcurl could not be initialised.")
        }
        self.multi = multi
        self.allowInsecureHTTP = allowInsecureHTTP
        // Keep one idle connection per possible transfer so that keep-alive always finds one.
        // No CURLMOPT_MAX_TOTAL_CONNECTIONS: libcurl would queue the excess, and a queued
        // transfer's wait counts against its CURLOPT_TIMEOUT_MS. The caller limits concurrency.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(maximumConnections, 1))
    }

    deinit {
        for case let transfer? in slots {
            curl_multi_remove_handle(multi, transfer.handle)
        }
        slots.removeAll()
        idle.removeAll()
        curl_multi_cleanup(multi)
    }

    /// Starts `request`; its result comes back from `wait` carrying `tag`.
    public func start(_ request: HTTPRequest, tag: Int) throws(HTTPClientError) {
        if request.url != lastAllowedURL {
            try URLPolicy(allowInsecureHTTP: allowInsecureHTTP).check(request.url)
            lastAllowedURL = request.url
        }
        guard let transfer = idle.popLast() ?? CurlTransfer() else {
            throw .libcurl("libcurl could not create a transfer.")
        }
        transfer.reset()
        transfer.tag = tag
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = transfer
        } else {
            slot = slots.count
            slots.append(transfer)
        }
        configure(transfer, for: request, slot: slot)
        transfer.startedAt = .now
        let code = curl_multi_add_handle(multi, transfer.handle)
        guard code == CURLM_OK else {
            slots[slot] = nil
            freeSlots.append(slot)
            idle.append(transfer)
            throw .libcurl("libcurl refused a transfer: \(String(cString: curl_multi_strerror(code)))")
        }
        inFlight += 1
    }

    /// Drives the transfers for at most `milliseconds` and returns those that finished
    /// (possibly none). Returns at once when something has already finished.
    public func wait(milliseconds: Int) -> [HTTPResult] {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        var results = collectFinished()
        if results.isEmpty && inFlight > 0 {
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, Int32(clamping: max(milliseconds, 0)), &ready)
            curl_multi_perform(multi, &running)
            results = collectFinished()
        }
        return results
    }

    private func collectFinished() -> [HTTPResult] {
        var results: [HTTPResult] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = ccurl_message_result(message)
            var privateValue: UnsafeMutableRawPointer?
            _ = ccurl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &privateValue)
            let slot = Int(bitPattern: privateValue) - 1
            guard slot >= 0, slot < slots.count, let transfer = slots[slot] else { continue }
            curl_multi_remove_handle(multi, easy)
            results.append(result(of: transfer, code: code))
            slots[slot] = nil
            freeSlots.append(slot)
            idle.append(transfer)
            inFlight -= 1
        }
        return results
    }

    private func result(of transfer: CurlTransfer, code: CURLcode) -> HTTPResult {
        let latency = ContinuousClock.now - transfer.startedAt
        var status = 0
        var retryAfter: curl_off_t = 0
        var transportError: TransportError?
        if code == CURLE_OK {
            var responseCode = 0
            _ = ccurl_easy_getinfo_long(transfer.handle, CURLINFO_RESPONSE_CODE, &responseCode)
            status = responseCode
            // libcurl parses both forms of Retry-After (seconds and HTTP date) into seconds.
            _ = ccurl_easy_getinfo_offset(transfer.handle, CURLINFO_RETRY_AFTER, &retryAfter)
        } else {
            transportError = TransportError(
                kind: Self.kind(of: code), curlCode: Int(code.rawValue),
                message: String(cString: curl_easy_strerror(code)))
        }
        let seconds = latency.inSeconds
        return HTTPResult(
            tag: transfer.tag, status: status, body: transfer.body,
            retryAfterSeconds: retryAfter > 0 ? Int(retryAfter) : nil,
            transportError: transportError, latencySeconds: seconds)
    }

    private static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
            CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST, CURLE_WEIRD_SERVER_REPLY,
            CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .connection
        default: .configuration
        }
    }

    private func configure(_ transfer: CurlTransfer, for request: HTTPRequest, slot: Int) {
        let handle = transfer.handle
        _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        // HTTP/1.1: one request per connection, kept alive; nothing else is needed here.
        _ = ccurl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        _ = ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        // Certificates are always verified; there is deliberately no option to turn this off.
        _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.timeouts.connectMilliseconds)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.timeouts.totalMilliseconds)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, UnsafeMutableRawPointer(bitPattern: slot + 1))
        _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteToTransfer)
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(transfer).toOpaque())

        var headers = request.headers
        switch request.authentication {
        case .none:
            break
        case .bearer(let token):
            headers.append("Authorization: Bearer \(token)")
        case .awsSigV4(let signing):
            signing.configure(handle)
            headers += signing.extraHeaders
        }
        for header in headers {
            transfer.headerList = curl_slist_append(transfer.headerList, header)
        }
        if let list = transfer.headerList {
            _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        }
        switch request.method {
        case .get:
            _ = ccurl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case .post:
            // COPYPOSTFIELDS: libcurl keeps its own copy, and it is what SigV4 hashes.
            _ = ccurl_easy_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
            request.body.withUnsafeBufferPointer { buffer in
                _ = ccurl_easy_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
        }
    }
}

/// libcurl's write callback: appends the received bytes to the transfer's buffer.
private func curlWriteToTransfer(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let data, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }
    return length
}
