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
    /// By byte: whether some special token begins with it (`[` for BERT's), so the hot loop
    /// tries a match only there.
    private let startsSpecial: [Bool]
    public let maxInputCharsPerWord = 100

    /// `model_max_length` of the checkpoint's tokenizer, when it sets one.
    public let modelMaxLength: Int?

    public init(vocabulary: WordPieceVocabulary, lowercase: Bool = true, stripAccents: Bool? = nil, tokenizeChineseChars: Bool = true) {
        var settings = TokenizerSettings()
        settings.lowercase = lowercase
        settings.stripAccents = stripAccents
        settings.tokenizeChineseChars = tokenizeChineseChars
        self.init(vocabulary: vocabulary, settings: settings)
    }

    /// A tokenizer with `settings`; special tokens the vocabulary lacks fall back to
    /// bert-base-uncased's ids (`init(modelDirectory:)` refuses such a vocabulary instead).
    public init(vocabulary: WordPieceVocabulary, settings: TokenizerSettings) {
        self.vocabulary = vocabulary
        lowercase = settings.lowercase
        // Hugging Face: strip_accents unset means "strip when lowercasing".
        stripAccents = settings.stripAccents ?? settings.lowercase
        tokenizeChineseChars = settings.tokenizeChineseChars
        modelMaxLength = settings.modelMaxLength
        clsID = vocabulary.id(of: settings.clsToken) ?? 101
        sepID = vocabulary.id(of: settings.sepToken) ?? 102
        padID = vocabulary.id(of: settings.padToken) ?? 0
        unkID = vocabulary.id(of: settings.unkToken) ?? 100
        let names = [settings.maskToken, settings.clsToken, settings.sepToken, settings.padToken, settings.unkToken]
        specials = names.sorted { $0.utf8.count > $1.utf8.count }.compactMap { token in
            vocabulary.id(of: token).map { (Array(token.utf8), $0) }
        }
        var starts = [Bool](repeating: false, count: 256)
        for special in specials where !special.bytes.isEmpty { starts[Int(special.bytes[0])] = true }
        startsSpecial = starts
    }

    /// Loads the vocabulary (`vocab.txt`, else `tokenizer.json`'s WordPiece vocabulary) and
    /// `TokenizerSettings` (casing, accents, CJK, special token names, `model_max_length`) from
    /// a Hugging Face model folder. The vocabulary may be of any size but must hold the special
    /// tokens the settings name.
    public init(modelDirectory: String, files: OutputFiles = OutputFiles(key: nil)) throws {
        guard let path = WordPieceVocabulary.path(inModelDirectory: modelDirectory) else {
            throw BertModelError.modelNotFound(path: modelDirectory)
        }
        let vocabulary = try WordPieceVocabulary(modelFile: path, files: files)
        let settings = TokenizerSettings(modelDirectory: modelDirectory, files: files)
        for (role, token) in [("cls_token", settings.clsToken), ("sep_token", settings.sepToken), ("pad_token", settings.padToken), ("unk_token", settings.unkToken)]
        where vocabulary.id(of: token) == nil {
            throw BertModelError.badVocabulary(path: path, reason: "it has no \(token), the \(role) of the tokenizer settings")
        }
        self.init(vocabulary: vocabulary, settings: settings)
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
                if startsSpecial[Int(b)], let (id, size) = special(at: bytes + i, remaining: count - i) {
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
                if startsSpecial[Int(buffer[i])], let (id, size) = special(at: buffer.baseAddress! + i, remaining: buffer.count - i) {
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
