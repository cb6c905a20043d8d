/// A decoded Thrift value (compact protocol), as `ThriftCompactReader` returns it.
enum ThriftValue: Sendable {
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case binary([UInt8])
    case list([ThriftValue])
    case structure([Int16: ThriftValue])

    subscript(field: Int16) -> ThriftValue? {
        if case .structure(let fields) = self { return fields[field] }
        return nil
    }

    var integer: Int? {
        if case .integer(let value) = self { return Int(truncatingIfNeeded: value) }
        return nil
    }

    var string: String? {
        if case .binary(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    var list: [ThriftValue]? {
        if case .list(let values) = self { return values }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
}
