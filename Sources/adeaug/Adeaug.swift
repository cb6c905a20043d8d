import ArgumentParser

/// The `adeaug` command line: parses options and calls the library, nothing more.
@main
struct Adeaug: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adeaug",
        abstract: "Leakage-free synthetic data augmentation for adverse drug event classifiers.",
        discussion: """
            The flow: `ingest` a labelled corpus (deduplicated, split without leakage), `generate` \
            synthetic adverse-event sentences with an LLM endpoint, `check` them for contamination, \
            `rebalance` the training set, `compare` classifiers trained with and without them \
            (F1 with confidence intervals). `run` does all of it from one config (`init` writes \
            one). `serve` puts a fine-tuned classifier behind a SageMaker-compatible HTTP \
            endpoint. `--model` takes a folder or a Hugging Face Hub name (ORG/NAME[@REVISION], \
            fetched into the Hugging Face cache). `scan run` and `index build` split their input \
            over array tasks (Slurm, Kubernetes, AWS Batch; `--executor slurm` submits them, \
            `jobs` shows them). Every command works on one workspace folder (`--workspace`, default \
            outputs/default) holding a SQLite database; a killed command leaves it as it was, \
            and while one command writes to it another that writes is refused, naming the first. \
            `--encrypt --key-file PATH` (or $ADEAUG_KEY_FILE, $ADEAUG_KEY, --kms-key-id ID \
            --region REGION) encrypts a new workspace page by page (AES-256-GCM); `keygen` \
            writes a key file, `rekey` moves a workspace to a new key, `decrypt` reads a sealed \
            output, `audit` lists what left the machine.
            """,
        subcommands: [
            IngestCommand.self,
            ReportCommand.self,
            ExportCommand.self,
            CheckCommand.self, IndexCommand.self, ScanCommand.self,
            GenerateCommand.self,
            TrainCommand.self, EvaluateCommand.self, PredictCommand.self, TokenizeCommand.self, ServeCommand.self,
            RebalanceCommand.self, CompareCommand.self, TuneCommand.self, InitCommand.self, RunCommand.self,
            AuditCommand.self, DecryptCommand.self, JobsCommand.self,
            BenchCommand.self,
            KeygenCommand.self, RekeyCommand.self,
        ])
}
