import AdeaugCore
import AdeaugPipeline
import ArgumentParser
import Foundation

struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Show the array jobs submitted from this workspace (<workspace>/jobs/): each task's state and the merge's.",
        discussion: """
            A task with its completion marker is done, whatever the scheduler says; otherwise its state comes from squeue, then sacct (where the cluster keeps accounting). `not done` means it left the queue without a marker (failed or cancelled; its log is named): submit the same command again to run only such tasks.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the jobs as JSON.")
    var json = false

    func run() throws {
        let folder = ArraySubmission.absolute(global.workspace) + "/jobs"
        let reports = try JobReport.all(jobsFolder: folder, queue: SlurmQueue(runner: .system))
        if json {
            print(try JSONText.encode(reports, pretty: true))
        } else if reports.isEmpty {
            print("No jobs in \(folder).")
        } else {
            print(reports.map(\.text).joined(separator: "\n"))
        }
    }
}
