extension PipelineConfig {
    /// The commented config `adeaug init` writes: every setting with its default. Each section is
    /// the settings value of its stage; the matching command's flags set the same values.
    public static let template = """
        # adeaug run --config adeaug.yaml: ingest, generate, check, rebalance, compare (and adeaug serve --config).
        # Every key is optional; these are the defaults. Steps already done are not repeated.
        # A misspelt key is an error naming the nearest valid one.

        workspace: outputs/demo        # SQLite workspace folder
        # report: outputs/demo/report  # where report.md, report.json and the SVG plots go

        corpus:                        # adeaug ingest
          # path: corpora/ade-corpus-v2  # default: $ADEAUG_CORPUS, corpora/, ../shared/corpora/ade-corpus-v2
          # split: stratified          # stratified | grouped | given | rows (leaky published protocol); default: given when the corpus comes split, else stratified
          test_fraction: 0.2
          seed: 42

        generation:                    # adeaug generate (same names as its flags, in snake case)
          enabled: true                # false: use only the candidates already in the workspace
          local_server: true           # start scripts/llm.sh (llama.cpp + Gemma 3 270M) when no url is set
          endpoint: openai             # tgi | openai | openai-chat | sagemaker (openai: /v1/completions)
          # url: https://my-endpoint.example/   # default: SageMaker's runtime URL, else the local server
          model: default               # sent as `model` to OpenAI-compatible servers
          # sagemaker_endpoint: falcon-7b-instruct   # with region, gives the SageMaker URL
          # region: us-east-1          # SageMaker requests are signed (SigV4) with the AWS variables or profile
          # aws_profile: default
          # token_env: MY_TOKEN        # bearer token from this variable (default: $ADEAUG_TOKEN when set)
          # token_file: ~/.config/adeaug/token
          # template: falcon-instruct  # falcon-instruct | chat | a name in prompts/ | a path
          negative: false              # generate Not_AE sentences instead
          target: 100                  # adeaug generate's stop; run generates for rebalance.count instead
          # max_requests: 500          # spending cap: HTTP attempts, retries included (default: none)
          # budget_tokens: 200000      # prompt + completion tokens all runs may spend (default: none)
          # budget_money: 5.0          # or money, at the two prices below (default: none)
          # price_per_thousand_input_tokens: 0.0005    # your endpoint's prices; never guessed (default: none)
          # price_per_thousand_output_tokens: 0.0015
          concurrency: 2
          seed: 42
          max_new_tokens: 64
          temperature: 0.8
          top_p: 0.9
          top_k: 50
          repetition_penalty: 1.03
          stop: []                     # default: the template's stop sequences
          request_timeout: 180         # seconds
          max_attempts: 5
          redact: false                # strip e-mails, phone numbers, dates, record numbers from examples sent
          audit_prompts: false         # keep prompt texts in the audit trail (default: SHA-256 only)
          allow_insecure_http: false   # plain http:// to hosts other than this machine
          preflight: true              # TGI: check /health and /info first
          conditioning: plain          # plain | seen | recombined | mixed: a training drug–effect pair per prompt
          recombined_share: 0.5        # mixed: share of prompts with a drug and an effect never annotated together
          completions_per_prompt: 1    # n (best_of for TGI): sentences per paid prompt; llama.cpp allows its slot count
          # cache_prompt: true         # llama.cpp's cache_prompt (default: on for the local server only)

        check:                         # adeaug check
          # index: outputs/refinedweb.sqlite   # pretraining n-gram index from `adeaug index build`
          pretraining_threshold: 0.5   # share of a sentence's n-grams found in the index that rejects it

        rebalance:                     # adeaug rebalance
          strategies: [synthetic, oversample, eda]   # each compared against the baseline
          count: 100                   # positives every strategy adds; run generates until this many pass every check (null, with ratio: 0.5, for a target positive share)
          # ratio: 0.5
          train_positives: 100         # low-resource mode: keep this many real positives (null: all)
          label_filter: 0.5            # keep candidates a real-data classifier scores >= this (null: off)
          seed: 42

        compare:                       # adeaug compare
          seeds: 3
          # model: ~/.cache/adeaug/models/all-MiniLM-L6-v2   # a folder, or a Hub name ORG/NAME[@REVISION]
          training:                    # every frozen-encoder run and the label filter (compare --freeze-encoder)
            preset: linear_probe       # linear_probe | fine_tune: the starting values; keys below override them
            epochs: 5
            learning_rate: 0.001
            batch_size: 32
            max_length: 128
            warmup_fraction: 0.06
            class_weights: true        # weight the loss by inverse class frequency (positives are rare)
            class_weight_divisor: batch_size  # batch_size (balanced in expectation) | total_weight (PyTorch's weighted mean)
            weight_decay: 0.01
            max_grad_norm: 1.0
            validation_fraction: 0.1   # held out for early stopping (0: off)
            evaluations_per_epoch: 2
            patience: 3
            dropout: true
            seed: 42                   # replaced by each comparison seed
          full_fine_tune_pair: true    # also fully fine-tune baseline and the first strategy, one seed
          full_fine_tune:              # the whole-encoder runs (compare without --freeze-encoder)
            preset: fine_tune          # the head is first trained with `training` (linear probe, then fine-tune)
            epochs: 1
            learning_rate: 5.0e-5
            class_weights: true
            class_weight_divisor: batch_size
          protocol: clean              # clean | published | both (published = leaky rows split)
          learning_curve:              # the frozen comparison again at each budget of real positives
            real_positives: [50, 100, 200]  # real positives kept per point (all = the whole split); [] = no curve
            added: [100]               # positives every strategy adds per point: a share of the real ones or a count

        tune:                          # adeaug tune --config adeaug.yaml (run does not tune; flags override); compare --tuned uses the winner
          strategy: halving            # halving (successive halving: each round keeps the best third on three times the data) | random
          trials: 9                    # settings sampled; at least one per checkpoint (each is tried in the first round)
          validation_fraction: 0.2     # share of the training split held out to score the trials
          checkpoints: []              # folders or Hub names ORG/NAME[@REVISION]; [] = the default checkpoint (as adeaug train)
          # checkpoints: [emilyalsentzer/Bio_ClinicalBERT, dmis-lab/biobert-base-cased-v1.2, monologg/biobert_v1.1_pubmed, pritamdeka/BioBert-PubMed200kRCT, saidhr20/pubmed-biobert-text-classification]
          learning_rates: [2.0e-5, 3.0e-5, 5.0e-5, 1.0e-4]
          batch_sizes: [16, 32]
          max_lengths: [64, 128]
          epochs: [1, 2, 3]
          freeze_encoder: false        # train only the head on cached sentence states (fast on CPUs)
          seed: 42

        encryption:
          enabled: false               # encrypt the workspace (AES-256-GCM pages) and seal every output file
          # key_file: ~/.config/adeaug/workspace.key   # default: $ADEAUG_KEY_FILE, or the key in $ADEAUG_KEY
          # kms_key_id: arn:aws:kms:...  # envelope encryption: only the KMS-wrapped data key is stored
          # region: eu-west-1

        executor:                      # adeaug scan run / index build --config adeaug.yaml (their flags override it)
          kind: local                  # local | slurm (sbatch a job array of the tasks plus a merge job)
          tasks: 4                     # array tasks the input files are split into
          # max_running: 2             # at most this many tasks at once (--array=...%2)
          # partition: short
          # account: my-group
          time_limit: "01:00:00"       # per task, in Slurm's format
          cpus_per_task: 1
          memory_per_task: 2G
          sbatch: []                   # more #SBATCH options, e.g. [--qos=long]

        serve:                         # adeaug serve --config adeaug.yaml (run does not serve; flags override)
          model: /opt/ml/model         # fine-tuned folder; SageMaker unpacks model.tar.gz here
          host: 0.0.0.0
          port: 8080                   # $SAGEMAKER_BIND_TO_PORT wins when set
          max_length: 128              # tokens per sentence, [CLS] and [SEP] included
          max_batch_sentences: 64      # most sentences in one forward pass
          max_batch_tokens: 4096       # most padded tokens (sentences x longest) in one forward pass
          batch_wait_milliseconds: 5   # how long a request waits for others to share its pass
          max_queued_requests: 256     # waiting requests beyond which new ones get 429
          max_body_bytes: 6291456      # 6 MiB, SageMaker's limit; 413 beyond

        """
}
