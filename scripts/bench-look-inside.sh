#!/usr/bin/env bash
# What the explorer's looking inside costs training (issue 29): the window trains the CPU default
# for SECONDS under a virtual X server in three modes, interleaved ROUNDS times, and prints the
# iterations per second from second 20 on (metrics.csv's time_s) of each:
#   idle     the explorer unused (the baseline)
#   explore  a grid cell and an interpolation strip in the explorer (snapshots twice a second)
#   look     a grid cell with "Where D looks" and G's layers shown (D's weights in each snapshot,
#            saliency and feature maps with each preview)
# Usage: scripts/bench-look-inside.sh [SECONDS] [ROUNDS]   (defaults 60, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
rounds=${2:-2}
app=build/app/ganstudio
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rate() {  # iterations per second between time_s 20 and the end of metrics.csv
  awk -F, 'NR > 1 && $11 >= 20 { if (!n++) { i0 = $1; t0 = $11 } i = $1; t = $11 }
           END { if (t > t0) printf "%.1f", (i - i0) / (t - t0); else print "nan" }' "$1"
}
for round in $(seq "$rounds"); do
  for mode in idle explore look; do
    run="$scratch/$mode-$round"
    option=()
    [ "$mode" = explore ] && option=(--screenshot-explore)
    [ "$mode" = look ] && option=(--screenshot-look)
    XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
      xvfb-run -a -s "-screen 0 1600x1000x24" \
      "$app" --start --set "outputs.run_dir=$run" --screenshot-delay 20 "${option[@]}" \
      --close-after "$seconds" --close-choice discard >/dev/null 2>&1 || true
    echo "round $round $mode: $(rate "$run/metrics.csv") it/s"
  done
done
