#!/usr/bin/env bash
# Starts GanStudio under a virtual X server (xvfb-run), trains briefly on the embedded digits and
# saves a picture of the window: docs/images/main-window.png (or the file given as $1).
# Usage: scripts/screenshot.sh [OUTPUT.png] [SECONDS] [extra ganstudio options...]
# Environment: SCREEN (default 1600x1000); the app's own, for example LANGUAGE=ja (Japanese),
# QT_SCALE_FACTOR=2 (hi-DPI); `--theme dark` and `--screenshot-explore` are options.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/main-window.png}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
app=build/app/ganstudio
[ -x "$app" ] || { echo "build the app first: make build (or cmake --build --preset default)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$(dirname "$out")"
# A clean profile: no remembered configuration, runs kept in the scratch folder.
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a -s "-screen 0 ${SCREEN:-1600x1000}x24" \
  "$app" --start --set "outputs.run_dir=$scratch/run" --set outputs.sample_every=50 \
  --screenshot "$out" --screenshot-delay "$seconds" "$@"
echo "saved $out"
