import AdeaugCore
import Foundation

/// BERT's tokenizer, identical in output to Hugging Face's `BertTokenizer`/`BertTokenizerFast`:
/// special tokens (`[CLS]`, `[SEP]`, ...) written in the text are kept whole; then the basic
/// tokenizer (drop control characters, whitespace split, spaces around CJK ideographs,
/// lower case and accent stripping when uncased, split off punctuation); then greedy
/// longest-match WordPiece with `##` continuations, `[UNK]` for words over 100 characters or
/// with no segmentation.
///
/// Pure ASCII text, nearly all of the ADE corpus, takes a byte-level path that never builds a
/// `String`; anything else goes through Unicode scalars and Foundation's NFD.
public struct BertTokenizer: Sendable {
    public let vocabulary: WordPieceVocabulary
    public let lowercase: Bool
    public let stripAccents: Bool
    public let tokenizeChineseChars: Bool
    public let clsID: Int32
    public let sepID: Int32
    public let padID: Int32
    public let unkID: Int32
    /// Special tokens matched verbatim in the raw text, longest first.
    private let specials: [(bytes: [UInt8], id: Int32)]
    public let maxInputCharsPerWord = 100

    public init(vocabulary: WordPieceVocabulary, lowercase: Bool = true, stripAccents: Bool? = nil, tokenizeChineseChars: Bool = true) {
        self.vocabulary = vocabulary
        self.lowercase = lowercase
        // Hugging Face: strip_accents unset means "strip when lowercasing".
        self.stripAccents = stripAccents ?? lowercase
        self.tokenizeChineseChars = tokenizeChineseChars
        clsID = vocabulary.id(of: "[CLS]") ?? 101
        sepID = vocabulary.id(of: "[SEP]") ?? 102
        padID = vocabulary.id(of: "[PAD]") ?? 0
        unkID = vocabulary.id(of: "[UNK]") ?? 100
        specials = ["[MASK]", "[CLS]", "[SEP]", "[PAD]", "[UNK]"].compactMap { token in
            vocabulary.id(of: token).map { (Array(token.utf8), $0) }
        }
    }

    /// Loads `vocab.txt` and the casing options of `tokenizer_config.json` (or of
    /// `tokenizer.json`'s normalizer) from a Hugging Face model folder.
    public init(modelDirectory: String, files: OutputFiles = OutputFiles(key: nil)) throws {
        let folder = URL(fileURLWithPath: modelDirectory)
        let vocabulary = try WordPieceVocabulary(path: folder.appendingPathComponent("vocab.txt").path, files: files)
        var lowercase = true
        var stripAccents: Bool? = nil
        var chinese = true
        if let data = try? files.read(folder.appendingPathComponent("tokenizer_config.json").path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            lowercase = object["do_lower_case"] as? Bool ?? true
            stripAccents = object["strip_accents"] as? Bool
            chinese = object["tokenize_chinese_chars"] as? Bool ?? true
        } else if let data = try? files.read(folder.appendingPathComponent("tokenizer.json").path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let normalizer = object["normalizer"] as? [String: Any]
        {
            lowercase = normalizer["lowercase"] as? Bool ?? true
            stripAccents = normalizer["strip_accents"] as? Bool
            chinese = normalizer["handle_chinese_chars"] as? Bool ?? true
        }
        self.init(vocabulary: vocabulary, lowercase: lowercase, stripAccents: stripAccents, tokenizeChineseChars: chinese)
    }

    /// Token ids with `[CLS]` first and `[SEP]` last, truncated to `maxLength` ids in all.
    public func encode(_ text: String, maxLength: Int = 512) -> [Int32] {
        var ids: [Int32] = [clsID]
        ids.reserveCapacity(text.utf8.count / 3 + 4)
        appendPieces(of: text, to: &ids)
        if ids.count > maxLength - 1 { ids.removeLast(ids.count - (maxLength - 1)) }
        ids.append(sepID)
        return ids
    }

    /// The word pieces of `text` as strings (no `[CLS]`/`[SEP]`).
    public func tokenize(_ text: String) -> [String] {
        var ids: [Int32] = []
        appendPieces(of: text, to: &ids)
        return ids.map { vocabulary.tokens[Int($0)] }
    }

    /// Appends the ids of `text`'s word pieces.
    public func appendPieces(of text: String, to ids: inout [Int32]) {
        var text = text
        let handled: Bool = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
            for b in bytes where b >= 0x80 { return false }
            appendASCII(base, bytes.count, to: &ids)
            return true
        }
        if !handled { appendUnicode(text, to: &ids) }
    }

    // MARK: ASCII path

