#!/usr/bin/env bash
# Training speed in the window against the headless trainer, same configuration, same machine:
# iterations per second from each run's metrics.csv (time_s column), over the same iterations
# after a warm-up, with the plots and the sample grid live in the window. Runs alternate in ABBA
# order (headless, window, window, headless, ...) so that a machine whose speed drifts affects
# both alike; each round's ratio compares neighbours.
#
#   scripts/gui-speed.sh [ITERATIONS] [ROUNDS] [extra --set key=value ...]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-600}
rounds=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
cli=build/app/ganstudio-cli
app=build/app/ganstudio
[ -x "$app" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sets=(--set training.iterations="$iterations" --set outputs.sample_every=50
      --set outputs.checkpoint_every=0 "$@")
headless() {
  "$cli" train --quiet "${sets[@]}" --out "$work/cli-$1" 2> /dev/null
}
window() {
  XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --start --quit-when-finished \
    "${sets[@]}" --set outputs.run_dir="$work/gui-$1" > /dev/null 2>&1
}
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  if [ $((round % 2)) -eq 1 ]; then headless "$round"; window "$round"; else window "$round"; headless "$round"; fi
done
python3 - "$work" "$rounds" "$iterations" <<'PY'
import csv, statistics, sys
work, rounds, iterations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
warm = min(50, iterations // 5)
def rate(path):
    rows = list(csv.DictReader(open(path)))
    first, last = rows[warm], rows[-1]
    return (int(last["iteration"]) - int(first["iteration"])) / (float(last["time_s"]) - float(first["time_s"]))
ratios = []
for r in range(1, rounds + 1):
    cli, gui = rate(f"{work}/cli-{r}/metrics.csv"), rate(f"{work}/gui-{r}/metrics.csv")
    ratios.append(gui / cli)
    print(f"round {r}: headless {cli:.2f} it/s, window {gui:.2f} it/s, window/headless {gui / cli:.3f}")
print(f"median window/headless: {statistics.median(ratios):.3f} (target >= 0.97)")
PY
