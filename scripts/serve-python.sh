#!/usr/bin/env bash
# What a Python user would deploy for the same exported folder: a transformers text-classification
# pipeline behind FastAPI + uvicorn (one worker, two threads), the comparison `adeaug bench serve
# --python` runs the same load against.
#
#   scripts/serve-python.sh --model DIR --port N          serves until SIGTERM
#   scripts/serve-python.sh --install                     only installs the venv
#
# Installs torch (CPU), transformers 5.24.0, fastapi and uvicorn into $ADEAUG_CACHE/serve-venv
# (outside the checkout) once: torch from a local CPU wheel in /opt/wheels when there is one (else
# PyPI's, which pulls several GB of CUDA libraries), the rest from PyPI. Benchmarks only.
set -euo pipefail

CACHE="${ADEAUG_CACHE:-$HOME/.cache/adeaug}"
VENV="$CACHE/serve-venv"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'serve-python: %s\n' "$*" >&2; }

if ! "$VENV/bin/python" -c 'import torch, transformers, fastapi, uvicorn' 2>/dev/null; then
    torch_wheel="$(ls /opt/wheels/torch-*+cpu-*.whl 2>/dev/null | head -n 1 || true)"
    log "installing torch ${torch_wheel:+($torch_wheel) }transformers fastapi uvicorn into $VENV (once)"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${torch_wheel:-torch}" transformers==5.24.0 fastapi uvicorn
fi
[ "${1:-}" = "--install" ] && exit 0
exec "$VENV/bin/python" "$HERE/serve_python.py" "$@"
