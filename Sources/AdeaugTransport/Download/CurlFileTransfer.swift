import CCurl
import Foundation

/// Single blocking transfers over libcurl's easy interface for files too big to hold in memory:
/// `HEAD` for a file's metadata and `GET` streamed into a file, resumable with `Range`.
///
/// `CurlMultiClient` keeps whole bodies in memory for many small concurrent requests; a model's
/// weights (hundreds of megabytes) are written to disk as they arrive instead. The same rules
/// hold: certificates always verified, `URLPolicy` checked, secrets only in libcurl's handle.
public final class CurlFileTransfer {
    private let allowInsecureHTTP: Bool
    private let connectTimeoutMilliseconds: Int
    /// A transfer slower than 1 KiB/s for this long is abandoned (no total timeout: big files
    /// on slow links legitimately take long).
    private let stallSeconds: Int

    public init(allowInsecureHTTP: Bool = false, connectTimeoutMilliseconds: Int = 10_000, stallSeconds: Int = 60) throws(HTTPClientError) {
        guard CurlGlobal.isInitialized else { throw .libcurl("libcurl could not be initialised.") }
        self.allowInsecureHTTP = allowInsecureHTTP
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.stallSeconds = stallSeconds
    }

    /// What one transfer gave: the final response's head (after redirects, for `GET`), the
    /// body of a non-2xx answer (small; for error messages), or a failure below HTTP.
    public struct Outcome: Sendable {
        public var head: HTTPResponseHead
        public var errorBody: [UInt8]
        public var transportError: TransportError?
        /// The file's size after this transfer.
        public var fileSize: Int64
    }

    /// `HEAD url` without following redirects: the Hub answers an LFS file's HEAD with a
    /// redirect whose own headers carry the metadata.
    public func head(url: String, headers: [String] = [], authentication: RequestAuthentication = .none) throws(HTTPClientError) -> Outcome {
        try perform(url: url, headers: headers, authentication: authentication, head: true, file: nil, offset: 0, progress: { _ in })
    }

    /// `GET url`, following redirects, writing a 2xx body into `file` from `offset` on (asked
    /// for with `Range`; a server that answers 200 with the whole file instead has it written
    /// from the start). `progress` gets the file's size so far.
    public func download(
        url: String, headers: [String] = [], authentication: RequestAuthentication = .none, into file: FileHandle, from offset: Int64 = 0,
        progress: @escaping (Int64) -> Void
    ) throws(HTTPClientError) -> Outcome {
        try perform(
            url: url, headers: headers + (offset > 0 ? ["Range: bytes=\(offset)-"] : []), authentication: authentication, head: false,
            file: file, offset: offset, progress: progress)
    }

    private func perform(
        url: String, headers: [String], authentication: RequestAuthentication, head: Bool, file: FileHandle?, offset: Int64,
        progress: @escaping (Int64) -> Void
    ) throws(HTTPClientError) -> Outcome {
        try URLPolicy(allowInsecureHTTP: allowInsecureHTTP).check(url)
        guard let handle = curl_easy_init() else { throw .libcurl("libcurl could not create a transfer.") }
        defer { curl_easy_cleanup(handle) }
        let sink = TransferSink(file: file, offset: offset, progress: progress)
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        // A plain-http base is loopback only (URLPolicy); a redirect must not leave https otherwise.
        _ = ccurl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, url.lowercased().hasPrefix("https:") ? "https" : "http,https")
        // Certificates are always verified; there is deliberately no option to turn this off.
        _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, head ? 0 : 1)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_MAXREDIRS, 5)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMilliseconds)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1024)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, stallSeconds)
        if head { _ = ccurl_easy_setopt_long(handle, CURLOPT_NOBODY, 1) }
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteToSink)
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())
        _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderToSink)
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque())
        var lines = headers + ["Accept-Encoding: identity"]
        if case .bearer(let token) = authentication {
            // libcurl does not carry a custom Authorization header to another host on a redirect.
            lines.append("Authorization: Bearer \(token)")
        }
        for line in lines { list = curl_slist_append(list, line) }
        _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        let code = curl_easy_perform(handle)
        var transportError: TransportError?
        if code != CURLE_OK && sink.writeFailure == nil {
            transportError = TransportError(
                kind: code == CURLE_OPERATION_TIMEDOUT ? .timeout : .connection, curlCode: Int(code.rawValue),
                message: String(cString: curl_easy_strerror(code)))
        }
        if let failure = sink.writeFailure { throw .libcurl("Cannot write the download: \(failure)") }
        return Outcome(head: sink.head, errorBody: sink.errorBody, transportError: transportError, fileSize: sink.size)
    }
}

/// Where libcurl's callbacks put a transfer's head and body.
private final class TransferSink {
    var head = HTTPResponseHead(status: 0, headers: [:])
    var errorBody: [UInt8] = []
    var size: Int64
    var writeFailure: String?
    let file: FileHandle?
    let progress: (Int64) -> Void
    private var positioned = false

    init(file: FileHandle?, offset: Int64, progress: @escaping (Int64) -> Void) {
        self.file = file
        self.size = offset
        self.progress = progress
    }

    func body(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (200..<300).contains(head.status), let file else {
            if errorBody.count < 64 * 1024 { errorBody.append(contentsOf: bytes) }
            return true
        }
        do {
            if !positioned {
                // 206 continues at the offset; 200 is the whole file again.
                if head.status != 206 { size = 0 }
                try file.truncate(atOffset: UInt64(size))
                try file.seek(toOffset: UInt64(size))
                positioned = true
            }
            try file.write(contentsOf: Data(buffer: bytes))
        } catch {
            writeFailure = "\(error)"
            return false
        }
        size += Int64(bytes.count)
        progress(size)
        return true
    }
}

private func curlWriteToSink(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let userdata else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(userdata).takeUnretainedValue()
    let ok = data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body(UnsafeBufferPointer(start: $0, count: length)) }
    return ok ? length : 0
}

private func curlHeaderToSink(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let data, let userdata else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(userdata).takeUnretainedValue()
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
    sink.head.take(line: line)
    return length
}
