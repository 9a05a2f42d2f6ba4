#!/usr/bin/env bash
# The README's picture of a sweep: the quick sweep on a 2-minute budget (8 trials by successive
# halving, ganstudio-cli), then the window under a virtual X server with the sweep as a group in
# the runs panel: the parallel-coordinates chart with its distance axis brushed, the trials'
# table, the best two trials compared and the best opened.
# Usage: scripts/screenshot-sweep.sh [OUTPUT.png]   (SWEEP=DIR reuses a sweep folder)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/sweep.png}
source scripts/common.sh
app=build/app/ganstudio
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sweep=${SWEEP:-$scratch/quick}
[ -f "$sweep/sweep.yaml" ] || "$cli" sweep --quick --budget 2m --seed 3 --out "$sweep"
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a -s "-screen 0 ${SCREEN:-1600x1000}x24" \
  "$app" --screenshot-sweep "$sweep" --screenshot "$out" --screenshot-delay 10
echo "saved $out"
