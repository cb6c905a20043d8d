/// A Python pickle, as far as `torch.save` writes one (protocols 2 to 5), read into inert values.
///
/// Written here because no Swift package reads pickles. Unlike Python's `pickle.load` it never
/// runs code: a `GLOBAL` is only a name, and `REDUCE`/`NEWOBJ` call back `reduce`, which builds
/// the few objects the caller knows (for torch: tensors, parameters, OrderedDicts) and leaves
/// everything else as an opaque `.object`.
public indirect enum PickleValue: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDictionary)
    case global(module: String, name: String)
    /// What a `reduce` callback built (a tensor, a storage) or an object nobody knows.
    case object(any Sendable)

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let i) = self { i } else { nil } }
    var tupleItems: [PickleValue]? {
        switch self {
        case .tuple(let items): items
        case .list(let list): list.items
        default: nil
        }
    }
}

/// Lists and dictionaries are built in place after they are memoised (`EMPTY_DICT`, `BINPUT`,
/// `SETITEMS`), so they are references, as in Python.
public final class PickleList: @unchecked Sendable {
    public var items: [PickleValue] = []
}

public final class PickleDictionary: @unchecked Sendable {
    /// In insertion order (an OrderedDict's order).
    public var entries: [(key: PickleValue, value: PickleValue)] = []
}

/// A pickle that cannot be read: what was wrong and at which byte.
public struct PickleError: Error, CustomStringConvertible, Equatable {
    public var offset: Int
    public var reason: String

    public var description: String { "\(reason) at byte \(offset)" }
}

public struct Unpickler: Sendable {
    /// Turns a persistent id (torch: `('storage', type, key, location, numel)`) into a value.
    public var persistentLoad: @Sendable (PickleValue) throws -> PickleValue
    /// `callable(*arguments)` for `REDUCE` and `NEWOBJ`; return `.object(...)` for the unknown.
    public var reduce: @Sendable (_ callable: PickleValue, _ arguments: [PickleValue]) throws -> PickleValue

    public init(
        persistentLoad: @escaping @Sendable (PickleValue) throws -> PickleValue,
        reduce: @escaping @Sendable (_ callable: PickleValue, _ arguments: [PickleValue]) throws -> PickleValue
    ) {
        self.persistentLoad = persistentLoad
        self.reduce = reduce
    }

    /// A callback's `PickleError` placed at the opcode that made the call.
    private func at(_ offset: Int, _ body: () throws -> PickleValue) throws -> PickleValue {
        do { return try body() } catch var error as PickleError {
            error.offset = offset
            throw error
        }
    }

