import Foundation

/// The `adeaug` executable this target depends on: SwiftPM builds it into the products
/// directory, beside the test bundle.
enum AdeaugExecutable {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adeaug")
    }

    /// What a finished run printed and how it ended.
    struct Finished {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs `adeaug ARGUMENTS` to the end (in `folder`, without the environment variables named
    /// in `removing`), collecting its output.
    static func run(_ arguments: [String], in folder: URL? = nil, removing: [String] = [], adding: [String: String] = [:]) throws -> Finished {
        let started = Date()
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        for name in removing { environment.removeValue(forKey: name) }
        environment.merge(adding) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Finished(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }
}
