#!/usr/bin/env bash
# How long listing a runs folder takes (`ganstudio-cli runs --json`, what the runs panel reads on a
# pool thread): N run folders (300 by default) made from one real trained run, each with a long
# metrics.csv (50,000 rows, the seed's whole length), its grids and three checkpoints. Prints the
# median of 5 listings. Usage: scripts/bench-runs.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
count=${1:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" train --quiet --out "$work/seed-run" --set model.preset=compact --set model.noise_dim=8 \
  --set "model.g_widths=[16, 8, 4]" --set "model.d_widths=[4, 8, 16]" \
  --set training.batch_size=8 --set training.iterations=40 --set training.device=cpu \
  --set outputs.sample_every=2 --set outputs.checkpoint_every=10 --set quality.every=0 \
  >/dev/null 2>"$work/train.log"
# A long run's metrics: the trained rows, then rows up to iteration 50,000.
python3 - "$work/seed-run/metrics.csv" <<'EOF'
import sys
path = sys.argv[1]
lines = open(path).read().splitlines()
last = lines[-1].split(",")
with open(path, "a") as out:
    for i in range(int(last[0]) + 1, 50001):
        last[0] = str(i)
        last[-1] = f"{i * 0.35:.3f}"
        out.write(",".join(last) + "\n")
EOF
mkdir -p "$work/runs"
for i in $(seq 1 "$count"); do cp -r "$work/seed-run" "$work/runs/run-$i"; done
echo "$count runs, $(du -sh "$work/runs" | cut -f1) on disk, metrics.csv $(du -h "$work/seed-run/metrics.csv" | cut -f1) each"
sync
times=()
for round in 1 2 3 4 5; do
  start=$EPOCHREALTIME
  "$cli" runs "$work/runs" --json >"$work/list.json"
  times+=("$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')")
done
listed=$(grep -c '"path"' "$work/list.json")
[ "$listed" -eq "$count" ] || { echo "listed $listed runs, expected $count" >&2; exit 1; }
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "listing $count runs: median ${median} s of 5 (${times[*]})"
