#!/usr/bin/env bash
# GanStudio's training speed as ratios to the same model and loop in PyTorch (Python), measured in
# one run, interleaved round by round so that a noisy machine affects both sides alike.
#
#   scripts/bench-compare.sh [--device cpu|cuda] [--iterations N] [--rounds R] [--threads T]
#
# Baseline: bench/pytorch_reference.py's plain fp32 seed-exact loop (the post's loop in PyTorch).
# Printed per configuration: our median ms per iteration, the baseline's (same round), the ratio
# (the median over rounds) and the target from issue 5. Also the reference's own variants.
# Needs: build/app/ganstudio-cli (or build-headless/), python3 with torch (Debian's python3-torch).
set -euo pipefail
cd "$(dirname "$0")/.."
device=cpu; iterations=12; rounds=3; threads=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source scripts/common.sh
need_torch
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ref() {  # name loop variant
  "$python" bench/pytorch_reference.py --device "$device" --threads "$threads" \
    --iterations "$iterations" --warmup 3 --loop "$2" --variant "$3" > "$out/$round-ref-$1.json"
}
ours() {  # name key=value...
  local name=$1; shift
  local sets=()
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$cli" bench --set training.device="$device" --set training.threads="$threads" \
    --iterations "$iterations" --warmup 3 --no-peak --json "$out/$round-ours-$name.json" \
    "${sets[@]}" > /dev/null
}

for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  ref plain seed-exact plain
  ours seed-exact model.preset=seed training.loop=seed-exact training.precision=fp32
  ours seed-exact-contiguous model.preset=seed training.loop=seed-exact training.precision=fp32 \
    training.memory_format=contiguous
  ours fast-fp32 model.preset=seed training.loop=fast training.precision=fp32
  ours fast-bf16 model.preset=seed training.loop=fast training.precision=bf16
  ref channels-last seed-exact channels_last
  ref fast-cl-bf16 fast channels_last+bf16
  ours compact model.preset=compact
done

"$python" - "$out" "$rounds" <<'PY'
import json, statistics, sys, glob, os
out, rounds = sys.argv[1], int(sys.argv[2])
def ms(round_, side, name):
    with open(os.path.join(out, f"{round_}-{side}-{name}.json")) as f:
        return json.loads(f.readline() if side == "ref" else f.read())["median_ms_per_iteration"]
rows = [
    ("ours", "seed-exact", "seed preset, seed-exact loop, fp32 (default layout)", 0.90),
    ("ours", "seed-exact-contiguous", "seed preset, seed-exact loop, fp32, contiguous", None),
    ("ours", "fast-fp32", "seed preset, fast loop, fp32", None),
    ("ours", "fast-bf16", "seed preset, fast loop, bf16", 0.45),
    ("ref", "channels-last", "reference: seed-exact, channels-last", None),
    ("ref", "fast-cl-bf16", "reference: fast, channels-last, bf16", None),
    ("ours", "compact", "compact preset (for scale; a different model)", None),
]
print(f"{'configuration':55} {'ms/it':>8} {'baseline':>9} {'ratio':>7} {'target':>7}")
for side, name, label, target in rows:
    ratios, mine, base = [], [], []
    for r in range(1, rounds + 1):
        b = ms(r, "ref", "plain"); m = ms(r, side, name)
        ratios.append(m / b); mine.append(m); base.append(b)
    ratio = statistics.median(ratios)
    verdict = "" if target is None else (f"<= {target:.2f} " + ("ok" if ratio <= target else "MISSED"))
    print(f"{label:55} {statistics.median(mine):8.1f} {statistics.median(base):9.1f} {ratio:7.2f}x {verdict}")
PY
