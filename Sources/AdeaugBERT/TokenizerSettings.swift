import AdeaugCore
import Foundation

/// A checkpoint's tokenizer options, read as `AutoTokenizer.from_pretrained` reads them:
/// `tokenizer_config.json` decides casing, accents and CJK handling, each field defaulting as
/// `BertTokenizer`'s arguments do (transformers 5.24 then rebuilds tokenizer.json's normalizer
/// from them, so a normalizer saying `lowercase: false` under a config without
/// `do_lower_case` still lowercases); only a folder without `tokenizer_config.json` takes them
/// from `tokenizer.json`'s normalizer. Token names come from `tokenizer_config.json`, then
/// `special_tokens_map.json`. Cased vocabularies (`do_lower_case: false`) must tokenize
/// case-sensitively, or every capitalised word becomes other pieces than the checkpoint saw.
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
        let casing = config.isEmpty ? Self.configFields(ofNormalizer: object("tokenizer.json")["normalizer"] as? [String: Any] ?? [:]) : config
        lowercase = casing["do_lower_case"] as? Bool ?? true
        stripAccents = casing["strip_accents"] as? Bool
        tokenizeChineseChars = casing["tokenize_chinese_chars"] as? Bool ?? true
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

    /// A `BertNormalizer`'s fields under `tokenizer_config.json`'s names.
    static func configFields(ofNormalizer normalizer: [String: Any]) -> [String: Any] {
        var fields: [String: Any] = [:]
        fields["do_lower_case"] = normalizer["lowercase"]
        fields["strip_accents"] = normalizer["strip_accents"]
        fields["tokenize_chinese_chars"] = normalizer["handle_chinese_chars"]
        return fields
    }

    /// A special token is written as a string or as an `AddedToken` object with `content`.
    static func tokenName(_ value: Any?) -> String? {
        if let name = value as? String { return name }
        return (value as? [String: Any])?["content"] as? String
    }
}
