/// One task of an array job: the `index`-th of `count` processes started with the same command
/// line (a Slurm job array, a Kubernetes Indexed Job, an AWS Batch array job, or `--shard i/N`
/// by hand). Work is split by position in a sorted list, so every task agrees on the split
/// whatever order its inputs were given in.
public struct ArrayTask: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(ArrayTaskError) {
        guard count >= 1, index >= 0, index < count else { throw .outOfRange(index: index, count: count, origin: "--shard") }
        self.index = index
        self.count = count
    }

    /// Parses `i/N` (a `--shard` value).
    public init(parsing text: String) throws(ArrayTaskError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .unparsable(text) }
        try self.init(index: index, count: count)
    }

    /// The items this task handles: every `count`-th of `items` starting at `index`.
    public func select<Item>(_ items: [Item]) -> [Item] {
        items.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// The files this task handles: duplicates dropped, sorted, then every `count`-th.
    public func selectFiles(_ paths: [String]) -> [String] {
        select(Array(Set(paths)).sorted())
    }

    public var description: String { "\(index)/\(count)" }
}
