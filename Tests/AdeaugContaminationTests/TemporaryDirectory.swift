import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "adeaug-contamination-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let target = path + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let target = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Runs a shell command in the folder; returns its exit status.
    @discardableResult
    func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
