import AdeaugCore

/// How many real positives a learning-curve point keeps: a number, or every one the split has.
/// Written `50` or `all` in adeaug.yaml and on the command line.
public enum RealPositiveBudget: Sendable, Hashable, WrittenAsText {
    case count(Int)
    case all

    public init(parsing text: String) throws(InvalidSetting) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "all" { self = .all; return }
        guard let count = Int(trimmed), count >= 1 else {
            throw InvalidSetting("realPositives", "lists positive whole numbers or all, not \(text)")
        }
        self = .count(count)
    }

    /// The real positives kept from `available`: the budget, at most all of them.
    public func resolved(available: Int) -> Int {
        switch self {
        case .count(let count): min(count, available)
        case .all: available
        }
    }

    /// What `Rebalancer` takes: nil keeps every real positive.
    public var trainPositives: Int? {
        switch self {
        case .count(let count): count
        case .all: nil
        }
    }

    public var description: String {
        switch self {
        case .count(let count): String(count)
        case .all: "all"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let count): try container.encode(count)
        case .all: try container.encode("all")
        }
    }
}

/// How many positives every strategy adds at a learning-curve point: a share of the real
/// positives kept (`+100%`) or a number (`200`). Written the same way in YAML and on the command line.
public enum AddedPositives: Sendable, Hashable, WrittenAsText {
    case count(Int)
    /// `1.0` is `+100%`: as many added positives as real ones.
    case shareOfReal(Double)

    public init(parsing text: String) throws(InvalidSetting) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast().drop { $0 == "+" }
            guard let percent = Double(number), percent > 0, percent.isFinite else {
                throw InvalidSetting("added", "lists shares such as +100% or counts such as 200, not \(text)")
            }
            self = .shareOfReal(percent / 100)
            return
        }
        guard let count = Int(trimmed), count >= 1 else {
            throw InvalidSetting("added", "lists shares such as +100% or counts such as 200, not \(text)")
        }
        self = .count(count)
    }

    /// The positives to add at a point with `realPositives` real ones.
    public func resolved(realPositives: Int) -> Int {
        switch self {
        case .count(let count): count
        case .shareOfReal(let share): Int((share * Double(realPositives)).rounded())
        }
    }

    public var description: String {
        switch self {
        case .count(let count): String(count)
        case .shareOfReal(let share):
            "+" + (abs(share * 100 - (share * 100).rounded()) < 1e-9 ? String(Int((share * 100).rounded())) : String(share * 100)) + "%"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A setting written as one number or word in YAML and on the command line, read through the
/// same parser both ways, so the two spellings can never disagree.
public protocol WrittenAsText: Codable, CustomStringConvertible {
    init(parsing text: String) throws(InvalidSetting)
}

extension WrittenAsText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let number = try? container.decode(Int.self)
        let text = try number.map(String.init) ?? container.decode(String.self)
        do {
            self = try Self(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.problem))
        }
    }
}
