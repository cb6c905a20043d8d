import Foundation

/// Removes personal identifiers from example sentences before they leave the machine
/// (`--redact`): e-mail addresses, phone numbers, dates and record numbers become
/// `[EMAIL]`, `[PHONE]`, `[DATE]` and `[RECORD]`.
///
/// Doses, ages and years on their own are kept: "5 mg", "a 45-year-old" and "in 1998" carry
/// the medical content and identify nobody.
public struct Redactor: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and safe to share.
    private let rules: [(NSRegularExpression, String)]

    public init() {
        let months = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?"
        let patterns: [(String, String)] = [
            ("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "[EMAIL]"),
            ("(?i)\\b(?:MRN|medical record(?: number| no\\.?)?|record (?:number|no\\.?)|patient (?:ID|number|no\\.?)|case (?:number|no\\.?)|chart (?:number|no\\.?))\\s*[:#]?\\s*[A-Z0-9][A-Z0-9-]{3,}\\b", "[RECORD]"),
            ("#\\s?\\d{5,}\\b", "[RECORD]"),
            ("\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b", "[DATE]"),
            ("\\b\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b", "[DATE]"),
            ("\\b\(months) \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b", "[DATE]"),
            ("\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?\(months),? \\d{4}\\b", "[DATE]"),
            ("(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\b\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}\\b", "[PHONE]"),
        ]
        rules = patterns.map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for (expression, replacement) in rules {
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: replacement)
        }
        return result
    }
}
