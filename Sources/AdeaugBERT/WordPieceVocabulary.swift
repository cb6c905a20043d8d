import AdeaugCore
import Foundation

/// The vocabulary as an open-addressing hash table keyed by UTF-8 bytes, so the tokenizer can
/// look up any byte range of a word without building a `String` (the hot loop of WordPiece).
/// Continuation pieces (`##ing`) are stored without their `##`, under a separate hash seed.
public struct WordPieceVocabulary: Sendable {
    public let tokens: [String]
    private let keyBytes: [UInt8]
    /// Slot → (offset into keyBytes, length, id, continuation flag); id -1 marks an empty slot.
    private let slotOffsets: [Int32]
    private let slotLengths: [Int32]
    private let slotIDs: [Int32]
    private let slotContinuation: [Bool]
    private let mask: Int
    /// Longest key in bytes: no lookup longer than this can succeed.
    public let maxKeyLength: Int

    public init(tokens: [String]) {
        self.tokens = tokens
        var capacity = 16
        while capacity < tokens.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        var keyBytes: [UInt8] = []
        var offsets = [Int32](repeating: 0, count: capacity)
        var lengths = [Int32](repeating: 0, count: capacity)
        var ids = [Int32](repeating: -1, count: capacity)
        var continuation = [Bool](repeating: false, count: capacity)
        var maxKeyLength = 0
        for (id, token) in tokens.enumerated() {
            var bytes = Array(token.utf8)
            let isContinuation = bytes.count > 2 && bytes[0] == 0x23 && bytes[1] == 0x23
            if isContinuation { bytes.removeFirst(2) }
            if bytes.isEmpty { continue }  // a blank line in vocab.txt can never match
            maxKeyLength = max(maxKeyLength, bytes.count)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0.baseAddress!, $0.count, isContinuation) }
            var slot = hash & (capacity - 1)
            var replaced = false
            while ids[slot] >= 0 {
                // A later duplicate wins, as in Hugging Face's vocabulary loading.
                if continuation[slot] == isContinuation && Int(lengths[slot]) == bytes.count
                    && keyBytes[Int(offsets[slot])..<Int(offsets[slot]) + bytes.count].elementsEqual(bytes)
                {
                    ids[slot] = Int32(id)
                    replaced = true
                    break
                }
                slot = (slot + 1) & (capacity - 1)
            }
            if replaced { continue }
            offsets[slot] = Int32(keyBytes.count)
            lengths[slot] = Int32(bytes.count)
            ids[slot] = Int32(id)
            continuation[slot] = isContinuation
            keyBytes.append(contentsOf: bytes)
        }
        self.keyBytes = keyBytes
        slotOffsets = offsets
        slotLengths = lengths
        slotIDs = ids
        slotContinuation = continuation
        self.maxKeyLength = maxKeyLength
    }

    /// Reads `vocab.txt`: one token per line, the id is the line number.
    public init(path: String, files: OutputFiles = OutputFiles(key: nil)) throws {
        let data = try ModelFile.read(path, files: files)
        // Blank lines are kept: they are tokens too, and ids must stay line numbers.
        let lines: [String]
        do {
            lines = try TextLines.lines(of: data, file: path).map(\.text)
        } catch let error as TextFormatError {
            throw BertModelError.badVocabulary(path: path, reason: "line \(error.location?.line ?? 0): \(error.reason)")
        }
        guard !lines.isEmpty else { throw BertModelError.badVocabulary(path: path, reason: "it is empty") }
        self.init(tokens: lines)
    }

    public var count: Int { tokens.count }

    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ continuation: Bool) -> Int {
        var h: UInt64 = continuation ? 0x84222325CBF29CE4 : 0xCBF29CE484222325
        for i in 0..<count { h = (h ^ UInt64(bytes[i])) &* 0x100000001B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of the piece `bytes[0..<count]` (a continuation piece when `continuation`), or -1.
    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ count: Int, continuation: Bool) -> Int32 {
        var slot = Self.hash(bytes, count, continuation) & mask
        return keyBytes.withUnsafeBufferPointer { keys in
            while true {
                let id = slotIDs[slot]
                if id < 0 { return -1 }
                if Int(slotLengths[slot]) == count && slotContinuation[slot] == continuation
                    && memcmp(keys.baseAddress! + Int(slotOffsets[slot]), bytes, count) == 0
                {
                    return id
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The id of a whole token as written in vocab.txt (`##` prefix for continuations).
    public func id(of token: String) -> Int32? {
        var bytes = Array(token.utf8)
        let isContinuation = bytes.count > 2 && bytes[0] == 0x23 && bytes[1] == 0x23
        if isContinuation { bytes.removeFirst(2) }
        let id = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return lookup(base, buffer.count, continuation: isContinuation)
        }
        return id >= 0 ? id : nil
    }
}
