import AdeaugCore
import AdeaugPipeline
import Foundation
import Testing

@testable import adeaug

/// The executor flags of `scan run` and `index build` and adeaug.yaml's `executor:` build
/// equal settings; --config is the starting point the flags override.
@Suite struct ExecutorFlagsTests {
    @Test func flagsAndConfigBuildTheSameExecutor() throws {
        let flags = try ScanRunCommand.parse([
            "--out", "h.sqlite", "--executor", "slurm", "--tasks", "16", "--max-running", "4", "--partition", "short", "--account", "lab",
            "--time-limit", "2-00:00:00", "--cpus-per-task", "2", "--memory-per-task", "4G", "--sbatch=--qos=long", "a.parquet",
        ]).executor.settings()
        let yaml = try PipelineConfig.parse("""
            executor:
              kind: slurm
              tasks: 16
              max_running: 4
              partition: short
              account: lab
              time_limit: "2-00:00:00"
              cpus_per_task: 2
              memory_per_task: 4G
              sbatch: [--qos=long]
            """, path: "adeaug.yaml").executor
        #expect(flags == yaml)
        #expect(try IndexBuildCommand.parse(["--db", "i.sqlite", "a.parquet"]).executor.settings() == PipelineConfig().executor)
    }

    @Test func theConfigIsTheStartingPointAndFlagsOverrideIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "executor:\n  kind: slurm\n  tasks: 8\n  partition: long\n".write(toFile: path, atomically: true, encoding: .utf8)
        let settings = try ScanRunCommand.parse(["--out", "h", "--config", path, "--tasks", "3", "a"]).executor.settings()
        #expect(settings.kind == .slurm && settings.tasks == 3 && settings.partition == "long")
    }

    @Test func badValuesSpeakFlagsOrConfig() throws {
        #expect(throws: (any Error).self) { try ScanRunCommand.parse(["--out", "h", "--tasks", "0", "a"]).executor.settings() }
        do {
            _ = try ScanRunCommand.parse(["--out", "h", "--memory-per-task", "lots", "a"]).executor.settings()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("--memory-per-task is lots"))
        }
        do {
            _ = try PipelineConfig.parse("executor:\n  memory_per_task: lots\n", path: "adeaug.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("executor.memory_per_task is lots"))
        }
    }
}

/// What `compare --executor slurm` hands its tasks and its merge: the same options, less the
/// executor's (the tasks run locally) and --workspace (given again, absolute).
@Suite struct CompareGridFlagsTests {
    @Test func theTasksGetTheCommandLineWithoutTheExecutorOptions() {
        let given = [
            "--conditions", "oversample,eda", "--executor", "slurm", "--tasks=3", "--workspace", "ws", "--seeds", "2",
            "--sbatch=--hold", "--sbatch", "--qos=long", "--dry-run", "--freeze-encoder", "--partition", "short", "--config", "a.yaml",
            "--out", "report",
        ]
        #expect(ExecutorFlags.taskOptions(given) == ["--conditions", "oversample,eda", "--seeds", "2", "--freeze-encoder", "--out", "report"])
    }

    @Test func compareTakesTheArrayTaskFlagsWithTheLearningCurve() throws {
        let command = try CompareCommand.parse(["--shard", "1/4", "--seeds", "2", "--merge"])
        #expect(try command.arrayTask.task() == ArrayTask(index: 1, count: 4))
        #expect(command.merge)
        #expect(try CompareCommand.parse(["--executor", "slurm", "--tasks", "6"]).executor.settings().tasks == 6)
        // The curve's runs are cells of the grid: a task of a curve is accepted ...
        let curveTask = try CompareCommand.parse(["--shard", "0/2", "--learning-curve"])
        #expect(curveTask.learningCurve)
        #expect(try curveTask.arrayTask.task() == ArrayTask(index: 0, count: 2))
        // ... and a task that also merges is refused before the workspace is opened.
        do {
            try CompareCommand.parse(["--shard", "0/2", "--learning-curve", "--merge"]).run()
            Issue.record("expected --merge with an array task to be refused")
        } catch {
            #expect("\(error)".contains("--merge folds every task's part"), "\(error)")
        }
    }
}
