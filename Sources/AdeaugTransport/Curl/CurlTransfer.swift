import CCurl

/// One easy handle with its response buffer, owned by `CurlMultiClient` and reused for
/// many requests (the connections themselves live in the multi handle's cache).
final class CurlTransfer {
    let handle: UnsafeMutableRawPointer
    var tag = 0
    var body: [UInt8] = []
    var headerList: UnsafeMutablePointer<curl_slist>?
    var startedAt: ContinuousClock.Instant = .now

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        body.reserveCapacity(4096)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(handle)
    }

    /// Clears what the previous request set, keeping the buffers' capacity.
    func reset() {
        curl_easy_reset(handle)
        curl_slist_free_all(headerList)
        headerList = nil
        body.removeAll(keepingCapacity: true)
    }
}
