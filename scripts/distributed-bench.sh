#!/usr/bin/env bash
# Data-parallel training against one process on this machine, interleaved round by round so that
# a noisy machine affects both sides alike: for each preset, `ganstudio-cli train` in 1 process
# with all the cores' threads, then `--nproc P` processes sharing them (training.threads 0: the
# cores divided between the ranks). Prints iterations per second (the median step of each run),
# the ratio, and the time per iteration rank 0 spent in the gradients' all-reduce and in agreeing
# between iterations (waiting for the slower rank included), and the bytes all-reduced.
#
#   scripts/distributed-bench.sh [--nproc P] [--rounds R] [--compact-iterations N] [--seed-iterations N]
set -euo pipefail
cd "$(dirname "$0")/.."
nproc_ranks=2; rounds=3; compact_iterations=400; seed_iterations=30
while [ $# -gt 0 ]; do
  case "$1" in
    --nproc) nproc_ranks=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --compact-iterations) compact_iterations=$2; shift 2 ;;
    --seed-iterations) seed_iterations=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source scripts/common.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

train() {  # log preset iterations [--nproc P]
  local log=$1 preset=$2 iterations=$3; shift 3
  rm -rf "$out/run"
  "$cli" train --quiet --set model.preset="$preset" --set training.iterations="$iterations" \
    --set training.device=cpu --set quality.every=0 --set outputs.sample_every=0 \
    --set outputs.checkpoint_every=100000 --out "$out/run" "$@" > "$out/$log" 2>&1
}
median_ms() { sed -n 's/.*median \([0-9.]*\) ms per iteration.*/\1/p' "$1"; }
reduce_ms() { sed -n 's/^all-reduce of the gradients: \([0-9.]*\) ms.*/\1/p' "$1"; }
agree_ms() { sed -n 's/.*agreeing between iterations: \([0-9.]*\) ms.*/\1/p' "$1"; }
reduce_kb() { sed -n 's/.*calls, \([0-9.]*\) kB).*/\1/p' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "this machine: $(nproc) cores; $rounds rounds; 1 process x $(nproc) threads against $nproc_ranks processes"
for preset in compact seed; do
  iterations=$compact_iterations
  [ "$preset" = seed ] && iterations=$seed_iterations
  for round in $(seq 1 "$rounds"); do
    train "$preset-one-$round" "$preset" "$iterations"
    train "$preset-ranks-$round" "$preset" "$iterations" --nproc "$nproc_ranks"
    one=$(median_ms "$out/$preset-one-$round"); ranks=$(median_ms "$out/$preset-ranks-$round")
    echo "$preset round $round: 1 process $one ms, $nproc_ranks processes $ranks ms" \
      "(all-reduce $(reduce_ms "$out/$preset-ranks-$round") ms, agreeing $(agree_ms "$out/$preset-ranks-$round") ms," \
      "$(reduce_kb "$out/$preset-ranks-$round") kB per iteration)"
    echo "$one $ranks $(reduce_ms "$out/$preset-ranks-$round") $(agree_ms "$out/$preset-ranks-$round")" >> "$out/$preset.rows"
  done
  one=$(cut -d' ' -f1 "$out/$preset.rows" | median); ranks=$(cut -d' ' -f2 "$out/$preset.rows" | median)
  reduce=$(cut -d' ' -f3 "$out/$preset.rows" | median); agree=$(cut -d' ' -f4 "$out/$preset.rows" | median)
  awk -v p="$preset" -v a="$one" -v b="$ranks" -v r="$reduce" -v g="$agree" -v n="$nproc_ranks" 'BEGIN {
    printf "%s: 1 process %.1f it/s, %d processes %.1f it/s (%.2fx); all-reduce %.2f ms and agreeing %.2f ms per iteration (%.0f%% of the step)\n",
      p, 1000 / a, n, 1000 / b, a / b, r, g, 100 * (r + g) / b }'
done
