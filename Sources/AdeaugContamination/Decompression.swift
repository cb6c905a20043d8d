import CSnappy
import CAdeaugZlib
import CZstd
import Foundation

/// Whole-buffer decompression with the C libraries Debian ships (libz, libzstd, libsnappy):
/// no Swift package in the machine's mirror does gzip, zstd and snappy without pulling in NIO.
enum Decompression {
    static func decompressIfNeeded(_ data: Data, file: String) throws -> Data {
        let bytes = [UInt8](data.prefix(4))
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { return try gunzip(data, file: file) }
        if bytes == [0x28, 0xB5, 0x2F, 0xFD] { return try zstd(data, file: file) }
        return data
    }

    /// gzip (all members of a multi-member file), via zlib's inflate with header detection.
    static func gunzip(_ data: Data, file: String) throws -> Data {
        var output = Data()
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
            throw ContaminationError.unreadable(file: file, reason: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: UInt8.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_STREAM_END {
                    guard stream.avail_in > 0 else { return }
                    inflateReset(&stream)  // another gzip member follows
                } else if status != Z_OK {
                    throw ContaminationError.unreadable(file: file, reason: "corrupt or truncated gzip data")
                } else if stream.avail_in == 0 && stream.avail_out != 0 {
                    throw ContaminationError.unreadable(file: file, reason: "truncated gzip data")
                }
            }
        }
        return output
    }

    /// A zstd stream (any number of frames).
    static func zstd(_ data: Data, file: String) throws -> Data {
        guard let context = ZSTD_createDCtx() else {
            throw ContaminationError.unreadable(file: file, reason: "zstd initialisation failed")
        }
        defer { ZSTD_freeDCtx(context) }
        var output = Data()
        let chunkSize = Int(ZSTD_DStreamOutSize())
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            var last = 0
            while input.pos < input.size {
                try chunk.withUnsafeMutableBytes { buffer in
                    var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                    last = ZSTD_decompressStream(context, &out, &input)
                    if ZSTD_isError(last) != 0 {
                        throw ContaminationError.unreadable(
                            file: file, reason: "corrupt zstd data: \(String(cString: ZSTD_getErrorName(last)))")
                    }
                    output.append(buffer.bindMemory(to: UInt8.self).baseAddress!, count: out.pos)
                }
            }
            // Flush what the decoder still holds.
            while last != 0 {
                var out = ZSTD_outBuffer()
                try chunk.withUnsafeMutableBytes { buffer in
                    out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                    last = ZSTD_decompressStream(context, &out, &input)
                    if ZSTD_isError(last) != 0 {
                        throw ContaminationError.unreadable(file: file, reason: "corrupt zstd data")
                    }
                    output.append(buffer.bindMemory(to: UInt8.self).baseAddress!, count: out.pos)
                }
                if out.pos == 0 && last != 0 {
                    throw ContaminationError.unreadable(file: file, reason: "truncated zstd data")
                }
            }
        }
        return output
    }

    /// One zstd frame of known decompressed size (a Parquet page).
    static func zstdBlock(_ input: ArraySlice<UInt8>, expectedSize: Int, file: String) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expectedSize)
        let written = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                ZSTD_decompress(target.baseAddress, target.count, source.baseAddress, source.count)
            }
        }
        guard ZSTD_isError(written) == 0, written == expectedSize else {
            throw ContaminationError.unreadable(file: file, reason: "corrupt zstd page")
        }
        return output
    }

    /// One snappy block of known decompressed size (a Parquet page).
    static func snappyBlock(_ input: ArraySlice<UInt8>, expectedSize: Int, file: String) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expectedSize)
        var length = expectedSize
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                snappy_uncompress(
                    source.baseAddress?.assumingMemoryBound(to: CChar.self), source.count,
                    target.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        guard status == SNAPPY_OK, length == expectedSize else {
            throw ContaminationError.unreadable(file: file, reason: "corrupt snappy page")
        }
        return output
    }

    /// One gzip page (Parquet GZIP codec) of known decompressed size.
    static func gzipBlock(_ input: ArraySlice<UInt8>, expectedSize: Int, file: String) throws -> [UInt8] {
        let data = try gunzip(Data(input), file: file)
        guard data.count == expectedSize else {
            throw ContaminationError.unreadable(file: file, reason: "corrupt gzip page")
        }
        return [UInt8](data)
    }
}