    private func appendASCII(_ bytes: UnsafePointer<UInt8>, _ count: Int, to ids: inout [Int32]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 1) { scratch in
            let word = scratch.baseAddress!
            var length = 0
            var i = 0
            while i < count {
                let b = bytes[i]
                if b == 0x5B, let (id, size) = special(at: bytes + i, remaining: count - i) {
                    if length > 0 { appendWord(word, length, characters: length, to: &ids); length = 0 }
                    ids.append(id)
                    i += size
                    continue
                }
                i += 1
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                    if length > 0 { appendWord(word, length, characters: length, to: &ids); length = 0 }
                } else if b < 0x20 || b == 0x7F {
                    continue  // control characters vanish without splitting the word
                } else if Self.isASCIIPunctuation(b) {
                    if length > 0 { appendWord(word, length, characters: length, to: &ids); length = 0 }
                    word[0] = b
                    appendWord(word, 1, characters: 1, to: &ids)
                } else {
                    word[length] = lowercase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    length += 1
                }
            }
            if length > 0 { appendWord(word, length, characters: length, to: &ids) }
        }
    }

    @inline(__always)
    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 33 && b <= 47) || (b >= 58 && b <= 64) || (b >= 91 && b <= 96) || (b >= 123 && b <= 126)
    }

    @inline(__always)
    private func special(at bytes: UnsafePointer<UInt8>, remaining: Int) -> (Int32, Int)? {
        for special in specials where special.bytes.count <= remaining {
            if special.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes, $0.count) == 0 }) {
                return (special.id, special.bytes.count)
            }
        }
        return nil
    }

    // MARK: Unicode path

    private func appendUnicode(_ text: String, to ids: inout [Int32]) {
        // Split out special tokens on the raw text first, as Hugging Face's added tokens are.
        var pieces: [(text: String, special: Int32?)] = []
        let utf8 = Array(text.utf8)
        var segmentStart = 0
        var i = 0
        utf8.withUnsafeBufferPointer { buffer in
            while i < buffer.count {
                if buffer[i] == 0x5B, let (id, size) = special(at: buffer.baseAddress! + i, remaining: buffer.count - i) {
                    pieces.append((String(decoding: buffer[segmentStart..<i], as: UTF8.self), nil))
                    pieces.append(("", id))
                    i += size
                    segmentStart = i
                } else {
                    i += 1
                }
            }
            pieces.append((String(decoding: buffer[segmentStart..<buffer.count], as: UTF8.self), nil))
        }
        for piece in pieces {
            if let id = piece.special { ids.append(id) } else { appendNormalized(piece.text, to: &ids) }
        }
    }

    private func appendNormalized(_ text: String, to ids: inout [Int32]) {
        // Clean, space out CJK ideographs, lower-case.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0 || value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if tokenizeChineseChars && Self.isChineseCharacter(value) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else if lowercase {
                cleaned.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                cleaned.append(scalar)
            }
        }
        var normalized = String(cleaned)
        if stripAccents { normalized = normalized.decomposedStringWithCanonicalMapping }
        var word: [UInt8] = []
        var characters = 0
        func flush() {
            if characters > 0 {
                word.withUnsafeBufferPointer { appendWord($0.baseAddress!, $0.count, characters: characters, to: &ids) }
            }
            word.removeAll(keepingCapacity: true)
            characters = 0
        }
        for scalar in normalized.unicodeScalars {
            if stripAccents && scalar.properties.generalCategory == .nonspacingMark { continue }
            if Self.isWhitespace(scalar) {
                flush()
            } else if Self.isPunctuation(scalar) {
                flush()
                word.append(contentsOf: String(scalar).utf8)
                characters = 1
                flush()
            } else {
                word.append(contentsOf: String(scalar).utf8)
                characters += 1
            }
        }
        flush()
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    static func isChineseCharacter(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x2A6DF)
            || (v >= 0x2A700 && v <= 0x2B73F) || (v >= 0x2B740 && v <= 0x2B81F)
            || (v >= 0x2B820 && v <= 0x2CEAF) || (v >= 0xF900 && v <= 0xFAFF)
            || (v >= 0x2F800 && v <= 0x2FA1F)
    }

    // MARK: WordPiece

    /// Greedy longest-match-first segmentation of one word (UTF-8 bytes); the whole word
    /// becomes `[UNK]` when it is too long or some suffix matches no piece.
    @inline(__always)
    private func appendWord(_ word: UnsafePointer<UInt8>, _ count: Int, characters: Int, to ids: inout [Int32]) {
        if characters > maxInputCharsPerWord {
            ids.append(unkID)
            return
        }
        let firstPiece = ids.count
        var start = 0
        while start < count {
            var end = min(count, start + vocabulary.maxKeyLength)
            while end < count && end > start && word[end] & 0xC0 == 0x80 { end -= 1 }
            var found: Int32 = -1
            while end > start {
                found = vocabulary.lookup(word + start, end - start, continuation: start > 0)
                if found >= 0 { break }
                end -= 1
                while end > start && word[end] & 0xC0 == 0x80 { end -= 1 }
            }
            if found < 0 {
                ids.removeLast(ids.count - firstPiece)
                ids.append(unkID)
                return
            }
            ids.append(found)
            start = end
        }
    }
}
