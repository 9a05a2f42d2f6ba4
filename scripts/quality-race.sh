#!/usr/bin/env bash
# Quality per minute on this machine: GanStudio's CPU default against a standard PyTorch DCGAN
# (bench/reference_dcgan.py), each trained for the same wall-clock minutes, interleaved round by
# round (the side that goes first alternates), both scored by the same quality meter
# (ganstudio-cli evaluate: 1,000 samples against the held-out digits).
#
#   scripts/quality-race.sh [--minutes M] [--rounds R] [--snapshots "1 2"] [--threads T]
#                           [--set KEY=VALUE ...] [--out DIR] [--skip-reference] [--twin]
#
# --twin adds a third side: the CPU default's recipe written in plain PyTorch (bench/pytorch_twin.py,
# the same networks, learning rates, loop and moving average), so that what the engine adds is told
# apart from what the recipe adds.
#
# GanStudio trains with `ganstudio-cli train` and no settings but the run folder (the defaults that
# make run -> Start uses on a CPU) plus any --set; snapshots are taken by stopping at each mark
# (--time-limit) and resuming. The reference writes its own snapshots. Printed: per round and mark,
# both sides' iterations, Fréchet distance (FD) and classes covered, the FD ratio (ours / the
# reference's; lower is better) and the iterations-per-second ratio; then the medians over rounds,
# and the sample grids' paths. Needs build/app/ganstudio-cli and python3 with torch
# (Debian: python3-torch).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=5; rounds=1; snapshots=""; threads=2; out=""; skip_ref=0; twin=0
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --snapshots) snapshots=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --skip-reference) skip_ref=1; shift ;;
    --twin) twin=1; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
source scripts/common.sh
[ "$skip_ref" = 1 ] && [ "$twin" = 0 ] || need_torch
python=${python:-python3}
data=resources/data/digits-images-idx3-ubyte.gz
out=${out:-runs/quality-race-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
# The marks: the snapshots below --minutes, then --minutes itself.
marks=$(printf '%s\n' $snapshots "$minutes" | sort -g -u | awk -v m="$minutes" '$1 <= m')
results="$out/results.tsv"
printf 'round\tside\tminutes\titerations\tseconds\tfd\tclasses\tgrid\n' > "$results"

json_field() {  # file key
  "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

ours() {  # round
  local run="$out/r$1-ganstudio" done_s=0 mark seconds args
  for mark in $marks; do
    seconds=$(awk -v m="$mark" -v d="$done_s" 'BEGIN { printf "%.3f", m * 60 - d }')
    if [ "$done_s" = 0 ]; then
      args=(--out "$run" "${sets[@]}" --set training.threads="$threads")
    else
      args=(--resume "$run")
    fi
    "$cli" train "${args[@]}" --time-limit "$seconds" --quiet 2> "$run.m$mark.log" ||
      { echo "ganstudio-cli train failed; see $run.m$mark.log" >&2; tail -3 "$run.m$mark.log" >&2; exit 1; }
    done_s=$(awk -v m="$mark" 'BEGIN { print m * 60 }')
    local iterations
    iterations=$(tail -n 1 "$run/metrics.csv" | cut -d, -f1)
    "$cli" evaluate --checkpoint "$run" --json "$run/quality-${mark}min.json" > /dev/null
    "$cli" sample --checkpoint "$run" --count 64 --seed 1 --out "$run/grid-${mark}min.png" > /dev/null
    printf '%s\tganstudio\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$mark" "$iterations" "$done_s" \
      "$(json_field "$run/quality-${mark}min.json" fd)" \
      "$(json_field "$run/quality-${mark}min.json" classes_covered)" \
      "$run/grid-${mark}min.png" >> "$results"
  done
}

reference() {  # round [side script]: a PyTorch side that writes its own snapshots
  local side=${2:-reference} script=${3:-bench/reference_dcgan.py}
  local dir="$out/r$1-$side" snaps=() mark
  for mark in $marks; do snaps+=(--snapshot "$mark"); done
  "$python" "$script" --data "$data" --out "$dir" --minutes "$minutes" \
    "${snaps[@]}" --threads "$threads" --seed "$1" > "$dir.jsonl"
  while read -r line; do
    local m it s idx grid
    read -r m it s idx grid < <("$python" -c 'import json,sys; j=json.loads(sys.argv[1]);
print(format(j["minutes"], "g"), j["iterations"], round(j["seconds"]), j["samples"], j["grid"])' "$line")
    "$cli" evaluate --samples "$idx" --json "$dir/quality-${m}min.json" > /dev/null
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$side" "$m" "$it" "$s" \
      "$(json_field "$dir/quality-${m}min.json" fd)" \
      "$(json_field "$dir/quality-${m}min.json" classes_covered)" "$grid" >> "$results"
  done < "$dir.jsonl"
}

for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds: $minutes minutes each (marks: $(echo $marks))" >&2
  if [ $((round % 2)) = 1 ]; then
    ours "$round"; [ "$skip_ref" = 1 ] || reference "$round"
    [ "$twin" = 0 ] || reference "$round" twin bench/pytorch_twin.py
  else
    [ "$twin" = 0 ] || reference "$round" twin bench/pytorch_twin.py
    [ "$skip_ref" = 1 ] || reference "$round"; ours "$round"
  fi
done

"$python" - "$results" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["round"], r["side"], float(r["minutes"])): r for r in rows}
marks = sorted({float(r["minutes"]) for r in rows})
rounds = sorted({r["round"] for r in rows}, key=int)
sides = [s for s in ("reference", "twin") if any(r["side"] == s for r in rows)]
for side in sides or ["reference"]:
    print(f"GanStudio against {'the PyTorch DCGAN' if side == 'reference' else 'its PyTorch twin'}:")
    print(f"{'round':>5} {'min':>4} | {'ours: it':>8} {'FD':>7} {'cls':>3} | {side[:5] + ': it':>10} {'FD':>7} {'cls':>3} | {'FD ratio':>8} {'it/s ratio':>10}")
    ratios = {}
    for m in marks:
        for r in rounds:
            o, f = by.get((r, "ganstudio", m)), by.get((r, side, m))
            if not o:
                continue
            line = f"{r:>5} {m:>4g} | {o['iterations']:>8} {float(o['fd']):7.2f} {o['classes']:>3} |"
            if f:
                fd_ratio = float(o["fd"]) / float(f["fd"])
                it_ratio = (int(o["iterations"]) / float(o["seconds"])) / (int(f["iterations"]) / float(f["seconds"]))
                ratios.setdefault(m, []).append((fd_ratio, it_ratio))
                line += f" {f['iterations']:>10} {float(f['fd']):7.2f} {f['classes']:>3} | {fd_ratio:8.2f} {it_ratio:10.2f}"
            print(line)
    for m, pairs in ratios.items():
        print(f"after {m:g} min: FD ratio (median of {len(pairs)}) {statistics.median(p[0] for p in pairs):.2f}, "
              f"iterations per second ratio {statistics.median(p[1] for p in pairs):.2f}")
    print()
print("\nsample grids (8 x 8):")
for r in rows:
    print(f"  round {r['round']} {r['side']:>9} {float(r['minutes']):g} min: {r['grid']}")
EOF
echo "results: $results" >&2
