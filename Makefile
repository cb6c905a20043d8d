# The two commands README.md starts with are `make demo` and `make test`.
SWIFT ?= swift
WORKSPACE ?= outputs/demo

.PHONY: setup llm build release demo test bench

setup:
	@scripts/setup.sh

# The local LLM (llama.cpp's llama-server with Gemma 3 270M), built once into ~/.cache/adeaug.
llm:
	@scripts/llm.sh setup

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# The main job on embedded defaults: the corpus found in corpora/ or ../shared/corpora,
# ingested, deduplicated and split into $(WORKSPACE), with its report.
demo: release
	.build/release/adeaug ingest --workspace $(WORKSPACE)
	.build/release/adeaug export --workspace $(WORKSPACE) --split train --format jsonl --out $(WORKSPACE)/train.jsonl
	.build/release/adeaug export --workspace $(WORKSPACE) --split test --format jsonl --out $(WORKSPACE)/test.jsonl

# Builds everything (the tests run the adeaug executable too), then runs every test.
test: llm
	@scripts/setup.sh --with-test-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	.build/release/adeaug bench ingest --json
