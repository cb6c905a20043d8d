#!/usr/bin/env bash
# Array-job figures on the local Slurm cluster (scripts/slurm-cluster.sh start first, SLURM_CONF
# exported): a scan of synthetic Parquet shards as 1 and 2 array tasks plus the merge, timed from
# the completion markers (per-task overhead = process start to marker minus the scanning itself),
# the merge marker and the wall clock from sbatch to the merge's marker.
#
#   scripts/bench-slurm.sh [FILES] [MB_PER_FILE]     default 4 files of 25 MB of text
#
# The shards are ADE Corpus v2 sentences (DRUG-AE.rel, ADE-NEG.txt) drawn at random into
# web-page-sized documents, written by pyarrow (snappy, RefinedWeb's content/url columns); the
# queries are 4,000 of those sentences, one in a thousand of the shards' sentences (hits stay rare, as
# in RefinedWeb). Needs python3 with pyarrow and a release build.
set -euo pipefail
FILES="${1:-4}"
MB="${2:-25}"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
slurm_bench_start slurm

python3 - "$CORPUS" "$WORK" "$FILES" "$MB" <<'EOF'
import random, sys, pyarrow as pa, pyarrow.parquet as pq
corpus, work, files, mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sentences = [line.split("|")[1] for line in open(f"{corpus}/DRUG-AE.rel", encoding="utf-8")]
sentences += [line.split(" ", 2)[2].strip() for line in open(f"{corpus}/ADE-NEG.txt", encoding="utf-8") if line.count(" ") >= 2]
sentences = sorted(set(sentences))
random.seed(42)
queries = random.sample(sentences, 4000)
with open(f"{work}/queries.txt", "w") as out:
    out.write("\n".join(queries) + "\n")
# Web text is the other sentences; one sentence in a thousand is a query, so hits stay rare.
others = sorted(set(sentences) - set(queries))
def sentence():
    return random.choice(queries) if random.random() < 0.001 else random.choice(others)
for shard in range(files):
    rows, size = [], 0
    while size < mb * 1_000_000:
        content = " ".join(sentence() for _ in range(random.randint(5, 40)))
        rows.append({"content": content, "url": f"https://example.org/{shard}/{len(rows)}"})
        size += len(content.encode())
    pq.write_table(pa.Table.from_pylist(rows), f"{work}/shard{shard}.parquet", compression="snappy")
EOF

for tasks in 1 2; do
    out="$WORK/hits-$tasks.sqlite"
    start=$(date +%s.%N)
    "$ADEAUG" scan run --executor slurm --tasks "$tasks" --workspace "$WORK/ws" --queries "$WORK/queries.txt" \
        --out "$out" "$WORK"/shard*.parquet >&2
    until [ -f "$out.parts/merged.json" ]; do sleep 0.2; done
    end=$(date +%s.%N)
    python3 - "$out" "$tasks" "$start" "$end" <<'EOF'
import glob, json, sys
out, tasks, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
markers = [json.load(open(p)) for p in sorted(glob.glob(out + ".parts/*.done.json"))]
merged = json.load(open(out + ".parts/merged.json"))
for m in markers:
    mb = m["bytes"] / 1e6
    print(json.dumps({"tasks": tasks, "task": m["task"]["index"], "files": m["files"], "documents": m["documents"], "MB": round(mb, 1),
                      "hits": m["hits"], "seconds": round(m["seconds"], 2), "scan_seconds": round(m["workSeconds"], 2),
                      "overhead_seconds": round(m["seconds"] - m["workSeconds"], 2), "MB_per_s": round(mb / m["workSeconds"], 1)}))
total = sum(m["bytes"] for m in markers) / 1e6
print(json.dumps({"tasks": tasks, "merge_seconds": round(merged["seconds"], 3), "wall_seconds_sbatch_to_merged": round(end - start, 2),
                  "MB": round(total, 1), "MB_per_s_wall": round(total / (end - start), 1)}))
EOF
done
