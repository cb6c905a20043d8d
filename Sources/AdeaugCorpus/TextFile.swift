import AdeaugCore
import Foundation

/// A corpus file read whole into memory, with the checks every reader needs: it exists, it
/// is a file, it is not empty, each line is valid UTF-8 and at most `maxLineBytes` long.
/// ADE Corpus v2 is 3 MB, so reading whole files is simpler and faster than streaming.
struct TextFile {
    /// A sentence corpus has no business with a 1 MB line: such a line is a wrong file
    /// (a binary, a JSON array on one line) rather than data.
    static let maxLineBytes = 1 << 20

    let path: String
    let bytes: [UInt8]

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CorpusError.notFound(path: path)
        }
        guard !isDirectory.boolValue else { throw CorpusError.isDirectory(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CorpusError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard !data.isEmpty else { throw CorpusError.empty(path: path) }
        self.path = path
        self.bytes = [UInt8](data)
    }

    /// The file's lines, 1-based, without their `\n` or `\r\n`. Blank lines are kept so
    /// that readers can skip them while line numbers stay true.
    func lines() throws -> [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        result.reserveCapacity(bytes.count / 80)
        var start = 0
        var number = 1
        try bytes.withUnsafeBufferPointer { buffer in
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                var contentEnd = end
                if contentEnd > start && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let location = SourceLocation(file: path, line: number)
                let length = contentEnd - start
                guard length <= Self.maxLineBytes else {
                    throw CorpusError.lineTooLong(location, bytes: length, limit: Self.maxLineBytes)
                }
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<contentEnd])
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw CorpusError.invalidUTF8(location)
                }
                result.append((number, text))
                start = end + 1
                number += 1
            }
        }
        return result
    }
}
