@testable import AdeaugContamination

/// Every document of a source, for comparing readers in tests.
extension DocumentSource {
    func documents() throws -> [WebDocument] {
        var result: [WebDocument] = []
        try forEachDocument(from: 0) { result.append($0) }
        return result
    }
}
