import Foundation

/// A process's resident memory as Linux reports it in /proc/<pid>/status: now (VmRSS) and its
/// peak so far (VmHWM). Read from /proc because that is the only place the peak of another
/// process is kept; nil where there is no /proc (the benchmark then reports no memory).
struct ProcessMemory: Sendable, Equatable {
    var residentMiB: Double
    var peakResidentMiB: Double

    static func read(pid: Int32) -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        guard let rss = field("VmRSS", in: status), let hwm = field("VmHWM", in: status) else { return nil }
        return ProcessMemory(residentMiB: rss, peakResidentMiB: hwm)
    }

    /// `VmRSS:	  123456 kB` → 120.6 (MiB).
    static func field(_ name: String, in status: String) -> Double? {
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let parts = line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let kilobytes = parts.first.flatMap({ Double($0) }) else { return nil }
            return kilobytes / 1024
        }
        return nil
    }
}
