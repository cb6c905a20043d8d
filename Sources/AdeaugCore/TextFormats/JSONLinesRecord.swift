/// One record of a JSON Lines file with the line it was read from.
public struct JSONLinesRecord<Value> {
    public var location: SourceLocation
    public var value: Value

    public init(location: SourceLocation, value: Value) {
        self.location = location
        self.value = value
    }
}

extension JSONLinesRecord: Sendable where Value: Sendable {}
extension JSONLinesRecord: Equatable where Value: Equatable {}
