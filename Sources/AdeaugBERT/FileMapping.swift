import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only into memory as `Data`, and the means to drop pages of it from the
/// process once read. Foundation's `.mappedIfSafe` may map or may read, so a caller cannot know
/// whether dropping pages is safe; on this mapping it always is (they are the file's, re-read
/// from the page cache if touched again).
enum FileMapping {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func map(_ path: String) throws(Failure) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        guard size > 0 else { return Data() }
        // MAP_FAILED, (void *) -1, is a macro Swift does not import.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw Failure(description: String(cString: strerror(errno)))
        }
        return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
    }

    /// Hands the pages holding `range` of `mapping` (a buffer of `map`'s `Data`) back to the
    /// kernel: they leave the resident set now rather than when the file is closed.
    static func release(_ mapping: UnsafeRawBufferPointer, range: Range<Int>) {
        guard let base = mapping.baseAddress, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = base + range.lowerBound, end = base + range.upperBound
        // Rounded outwards: a page shared with a neighbouring tensor is simply read again if
        // that one is copied later (the mapping starts on a page and ends on one).
        let first = Int(bitPattern: start) / page * page
        let last = (Int(bitPattern: end) + page - 1) / page * page
        guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        madvise(pointer, last - first, MADV_DONTNEED)
    }
}
