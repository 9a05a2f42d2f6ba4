# Sourced by the scripts that drive the built programs and the PyTorch reference (run from the
# repository root). Sets $cli to ganstudio-cli of the default or the headless build, and, with
# `need_torch`, $python to an interpreter that has torch.
cli=build/app/ganstudio-cli
[ -x "$cli" ] || cli=build-headless/app/ganstudio-cli
[ -x "$cli" ] || { echo "build first (make build, or cmake --preset headless)" >&2; exit 1; }

need_torch() {
  python=${PYTHON:-python3}
  "$python" -c 'import torch' 2>/dev/null || python=/usr/bin/python3
  "$python" -c 'import torch' 2>/dev/null ||
    { echo "the reference needs PyTorch for python3 (Debian: apt install python3-torch)" >&2; exit 1; }
}
