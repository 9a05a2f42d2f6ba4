#!/usr/bin/env bash
# The README's picture of runs: a baseline, a branch of it from iteration 200 with a slower D and a
# run with the seed's loop, trained with ganstudio-cli; then the window under a virtual X server
# with the runs panel, two runs compared (curves and quality), the first opened and its history
# scrubbed back halfway, its note beside the compared settings. Usage: scripts/screenshot-runs.sh [OUTPUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/runs.png}
source scripts/common.sh
app=build/app/ganstudio
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
runs=$scratch/runs
common=(--quiet --set model.preset=compact --set training.threads=2 --set outputs.sample_every=25
        --set quality.every=100 --set outputs.checkpoint_every=100 --set outputs.keep_every=100)
"$cli" train "${common[@]}" --out "$runs/baseline" --set training.iterations=400
"$cli" train --quiet --branch "$runs/baseline@200" --out "$runs/slow-d" \
  --set training.learning_rate_d=0.0001
"$cli" train "${common[@]}" --out "$runs/seed-loop" --set training.iterations=300 \
  --set training.loop=seed-exact
"$cli" runs --rename "$runs/slow-d" --name "slow D (branch)" >/dev/null
"$cli" runs --note "$runs/baseline" "Baseline: compact preset, fast loop, lr 4e-4.
Digits readable from iteration 300; 3s and 5s still blur." >/dev/null
"$cli" runs --note "$runs/slow-d" "Branched at 200 with D at a quarter of the rate:
does D stop winning every batch? (see D's accuracy)" >/dev/null
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a -s "-screen 0 ${SCREEN:-1600x1000}x24" \
  "$app" --screenshot-runs "$runs" --screenshot "$out" --screenshot-delay 12
echo "saved $out"