    public func load(_ bytes: [UInt8]) throws -> PickleValue {
        var reader = ByteReader(bytes: bytes)
        var stack: [PickleValue] = []
        var marks: [Int] = []
        var memo: [Int: PickleValue] = [:]

        func pop() throws -> PickleValue {
            guard let top = stack.popLast() else { throw PickleError(offset: reader.position, reason: "stack underflow") }
            return top
        }
        func popToMark() throws -> [PickleValue] {
            guard let mark = marks.popLast(), mark <= stack.count else {
                throw PickleError(offset: reader.position, reason: "no MARK on the stack")
            }
            defer { stack.removeSubrange(mark...) }
            return Array(stack[mark...])
        }
        func top() throws -> PickleValue {
            guard let last = stack.last else { throw PickleError(offset: reader.position, reason: "stack underflow") }
            return last
        }
        func setItems(_ items: [PickleValue], into target: PickleValue) throws {
            guard case .dict(let dictionary) = target, items.count % 2 == 0 else {
                throw PickleError(offset: reader.position, reason: "SETITEMS on something that is not a dict")
            }
            for i in stride(from: 0, to: items.count, by: 2) { dictionary.entries.append((items[i], items[i + 1])) }
        }
        func append(_ items: [PickleValue], to target: PickleValue) throws {
            guard case .list(let list) = target else {
                throw PickleError(offset: reader.position, reason: "APPENDS on something that is not a list")
            }
            list.items += items
        }

        while true {
            let opcodeOffset = reader.position
            let opcode = try reader.byte()
            switch opcode {
            case 0x80: _ = try reader.byte()  // PROTO
            case 0x95: _ = try reader.integer(8)  // FRAME: a length hint only
            case 0x2E: return try pop()  // STOP
            case 0x28: marks.append(stack.count)  // MARK
            case 0x7D: stack.append(.dict(PickleDictionary()))  // EMPTY_DICT
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popToMark()))  // TUPLE
            case 0x85: stack.append(.tuple([try pop()]))  // TUPLE1
            case 0x86:  // TUPLE2
                let b = try pop(), a = try pop()
                stack.append(.tuple([a, b]))
            case 0x87:  // TUPLE3
                let c = try pop(), b = try pop(), a = try pop()
                stack.append(.tuple([a, b, c]))
            case 0x71: memo[Int(try reader.byte())] = try top()  // BINPUT
            case 0x72: memo[try reader.integer(4)] = try top()  // LONG_BINPUT
            case 0x94: memo[memo.count] = try top()  // MEMOIZE
            case 0x68, 0x6A:  // BINGET, LONG_BINGET
                let index = opcode == 0x68 ? Int(try reader.byte()) : try reader.integer(4)
                guard let value = memo[index] else { throw PickleError(offset: opcodeOffset, reason: "memo \(index) read before it was written") }
                stack.append(value)
            case 0x63:  // GLOBAL "module\nname\n"
                let module = try reader.line(), name = try reader.line()
                stack.append(.global(module: module, name: name))
            case 0x93:  // STACK_GLOBAL
                let name = try pop(), module = try pop()
                guard let n = name.string, let m = module.string else {
                    throw PickleError(offset: opcodeOffset, reason: "STACK_GLOBAL without two strings")
                }
                stack.append(.global(module: m, name: n))
            case 0x58, 0x8C, 0x8D, 0x54, 0x55:  // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8, BINSTRING, SHORT_BINSTRING
                let width = [0x58: 4, 0x8C: 1, 0x8D: 8, 0x54: 4, 0x55: 1][Int(opcode)]!
                let raw = try reader.bytes(try reader.integer(width))
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw PickleError(offset: opcodeOffset, reason: "a string that is not UTF-8")
                }
                stack.append(.string(text))
            case 0x42, 0x43, 0x8E:  // BINBYTES, SHORT_BINBYTES, BINBYTES8
                let width = [0x42: 4, 0x43: 1, 0x8E: 8][Int(opcode)]!
                stack.append(.bytes(try reader.bytes(try reader.integer(width))))
            case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try reader.integer(4)))))  // BININT
            case 0x4B: stack.append(.int(Int(try reader.byte())))  // BININT1
            case 0x4D: stack.append(.int(try reader.integer(2)))  // BININT2
            case 0x8A:  // LONG1: little-endian two's complement
                let raw = try reader.bytes(Int(try reader.byte()))
                guard raw.count <= 8 else { throw PickleError(offset: opcodeOffset, reason: "an integer wider than 64 bits") }
                var value: UInt64 = 0
                for (i, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
                if let last = raw.last, last & 0x80 != 0, raw.count < 8 { value |= ~0 << (8 * UInt64(raw.count)) }
                stack.append(.int(Int(Int64(bitPattern: value))))
            case 0x47:  // BINFLOAT: big-endian double
                var bits: UInt64 = 0
                for byte in try reader.bytes(8) { bits = bits << 8 | UInt64(byte) }
                stack.append(.float(Double(bitPattern: bits)))
            case 0x4E: stack.append(.none)  // NONE
            case 0x88: stack.append(.bool(true))  // NEWTRUE
            case 0x89: stack.append(.bool(false))  // NEWFALSE
            case 0x52, 0x81:  // REDUCE, NEWOBJ
                let arguments = try pop(), callable = try pop()
                guard let items = arguments.tupleItems else { throw PickleError(offset: opcodeOffset, reason: "REDUCE without an argument tuple") }
                stack.append(try at(opcodeOffset) { try reduce(callable, items) })
            case 0x62: _ = try pop()  // BUILD: object state (an OrderedDict's _metadata) is not needed
            case 0x73:  // SETITEM
                let value = try pop(), key = try pop()
                try setItems([key, value], into: try top())
            case 0x75:  // SETITEMS
                let items = try popToMark()
                try setItems(items, into: try top())
            case 0x61:  // APPEND
                let value = try pop()
                try append([value], to: try top())
            case 0x65:  // APPENDS
                let items = try popToMark()
                try append(items, to: try top())
            case 0x51:  // BINPERSID
                let id = try pop()
                stack.append(try at(opcodeOffset) { try persistentLoad(id) })
            case 0x30: _ = try pop()  // POP
            case 0x31: _ = try popToMark()  // POP_MARK
            case 0x32: stack.append(try top())  // DUP
            default:
                throw PickleError(offset: opcodeOffset, reason: "unsupported pickle opcode 0x\(String(opcode, radix: 16))")
            }
        }
    }
}

/// Little-endian reads over the pickle's bytes, each checked against the end.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw PickleError(offset: position, reason: "the pickle ends early (no STOP)") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else {
            throw PickleError(offset: position, reason: "the pickle ends inside a \(count)-byte value")
        }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func integer(_ width: Int) throws -> Int {
        var value: UInt64 = 0
        for (i, byte) in try bytes(width).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        guard value <= UInt64(Int.max) else { throw PickleError(offset: position - width, reason: "a length too large") }
        return Int(value)
    }

    mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw PickleError(offset: position, reason: "a GLOBAL name without its newline")
        }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }
}
