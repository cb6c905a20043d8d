import Foundation

/// One line of a text file: its 1-based number and its text without the line end.
public struct TextLine: Sendable, Hashable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }

    /// Nothing but spaces and tabs (and other Unicode space separators): readers skip such
    /// lines. Line and paragraph separators (U+2028, U+2029) and U+0085 are not blank: they
    /// are part of a record.
    public var isBlank: Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
    }
}
