// Generation's public API speaks in transport types (an `Endpoint` carries a
// `RequestAuthentication`, `GenerationOptions` a `RetryPolicy`, requests are `HTTPRequest`s),
// so whoever imports generation can name them without importing the transport as well.
@_exported import AdeaugTransport
