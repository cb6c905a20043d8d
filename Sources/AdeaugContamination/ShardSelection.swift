/// `--shard i/N`: which part of a list of input files this process handles, so that N
/// machines (an array job) each take every N-th file. Files are taken by their position in
/// the sorted list, so every process agrees on the split whatever order they were given in.
public struct ShardSelection: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw ContaminationError.invalidArgument("--shard \(index)/\(count): need 0 ≤ i < N")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ContaminationError.invalidArgument("--shard \(text): expected i/N, e.g. 0/8")
        }
        try self.init(index: index, count: count)
    }

    public static let all = try! ShardSelection(index: 0, count: 1)

    /// The files of `paths` this shard handles, in sorted order.
    public func select(_ paths: [String]) -> [String] {
        Array(Set(paths)).sorted().enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
