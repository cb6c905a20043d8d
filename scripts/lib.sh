# Shared by the scripts here (sourced, not run). `need_debian`'s caller defines `log`.

# Installs the Debian packages named that are not installed yet (apt-get update only then).
need_debian() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The start of the Slurm benchmarks (bench-slurm.sh, bench-compare-grid.sh): sets ADEAUG (the
# release binary) and CORPUS (ADE Corpus v2), each overridable from the environment, stops
# unless both a release build and a Slurm cluster answer, and makes the scratch folder WORK
# (named after $1), removed when the script exits.
slurm_bench_start() {
    ADEAUG="${ADEAUG:-$(pwd)/.build/release/adeaug}"
    CORPUS="${ADEAUG_CORPUS:-$(pwd)/../shared/corpora/ade-corpus-v2}"
    [ -x "$ADEAUG" ] || { echo "no $ADEAUG: swift build -c release first" >&2; exit 1; }
    sinfo -h >/dev/null || { echo "no Slurm cluster answering: eval \"\$(scripts/slurm-cluster.sh start)\"" >&2; exit 1; }
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/adeaug-bench-$1.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
}
