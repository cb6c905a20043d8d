#!/usr/bin/env bash
# Comparison-grid figures on the local Slurm cluster (scripts/slurm-cluster.sh start first,
# SLURM_CONF exported): ADE Corpus v2 ingested once, oversample and eda sets built, then
# `compare --executor slurm` of the baseline and the two sets × 2 seeds (6 runs) as 1 and 3 array
# tasks plus the merge, timed from the completion markers (per-task overhead = process start to
# marker minus the runs' own training seconds: start-up, opening the workspace, working out the
# grid, the frozen encoder's pass over the grid's sentences, writing the part), the merge marker
# (folding the parts) and the wall clock from sbatch to the report.
#
#   scripts/bench-compare-grid.sh [MODEL]     default: the tiny test checkpoint, so the figures
#                                             are the grid's own costs, not BERT's
set -euo pipefail
MODEL="${1:-$(pwd)/Tests/Fixtures/tiny-classifier-sharded}"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
slurm_bench_start grid
cd "$WORK"
"$ADEAUG" ingest --corpus "$CORPUS" --workspace base --quiet >/dev/null
for strategy in oversample eda; do
    "$ADEAUG" rebalance --workspace base --strategy "$strategy" --count 100 --no-label-filter --quiet >/dev/null
done
COMPARE=(--conditions oversample,eda --seeds 2 --freeze-encoder --model "$MODEL" --max-length 32 --quiet)
for tasks in 1 3; do
    cp -r base "ws$tasks"
    start=$(date +%s.%N)
    "$ADEAUG" compare "${COMPARE[@]}" --workspace "ws$tasks" --out "report$tasks" --executor slurm --tasks "$tasks" >&2
    until [ -f "report$tasks/report.json" ]; do sleep 0.2; done
    end=$(date +%s.%N)
    python3 - "ws$tasks/runs/grid" "$tasks" "$start" "$end" <<'PY'
import glob, json, sys
out, tasks, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
for m in [json.load(open(p)) for p in sorted(glob.glob(out + ".parts/*.done.json"))]:
    print(json.dumps({"tasks": tasks, "task": m["task"]["index"], "runs": m["runs"], "seconds": round(m["seconds"], 2),
                      "training_seconds": round(m["workSeconds"], 2), "overhead_seconds": round(m["seconds"] - m["workSeconds"], 2)}))
merged = json.load(open(out + ".parts/merged.json"))
print(json.dumps({"tasks": tasks, "merge_fold_seconds": round(merged["seconds"], 3), "wall_seconds_sbatch_to_report": round(end - start, 2)}))
PY
    # The merge job as a whole (fold, then the report from stored runs), timed by hand: merging again is idempotent.
    /usr/bin/time -f "{\"tasks\": $tasks, \"merge_command_seconds\": %e}" "$ADEAUG" compare "${COMPARE[@]}" --workspace "ws$tasks" --out "again$tasks" --merge >/dev/null
done
