#!/usr/bin/env bash
# GanStudio's training speed as ratios to the same model and loop in PyTorch (Python), measured in
# one run, interleaved round by round so that a noisy machine affects both sides alike.
#
#   scripts/bench-compare.sh [--device cpu|cuda] [--iterations N] [--rounds R] [--threads T]
#
# Two comparisons, each against its own baseline in the same round:
# - the CPU default (`ganstudio-cli train` with no settings: compact at quarter widths, fast loop,
#   Adam 4e-4, G's moving average) against its twin, the same recipe in plain PyTorch
#   (bench/pytorch_twin.py): iterations per second of both, the speed-up (the median over rounds of
#   each round's ratio) and the share of the measured convolution peak the CPU default reaches;
# - the seed preset against bench/pytorch_reference.py's plain fp32 seed-exact loop (the post's
#   loop in PyTorch): our median ms per iteration, the baseline's, the ratio and the target.
# bf16 rows run only where the CPU has bf16 instructions (AVX512-BF16 or AMX): elsewhere LibTorch
# emulates them, and one seed iteration takes seconds (16 s measured on an AVX2-only EPYC).
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
bf16=1
if [ "$device" = cpu ] && ! grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo; then
  bf16=0
  echo "bf16 rows skipped: this CPU has no bf16 instructions (LibTorch would emulate them)" >&2
fi
need_torch
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ref() {  # name loop variant
  "$python" bench/pytorch_reference.py --device "$device" --threads "$threads" \
    --iterations "$iterations" --warmup 3 --loop "$2" --variant "$3" > "$out/$round-ref-$1.json"
}
ours() {  # name key=value... (a name ending in "-peak" also measures the device's peak)
  local name=$1; shift
  local sets=() peak=--no-peak
  for kv in "$@"; do sets+=(--set "$kv"); done
  case "$name" in *-peak) peak= ;; esac
  "$cli" bench --set training.device="$device" --set training.threads="$threads" \
    --iterations "$iterations" --warmup 3 $peak --json "$out/$round-ours-$name.json" \
    "${sets[@]}" > /dev/null
}
twin() {
  "$python" bench/pytorch_twin.py --speed --threads "$threads" --iterations "$((iterations * 4))" \
    --warmup 5 > "$out/$round-twin.json"
}

for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  if [ "$device" = cpu ]; then
    # The CPU default and its twin: many short iterations, so four times the count.
    twin
    saved=$iterations; iterations=$((saved * 4)); ours default-peak; iterations=$saved
  fi
  ref plain seed-exact plain
  ours seed-exact model.preset=seed training.loop=seed-exact training.precision=fp32
  ours seed-exact-contiguous model.preset=seed training.loop=seed-exact training.precision=fp32 \
    training.memory_format=contiguous
  ours fast-fp32 model.preset=seed training.loop=fast training.precision=fp32
  [ "$bf16" = 1 ] && ours fast-bf16 model.preset=seed training.loop=fast training.precision=bf16
  ref channels-last seed-exact channels_last
  [ "$bf16" = 1 ] && ref fast-cl-bf16 fast channels_last+bf16
  ours compact model.preset=compact
done

"$python" - "$out" "$rounds" "$device" <<'PY'
import json, statistics, sys, glob, os
out, rounds, device = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def load(round_, side, name):
    path = os.path.join(out, f"{round_}-{side}-{name}.json" if name else f"{round_}-{side}.json")
    with open(path) as f:
        return json.loads(f.readline() if side in ("ref", "twin") else f.read())
def ms(round_, side, name):
    return load(round_, side, name)["median_ms_per_iteration"]
if device == "cpu":
    speedups, shares, mine, theirs = [], [], [], []
    for r in range(1, rounds + 1):
        o, t = load(r, "ours", "default-peak"), load(r, "twin", None)
        mine.append(1000 / o["median_ms_per_iteration"])
        theirs.append(1000 / t["median_ms_per_iteration"])
        speedups.append(t["median_ms_per_iteration"] / o["median_ms_per_iteration"])
        shares.append(o["fraction_of_peak"])
    o = load(1, "ours", "default-peak")
    print("The CPU default against its PyTorch twin (the same recipe; bench/pytorch_twin.py)")
    print(f"{'':34} {'it/s':>8} {'twin it/s':>10} {'speed-up':>9} {'target':>8}")
    s = statistics.median(speedups)
    print(f"{'CPU default (compact, fast, fp32)':34} {statistics.median(mine):8.1f} "
          f"{statistics.median(theirs):10.1f} {s:8.2f}x  >= 3x {'ok' if s >= 3 else 'MISSED'}")
    share = statistics.median(shares)
    print(f"share of the measured convolution peak: {100 * share:.0f}% "
          f"(target >= 50%: {'ok' if share >= 0.5 else 'MISSED'}; "
          f"{o['executed_flops_per_iteration'] / 1e9:.2f} GFLOP per iteration, peak "
          f"{o['peak_conv_gflops']:.0f} GFLOP/s in round 1)")
    print("per round (ours ms, twin ms):", ", ".join(
        f"{ms(r, 'ours', 'default-peak'):.2f}/{load(r, 'twin', None)['median_ms_per_iteration']:.2f}"
        for r in range(1, rounds + 1)))
    print()
rows = [
    ("ours", "seed-exact", "seed preset, seed-exact loop, fp32 (default layout)", 0.50),
    ("ours", "seed-exact-contiguous", "seed preset, seed-exact loop, fp32, contiguous", None),
    ("ours", "fast-fp32", "seed preset, fast loop, fp32", None),
    ("ours", "fast-bf16", "seed preset, fast loop, bf16", 0.25),
    ("ref", "channels-last", "reference: seed-exact, channels-last", None),
    ("ref", "fast-cl-bf16", "reference: fast, channels-last, bf16", None),
    ("ours", "compact", "compact preset (for scale; a different model)", None),
]
print(f"{'configuration':55} {'ms/it':>8} {'baseline':>9} {'ratio':>7} {'target':>7}")
for side, name, label, target in rows:
    if not os.path.exists(os.path.join(out, f"1-{side}-{name}.json")):
        print(f"{label:55} {'skipped (no bf16 instructions)':>34}")
        continue
    ratios, mine, base = [], [], []
    for r in range(1, rounds + 1):
        b = ms(r, "ref", "plain"); m = ms(r, side, name)
        ratios.append(m / b); mine.append(m); base.append(b)
    ratio = statistics.median(ratios)
    verdict = "" if target is None else (f"<= {target:.2f} " + ("ok" if ratio <= target else "MISSED"))
    print(f"{label:55} {statistics.median(mine):8.1f} {statistics.median(base):9.1f} {ratio:7.2f}x {verdict}")
PY
