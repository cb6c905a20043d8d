import CCurl

/// libcurl's process-wide setup, done once and never undone.
///
/// `curl_global_cleanup` tears down state shared by every handle in the process (TLS and
/// crypto libraries, libssh2); calling it when one client goes away while another thread's
/// client is signing or encrypting can hang that thread. So the setup happens once, the first
/// time a client is made (Swift runs a static initialiser exactly once, thread-safely), and
/// the process's exit releases it.
enum CurlGlobal {
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
