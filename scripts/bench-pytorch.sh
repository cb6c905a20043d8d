#!/usr/bin/env bash
# PyTorch + transformers on this machine, the comparison `adeaug bench train --pytorch FILE` reads.
#
#   scripts/bench-pytorch.sh [--model DIR] [--steps N] [--inference-limit N]     JSON on stdout
#   scripts/bench-pytorch.sh --make-bert-base DIR     a random BERT-base folder to time (once)
#
# Times training and inference twice: with Hugging Face's default padded batches and with
# length-grouped batches (`group_by_length`, as adeaug batches), so that speed-ups can be quoted
# at equal batching.
#
# The figures recorded in ../shared/reference/pytorch-baseline.json come from another machine of
# this kind (one with AVX-512); a speed-up is only meaningful against PyTorch timed on the same
# CPU, so this installs the same versions (torch 2.15.0, transformers 5.24.0) into a virtual
# environment in $ADEAUG_CACHE/pytorch-venv (outside the checkout; about 5.6 GB with the CUDA
# libraries PyPI's torch wheel depends on, fetched once) and times the same work with the
# reference's settings (scripts/bench_pytorch.py). Benchmarks only: nothing in adeaug uses it.
# ADEAUG_TORCH names another torch to install instead (a requirement or a wheel file, e.g. a
# CPU-only wheel, a tenth of the size); the JSON's "software" says which version ran.
set -euo pipefail

CACHE="${ADEAUG_CACHE:-$HOME/.cache/adeaug}"
VENV="$CACHE/pytorch-venv"
PACKAGES=("${ADEAUG_TORCH:-torch==2.15.0}" transformers==5.24.0)
MODEL="${ADEAUG_MODEL:-$CACHE/models/all-MiniLM-L6-v2}"
DATA="${ADEAUG_SHARED:-../shared}/reference/pytorch-split"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'bench-pytorch: %s\n' "$*" >&2; }

if ! "$VENV/bin/python" -c 'import torch, transformers' 2>/dev/null; then
    log "installing ${PACKAGES[*]} into $VENV (once; several GB)"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}"
fi
if [ "${1:-}" = "--make-bert-base" ]; then
    OUT="${2:?--make-bert-base needs a folder}"
    if [ -s "$OUT/config.json" ]; then log "$OUT already holds a checkpoint"; exit 0; fi
    exec "$VENV/bin/python" "$HERE/make_bert_base.py" --tokenizer "$MODEL" --out "$OUT"
fi
[ -s "$MODEL/config.json" ] || { log "no checkpoint at $MODEL: run scripts/setup.sh first"; exit 1; }
[ -s "$DATA/train.jsonl" ] || { log "no split at $DATA: set ADEAUG_SHARED to the folder holding reference/pytorch-split"; exit 1; }
cd "$HERE/.."
exec "$VENV/bin/python" scripts/bench_pytorch.py --model "$MODEL" --data "$DATA" "$@"
