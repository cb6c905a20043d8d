/// Why an array job cannot be written, submitted or reported.
public enum JobError: Error, Equatable, CustomStringConvertible {
    case unreadableJob(path: String, reason: String)
    case commandFailed(command: String, status: Int32, output: String)
    case commandMissing(String)
    case stillQueued(job: String, id: String)
    case badJobID(command: String, output: String)

    public var description: String {
        switch self {
        case .unreadableJob(let path, let reason): "\(path): not an adeaug job description (\(reason))."
        case .commandFailed(let command, let status, let output): "`\(command)` failed (exit \(status)): \(output)"
        case .commandMissing(let command): "\(command) is not on PATH: is this a Slurm login node? (scripts/slurm-cluster.sh start runs a one-node cluster here.)"
        case .stillQueued(let job, let id):
            "\(job): job \(id) still has tasks queued or running; wait for it (`adeaug jobs`) or cancel it (`scancel \(id)`) before submitting again."
        case .badJobID(let command, let output): "`\(command)` printed \(output.isEmpty ? "nothing" : output), not a job id."
        }
    }
}
