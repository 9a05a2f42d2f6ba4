#!/usr/bin/env bash
# How responsive the window stays while it trains (measurements, not tests): the worst lateness of a
# 10 ms GUI timer, and the latent explorer's slider-to-frame latency while training and idle.
#   scripts/gui-latency.sh [seed|tiny]    (default seed: the seed model on this CPU, ~1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
probe=build/tests/app/gui_latency_probe
[ -x "$probe" ] || { echo "build first: make build" >&2; exit 1; }
preset=${1:-seed}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" GANSTUDIO_LATENCY_PRESET="$preset" \
  QT_QPA_PLATFORM=offscreen "$probe"
