/// Parquet's RLE / bit-packing hybrid, used for definition levels and dictionary indices:
/// runs, each a varint header, then either one repeated value (header bit 0 clear) or groups of
/// eight values bit-packed least significant bit first (header bit 0 set).
enum RunLengthBitPacked {
    static func decode(_ raw: UnsafeRawBufferPointer, bitWidth: Int, count: Int, file: String) throws -> [UInt32] {
        func corrupt() -> ContaminationError {
            ContaminationError.unreadable(file: file, reason: "Parquet: corrupt RLE/bit-packed data")
        }
        var values: [UInt32] = []
        values.reserveCapacity(count)
        var position = 0
        let valueBytes = (bitWidth + 7) / 8
        let mask: UInt64 = bitWidth >= 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        while values.count < count {
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < raw.count, shift < 64 else { throw corrupt() }
                let byte = raw[position]
                position += 1
                header |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            guard header >> 1 > 0 else { throw corrupt() }  // an empty run would never end
            if header & 1 == 0 {
                let run = Int(header >> 1)
                guard position + valueBytes <= raw.count else { throw corrupt() }
                var value: UInt32 = 0
                for byte in 0..<valueBytes { value |= UInt32(raw[position + byte]) << (8 * UInt32(byte)) }
                position += valueBytes
                let take = min(run, count - values.count)
                values.append(contentsOf: repeatElement(value, count: take))
            } else {
                let groups = Int(header >> 1)
                let byteCount = groups * bitWidth
                guard groups <= raw.count, position + byteCount <= raw.count else { throw corrupt() }
                var bitBuffer: UInt64 = 0
                var bitsHeld = 0
                var next = position
                for _ in 0..<(groups * 8) {
                    while bitsHeld < bitWidth {
                        bitBuffer |= UInt64(raw[next]) << UInt64(bitsHeld)
                        next += 1
                        bitsHeld += 8
                    }
                    if values.count < count { values.append(UInt32(bitBuffer & mask)) }
                    bitBuffer >>= UInt64(bitWidth)
                    bitsHeld -= bitWidth
                }
                position += byteCount
            }
        }
        return values
    }
}
