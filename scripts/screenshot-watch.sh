#!/usr/bin/env bash
# The README's picture of watching: `ganstudio-cli train` in the background (as on a GPU machine),
# the window following it under a virtual X server, paused from the window halfway through.
# Usage: scripts/screenshot-watch.sh [OUTPUT.png] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/watch.png}
seconds=${2:-40}
source scripts/common.sh
app=build/app/ganstudio
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
scratch=$(mktemp -d)
"$cli" train --quiet --out "$scratch/run" --set model.preset=compact --set training.threads=1 \
  --set training.iterations=20000 --set outputs.sample_every=50 --set quality.every=250 \
  >"$scratch/trainer.log" 2>&1 &
trainer=$!
trap 'kill $trainer 2>/dev/null; wait $trainer 2>/dev/null; rm -rf "$scratch"' EXIT
until [ -f "$scratch/run/control/status" ]; do sleep 0.2; done
# A change of learning rate from a shell halfway, as the window's form would send it.
( sleep $(( seconds / 2 )); "$cli" control "$scratch/run" set training.learning_rate_g=0.0002 ) &
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a -s "-screen 0 ${SCREEN:-1600x1000}x24" \
  "$app" --watch "$scratch/run" --screenshot "$out" --screenshot-delay "$seconds"
echo "saved $out"
