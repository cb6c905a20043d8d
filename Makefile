# The two commands README.md starts with are `make demo` and `make test`.
SWIFT ?= swift
WORKSPACE ?= outputs/demo

.PHONY: setup llm build release demo test unit integration test-build bench bench-bert bench-bert-base

setup:
	@scripts/setup.sh

# The local LLM (llama.cpp's llama-server with Gemma 3 270M), built once into ~/.cache/adeaug.
llm:
	@scripts/llm.sh setup

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# The main job on embedded defaults (`adeaug init` shows them): ADE Corpus v2 from corpora/ or
# ../shared/corpora, the MiniLM checkpoint, the local llama.cpp server with Gemma 3 270M;
# ingest, generate, check, rebalance, compare; the report lands in outputs/demo/report.
# On a fresh machine the release build and llama-server's build run side by side (both took
# about 14 minutes together on 2 cores; the Swift build alone about 10); no-ops afterwards.
demo: setup
	@$(MAKE) --no-print-directory -j2 release llm
	.build/release/adeaug run

# Every test: the unit tests first (no llama.cpp needed, so they start within minutes on a fresh
# machine), then the integration tests. Sub-makes keep that order under `make -j`.
test:
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory integration

# Builds the library, the adeaug executable and every test target (the integration tests run
# the executable).
test-build:
	@scripts/setup.sh --with-test-tools
	$(SWIFT) build --build-tests

# In-process tests of each module: everything but AdeaugIntegrationTests.
unit: test-build
	$(SWIFT) test --skip-build --skip AdeaugIntegrationTests

# Tests that run the adeaug executable (killed mid-write, the encrypted command line), the
# local llama-server, which `make llm` builds first, and a one-node Slurm cluster for the array
# jobs (scripts/slurm-cluster.sh), stopped on the way out whatever happens.
integration: test-build llm
	@if scripts/slurm-cluster.sh status >/dev/null 2>&1; then started=; else started=1; fi; \
	trap '[ -z "$$started" ] || scripts/slurm-cluster.sh stop' EXIT; \
	eval "$$(scripts/slurm-cluster.sh start)" || echo "warning: no Slurm cluster; the array-job tests are skipped" >&2; \
	$(SWIFT) test --skip-build --filter AdeaugIntegrationTests

bench: release
	.build/release/adeaug bench ingest --json

# The BERT trainer against PyTorch timed on this same machine, with PyTorch's default padded
# batches and with length-grouped ones (equal batching); scripts/bench-pytorch.sh installs
# torch 2.15 + transformers 5.24 into ~/.cache/adeaug/pytorch-venv once; several GB.
bench-bert: release
	@mkdir -p outputs/bench
	scripts/bench-pytorch.sh > outputs/bench/pytorch.json
	.build/release/adeaug bench train --json --pytorch outputs/bench/pytorch.json | tee outputs/bench/bert.json

# The same on a BERT-base-shaped checkpoint (12 layers, hidden 768, random weights written once
# by transformers into the cache, never into the repository), fewer steps: each is ~8x MiniLM's.
BERT_BASE ?= $(HOME)/.cache/adeaug/models/bert-base-random
BERT_BASE_STEPS ?= --steps 10 --warmup-steps 2 --inference-limit 512
bench-bert-base: release
	@mkdir -p outputs/bench
	scripts/bench-pytorch.sh --make-bert-base $(BERT_BASE)
	scripts/bench-pytorch.sh --model $(BERT_BASE) $(BERT_BASE_STEPS) > outputs/bench/pytorch-bert-base.json
	.build/release/adeaug bench train --model $(BERT_BASE) $(BERT_BASE_STEPS) --json --pytorch outputs/bench/pytorch-bert-base.json | tee outputs/bench/bert-base.json
