import AdeaugCore
import Foundation

/// A checkpoint's tokenizer options, read as `BertTokenizerFast.from_pretrained` reads them:
/// `tokenizer_config.json` first, then `special_tokens_map.json` for token names, then
/// `tokenizer.json`'s normalizer, then BERT's defaults, field by field. Cased vocabularies
/// (`do_lower_case: false`) must tokenize case-sensitively, or every capitalised word
/// becomes other pieces than the checkpoint was trained on.
public struct TokenizerSettings: Sendable, Equatable {
    public var lowercase = true
    /// nil: strip accents exactly when lowercasing (Hugging Face's default).
    public var stripAccents: Bool? = nil
    public var tokenizeChineseChars = true
    /// `model_max_length`, nil when unset (Hugging Face writes a huge number for "none").
    public var modelMaxLength: Int? = nil
    public var clsToken = "[CLS]"
    public var sepToken = "[SEP]"
    public var padToken = "[PAD]"
    public var unkToken = "[UNK]"
    public var maskToken = "[MASK]"

    public init() {}

    /// Reads the settings from a model folder; missing or unreadable files leave the defaults.
    public init(modelDirectory: String, files: OutputFiles = OutputFiles(key: nil)) {
        func object(_ name: String) -> [String: Any] {
            guard let data = try? files.read(modelDirectory + "/" + name) else { return [:] }
            return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
        let config = object("tokenizer_config.json")
        let specialTokens = object("special_tokens_map.json")
        let normalizer = object("tokenizer.json")["normalizer"] as? [String: Any] ?? [:]
        lowercase = config["do_lower_case"] as? Bool ?? normalizer["lowercase"] as? Bool ?? true
        stripAccents = config["strip_accents"] as? Bool ?? normalizer["strip_accents"] as? Bool
        tokenizeChineseChars = config["tokenize_chinese_chars"] as? Bool ?? normalizer["handle_chinese_chars"] as? Bool ?? true
        if let length = (config["model_max_length"] as? NSNumber)?.doubleValue, length >= 1, length < 1e9 {
            modelMaxLength = Int(length)
        }
        func token(_ key: String, _ fallback: String) -> String {
            Self.tokenName(config[key]) ?? Self.tokenName(specialTokens[key]) ?? fallback
        }
        clsToken = token("cls_token", clsToken)
        sepToken = token("sep_token", sepToken)
        padToken = token("pad_token", padToken)
        unkToken = token("unk_token", unkToken)
        maskToken = token("mask_token", maskToken)
    }

    /// A special token is written as a string or as an `AddedToken` object with `content`.
    static func tokenName(_ value: Any?) -> String? {
        if let name = value as? String { return name }
        return (value as? [String: Any])?["content"] as? String
    }
}
