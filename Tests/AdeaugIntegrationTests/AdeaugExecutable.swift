import Foundation

/// The `adeaug` executable this target depends on: SwiftPM builds it into the products
/// directory, beside the test bundle.
enum AdeaugExecutable {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adeaug")
    }
}
