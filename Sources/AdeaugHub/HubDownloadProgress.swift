import Foundation

/// One line per download on stderr: redrawn in place on a terminal (five times a second at most),
/// a plain line every ten seconds otherwise. Small files (under 1 MiB) draw nothing.
final class HubDownloadProgress {
    private let interactive = isatty(STDERR_FILENO) != 0
    private var file = ""
    private var total: Int64?
    private var started = Date()
    private var startOffset: Int64 = 0
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func start(file: String, total: Int64?, resumedAt offset: Int64) {
        self.file = file
        self.total = total
        startOffset = offset
        started = Date()
        lastDraw = .distantPast
        drawn = false
    }

    func update(_ size: Int64) {
        guard enabled, (total ?? size) >= 1 << 20 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= (interactive ? 0.2 : 10) else { return }
        lastDraw = now
        let mib = { (bytes: Int64) in String(format: "%.1f", Double(bytes) / 1_048_576) }
        let rate = Double(size - startOffset) / max(now.timeIntervalSince(started), 0.001) / 1_048_576
        var line = "downloading \(file): \(mib(size))"
        if let total { line += String(format: "/%@ MiB (%.0f%%)", mib(total), Double(size) / Double(max(total, 1)) * 100) } else { line += " MiB" }
        line += String(format: "  %.1f MiB/s", rate)
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8))
        drawn = true
    }

    func finish() {
        if drawn && interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}
