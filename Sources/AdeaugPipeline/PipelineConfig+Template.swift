extension PipelineConfig {
    /// The commented config `adeaug init` writes: every setting with its default.
    public static let template = """
        # adeaug run --config adeaug.yaml: ingest, generate, check, rebalance, compare.
        # Every key is optional; these are the defaults. Steps already done are not repeated.

        workspace: outputs/demo        # SQLite workspace folder
        # report: outputs/demo/report  # where report.md, report.json and the SVG plots go

        corpus:
          # path: corpora/ade-corpus-v2  # default: $ADEAUG_CORPUS, corpora/, ../shared/corpora/ade-corpus-v2
          split: stratified            # stratified | grouped | given | rows (leaky published protocol)
          test_fraction: 0.2
          seed: 42

        generation:
          enabled: true
          endpoint: openai             # tgi | openai | openai-chat | sagemaker (openai: /v1/completions)
          # url: https://my-endpoint.example/   # default: the local llama.cpp server
          # model: tiiuae/falcon-7b-instruct
          # template: falcon-instruct  # a name in prompts/ or a path to your own Mustache template
          target: 60                   # stop when this many candidates passed the checks
          max_requests: 40             # spending cap
          concurrency: 2
          seed: 42
          local_server: true           # start scripts/llm.sh (llama.cpp + Gemma 3 270M) when no url is set
          redact: false                # strip e-mails, phone numbers, dates, record numbers from examples sent
          audit_prompts: false         # keep prompt texts in the audit trail (default: SHA-256 only)

        check:
          # index: outputs/refinedweb.sqlite   # pretraining n-gram index from `adeaug index build`

        rebalance:
          strategies: [synthetic, oversample, eda]   # each compared against the baseline
          count: 200                   # positives to add (or ratio: 0.5 for a target positive share)
          train_positives: 200         # low-resource mode: keep this many real positives (null: all)
          label_filter: 0.5            # keep candidates a real-data classifier scores >= this (null: off)
          seed: 42

        compare:
          seeds: 3
          # model: ~/.cache/adeaug/models/all-MiniLM-L6-v2
          epochs: 2
          batch_size: 32
          learning_rate: 5.0e-5
          max_length: 128
          class_weights: true          # weight the loss by inverse class frequency (positives are rare)
          class_weight_divisor: batch_size  # batch_size (balanced in expectation) | total_weight (PyTorch's weighted mean)
          freeze_encoder: true         # train the head on cached sentence states (fast on CPUs)
          full_fine_tune_pair: true    # also fully fine-tune baseline and the first strategy, one seed
          full_fine_tune_epochs: 1
          protocol: clean              # clean | published | both (published = leaky rows split)

        encryption:
          enabled: false               # encrypt the workspace (AES-256-GCM pages) and seal every output file
          # key_file: ~/.config/adeaug/workspace.key   # default: $ADEAUG_KEY_FILE, or the key in $ADEAUG_KEY
          # kms_key_id: arn:aws:kms:...  # envelope encryption: only the KMS-wrapped data key is stored
          # region: eu-west-1

        """
}
